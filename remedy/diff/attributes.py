"""Where a comment is part of a column's or table's definition (MariaDB/MySQL): missing_comment, extra_comment
and comment_mismatch on the column or table (cosmetic: info, the last phase); column_visibility_mismatch
(INVISIBLE: left out of SELECT * and of an INSERT without a column list)."""
from __future__ import annotations

from remedy import dialects
from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.findings import Finding
from remedy.model import Table


def _compared(ctx: Context) -> bool:
    return ctx.expected.dialect == ctx.live.dialect and dialects.get(ctx.live.dialect).inline_comments \
        and not ctx.partial


@comparator
def inline_comments(ctx: Context):
    if not _compared(ctx):
        return
    for table, live in ctx.pairs():
        yield from _comment(live, None, table.comment, live.comment, table.evidence)
        for col, actual in ctx.column_match(table, live).pairs:
            yield from _comment(live, actual.name, col.comment, actual.comment, col.evidence)


def _comment(live: Table, column: str | None, want: str | None, have: str | None, evidence) -> list[Finding]:
    if (want or None) == (have or None):
        return []
    kind = "missing_comment" if not have else "extra_comment" if not want else "comment_mismatch"
    what = f"{live.name}.{column}" if column else f"table {live.name}"
    message = {"missing_comment": f"{what} has no comment but {want!r} is expected",
               "extra_comment": f"{what} has the comment {have!r}, none is expected",
               "comment_mismatch": f"{what} has the comment {have!r} but {want!r} is expected"}[kind]
    return [Finding(kind=kind, schema=live.schema, table=live.name, column=column,
                    expected={"comment": want} if want else None, actual={"comment": have} if have else None,
                    message=message, severity="info", evidence=evidence)]


@comparator
def column_visibility(ctx: Context):
    if not _compared(ctx):
        return
    for table, live in ctx.pairs():
        for col, actual in ctx.column_match(table, live).pairs:
            if col.invisible != actual.invisible:
                word = lambda c: "INVISIBLE" if c.invisible else "visible"
                yield Finding(kind="column_visibility_mismatch", schema=live.schema, table=live.name,
                              column=actual.name, expected={"invisible": col.invisible},
                              actual={"invisible": actual.invisible},
                              message=f"{live.name}.{actual.name} is {word(actual)} but {word(col)} is expected "
                                      "(SELECT * and an INSERT without a column list see only visible columns)",
                              severity="warning", evidence=col.evidence)
