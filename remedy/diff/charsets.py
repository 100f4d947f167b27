"""MariaDB/MySQL: a character column's character set and collation (part of its type: a type_mismatch).

A column that says neither (nor its table) is the table's default: it matches a live column that is the live
table's default, so DDL that never names a charset reports nothing where the live one is the default. A charset
said without a collation compares the charset alone (the collation is the charset's default, which the DDL
does not name)."""
from __future__ import annotations

from remedy import dialects
from remedy.diff.context import Context
from remedy.model import Column, Table, TableOptions


def same_charset(ctx: Context, live: Table, col: Column, actual: Column) -> bool:
    rules = dialects.get(ctx.live.dialect)
    if not rules.table_options or ctx.expected.dialect != ctx.live.dialect \
            or not (rules.has_charset(col.type) and rules.has_charset(actual.type)):
        return True
    if col.charset is None and col.collation is None:  # nothing said: the table's default
        default = live.options or TableOptions()
        return actual.charset in (None, default.charset) and actual.collation in (None, default.collation)
    return col.charset in (None, actual.charset) and col.collation in (None, actual.collation)


def charset_text(col: Column) -> str:
    """`` CHARACTER SET latin1 COLLATE latin1_swedish_ci`` as a finding's message shows it ("" if unsaid)."""
    text = f" CHARACTER SET {col.charset}" if col.charset else ""
    return text + (f" COLLATE {col.collation}" if col.collation else "")
