"""A column from one dialect spelled for another: types through sqlglot, defaults transpiled.

The plan converts every column it creates to the live database's dialect, so the
renderers can use ``raw_type`` / ``raw_default`` as they stand.
"""
from __future__ import annotations

from dataclasses import replace

import sqlglot

from remedy import dialects
from remedy.model import Column, Table
from remedy.normalize import SQLGLOT_DIALECT, normalize_type

AUTOINCREMENT = "autoincrement"


def type_spec(column: Column, source: str, target: str) -> str:
    """The column's type spelled for the target dialect (the metadata helper's sqlglot translation)."""
    from remedy.sources.metadata import translate_type

    rules = dialects.get(target)
    if source == target and column.raw_type:
        return rules.type_sql(column.raw_type)
    if column.type and column.type == dialects.get(source).untyped:  # SQLite's column without a type
        return "" if rules.any_declared_type else "text"
    if rules.any_declared_type:  # SQLite stores any declared type: keep the canonical spelling, so it compares equal
        return column.type or "text"
    text = translate_type(column.raw_type or column.type or "text", source, target)
    if rules.varchar_needs_length and text.upper() == "VARCHAR":
        return "VARCHAR(255)"  # MySQL needs a length
    return text


def copy_value(dialect: str, table: Table, column: Column) -> str:
    """What a table rebuild selects for ``column`` of ``table`` (as they are after a type change)."""
    rules = dialects.get(dialect)
    return rules.copy_value(rules.quote(column.name), type_spec(column, dialect, dialect), table.flags)


def default_spec(column: Column, source: str, target: str) -> str | None:
    """The column's default expression for the target dialect (None: no default / identity / generated)."""
    if column.identity or column.default == AUTOINCREMENT or (column.default or "").startswith("generated: "):
        return None
    if source == target and column.raw_default is not None:
        return column.raw_default
    if column.default is None:
        return None
    if column.default == "now()":
        return "CURRENT_TIMESTAMP"
    try:
        text = sqlglot.transpile(column.default, read="postgres", write=SQLGLOT_DIALECT[target])[0]
    except Exception:
        text = column.default
    if dialects.get(target).function_defaults_in_parentheses and text.endswith(")") and not text.startswith("("):
        text = f"({text})"
    return text


def for_dialect(column: Column, source: str, target: str) -> Column:
    """The same column with raw_type / raw_default spelled for ``target``."""
    if source == target and column.raw_type:
        return column
    spec = type_spec(column, source, target)
    typed = normalize_type(spec, target) if spec else dialects.get(target).untyped
    return replace(column, raw_type=spec, type=typed if column.type else "",
                   raw_default=default_spec(column, source, target))


_ZERO_TYPES = ("integer", "bigint", "smallint", "numeric", "real", "double precision", "money")


def backfill_value(column: Column, enum_values: tuple[str, ...] = (), dialect: str = "") -> str | None:
    """A harmless value for existing rows of a NOT NULL column without default (None: none needed)."""
    if column.nullable or column.default is not None or column.identity:
        return None
    base = column.type.split("(")[0]
    if base.endswith("[]") or base in ("json", "jsonb"):
        return "'{}'"
    if base in _ZERO_TYPES:
        return "0"
    if base == "boolean":
        return "false"
    if base in ("timestamp", "timestamptz", "date", "time", "timetz"):
        return "CURRENT_TIMESTAMP"
    if base == "uuid":
        return "'00000000-0000-0000-0000-000000000000'"
    if enum_values:  # the enum's dialect writes the literal (PostgreSQL: E'..' for a backslash)
        return dialects.get(dialect or "postgresql").literal(enum_values[0])
    return "''"
