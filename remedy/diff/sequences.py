"""Standalone sequences (type, start, increment, bounds, cache, cycle, owner column) and extension versions."""
from __future__ import annotations

from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.diff.objects import compared, object_finding
from remedy.diff.objects import KindRules, compare_kind

SEQUENCE = KindRules("sequence", "sequence", "sequence", missing_severity="critical")


@comparator
def sequences(ctx: Context):
    yield from compare_kind(ctx, SEQUENCE)


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
