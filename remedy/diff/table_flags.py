"""table_flag_mismatch: a table created with other flags than expected (PostgreSQL: UNLOGGED; SQLite:
AUTOINCREMENT, STRICT, WITHOUT ROWID; remedy.dialects ``table_flags``). One finding per flag that differs."""
from __future__ import annotations

from remedy import dialects
from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.findings import Finding


def flag_text(flag: str) -> str:
    """A flag as SQL spells it: ``without_rowid`` is WITHOUT ROWID."""
    return flag.upper().replace("_", " ")


@comparator
def table_flags(ctx: Context):
    if ctx.expected.dialect != ctx.live.dialect or not dialects.get(ctx.live.dialect).table_flags:
        return
    for table, live in ctx.pairs():
        for flag in sorted(set(table.flags) ^ set(live.flags)):
            wanted, shown = flag in table.flags, flag_text(flag)
            yield Finding(kind="table_flag_mismatch", schema=live.schema, table=live.name, object=flag,
                          expected={"flags": list(table.flags)}, actual={"flags": list(live.flags)},
                          message=f"table {live.name} is {'not ' if wanted else ''}{shown} but the expected "
                                  f"table is{'' if wanted else ' not'}",
                          severity="warning", evidence=table.evidence)
