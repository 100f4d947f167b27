"""table_option_mismatch: a MariaDB/MySQL table's engine, default character set and collation, or row format
differs (compared where the expected side says it; a database always does)."""
from __future__ import annotations

from remedy import dialects
from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.findings import Finding
from remedy.model import TableOptions

_WHAT = {"engine": ("engine", "warning"), "charset": ("default character set", "warning"),
         "collation": ("default collation", "warning"), "row_format": ("row format", "info")}


@comparator
def table_options(ctx: Context):
    if ctx.expected.dialect != ctx.live.dialect or not dialects.get(ctx.live.dialect).table_options:
        return
    for table, live in ctx.pairs():
        have = (live.options or TableOptions()).said()
        for name, want in (table.options or TableOptions()).said().items():
            got = have.get(name)
            if got is not None and want.lower() != got.lower():
                label, severity = _WHAT[name]
                yield Finding(kind="table_option_mismatch", schema=live.schema, table=live.name, object=name,
                              expected={name: want}, actual={name: got}, severity=severity,
                              message=f"table {live.name}'s {label} is {_shown(got)} but {_shown(want)} is expected",
                              evidence=table.evidence)


def _shown(value: str) -> str:
    return value or "the engine's default"
