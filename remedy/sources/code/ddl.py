"""Column types the repository's own schema and migration files declare (CREATE TABLE, ALTER TABLE
ADD COLUMN in ``.sql`` files): the type a plan creates a code-only column with, and which file says so."""
from __future__ import annotations

import re

import sqlglot
from sqlglot import exp

from remedy.normalize import SQLGLOT_DIALECT
from remedy.sources.code.sqltext import leading_blank, split_statements

_DDL = re.compile(r"(?is)^\s*(create\s+(?:unlogged\s+)?table|alter\s+table)\b")


def declared_types(text: str, dialect: str) -> list[list]:
    """[[table, column, type, line]] for every column a CREATE TABLE or ALTER TABLE … ADD COLUMN declares."""
    out: list[list] = []
    for offset, statement in split_statements(text):
        body = statement[len(leading_blank(statement)):]
        if not _DDL.match(body):
            continue
        line = text.count("\n", 0, offset + len(statement) - len(body)) + 1
        out.extend([table, column, sql_type, line] for table, column, sql_type in _columns(body, dialect))
    return out


def _columns(sql: str, dialect: str):
    read = SQLGLOT_DIALECT.get(dialect, dialect)
    try:
        tree = sqlglot.parse_one(sql, read=read)
    except Exception:  # a statement sqlglot cannot read declares nothing we can use
        return
    target = tree.find(exp.Table)
    if target is None:
        return
    for coldef in tree.find_all(exp.ColumnDef):
        kind = coldef.args.get("kind")
        if kind is not None and coldef.name:
            yield target.name.lower(), coldef.name.lower(), kind.sql(dialect=read).lower()
