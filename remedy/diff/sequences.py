"""Standalone sequences (type, start, increment, bounds, cache, cycle, owner column) and extension versions."""
from __future__ import annotations

from remedy.dialects.postgresql_sequences import draws_from_serial_name, serial_sequence_name
from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.model import SERIAL
from remedy.diff.objects import compared, object_finding
from remedy.diff.objects import KindRules, compare_kind

SEQUENCE = KindRules("sequence", "sequence", "sequence", missing_severity="critical")


@comparator
def sequences(ctx: Context):
    handed_over = _handed_over(ctx)
    for finding in compare_kind(ctx, SEQUENCE):
        if finding.kind not in ("extra_sequence", "missing_sequence") or (finding.schema, finding.table) \
                not in handed_over:
            yield finding


def _handed_over(ctx: Context) -> set[tuple[str, str]]:
    """(live schema, name) of the sequences that pass between a serial column and a plain one drawing from the
    sequence under the serial's name: its owner lost (``OWNED BY NONE``) or to be given up. The column's
    column_kind_mismatch says it, and its plan sets OWNED BY; the sequence is no finding of its own."""
    out = set()
    for table, live in ctx.pairs():
        for col, actual in ctx.column_match(table, live).pairs:
            plain, serial = (actual, col) if col.kind == SERIAL else (col, actual)
            if serial.kind == SERIAL and not plain.kind and draws_from_serial_name(
                    plain.raw_default, (table if plain is col else live).schema, live.name, plain.name):
                out.add((live.schema, serial_sequence_name(live.name, actual.name)))
    return out


@comparator
def extension_versions(ctx: Context):
    """extension_version_mismatch where both sides have the extension (missing_extension says the rest)."""
    if not compared(ctx, "extension"):  # --ignore-extension-versions takes "extension" out of objects_read
        return
    for want in ctx.expected.objects_of("extension"):
        have = ctx.live.objects.get(want.key)
        if have is not None and have.definition != want.definition:
            yield object_finding("extension_version_mismatch", "", want, have, "warning",
                                 f"extension {want.name} is version {have.definition}, expected {want.definition}")
