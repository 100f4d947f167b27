"""Types the operator gives to columns only the application code names, when nothing in the code types them.

A missing column or table whose expected type is unknown is never created by default: its
decision gives the type in ``value`` (a column: ``"timestamptz"``; a table: ``"owner text,
frequency integer"``, one ``name type`` per untyped column). Every type is parsed by sqlglot as
a data type of the live dialect, and what the plan writes is sqlglot's spelling, never the text.
"""
from __future__ import annotations

import re

from sqlglot import exp
from sqlglot.errors import ParseError

from remedy.errors import RemedyError
from remedy.findings import Finding
from remedy.normalize import SQLGLOT_DIALECT

_NAME = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_$]*)\s+(.+?)\s*$", re.S)
_TYPE_TEXT = re.compile(r"^[A-Za-z0-9_ (),\[\]]+$")


def untyped_columns(finding: Finding) -> tuple[str, ...]:
    """The columns of a missing column / table finding that nothing gave a type (only the code names them)."""
    expected = finding.expected or {}
    if finding.kind == "missing_column" and finding.column and "type" in expected:
        return (finding.column,) if not expected.get("type") and not expected.get("raw_type") else ()
    if finding.kind == "missing_table":
        return tuple(expected.get("untyped_columns", ()))
    return ()


def data_type(text: str, dialect: str, column: str = "") -> str:
    """``text`` as sqlglot's spelling of a data type of ``dialect``; RemedyError (exit 2) if it is not one."""
    try:
        if not _TYPE_TEXT.match(text or ""):
            raise ParseError(text)
        return exp.DataType.build(text.strip(), dialect=SQLGLOT_DIALECT[dialect]).sql(SQLGLOT_DIALECT[dialect]).lower()
    except (ParseError, TypeError, ValueError):
        raise RemedyError(f"{text!r} is not a {dialect} data type" + (f" (for {column})" if column else ""),
                          "give a built-in type such as text, integer, uuid, timestamptz or numeric(10,2)") from None


def decided_types(finding: Finding, value: str | None, dialect: str) -> dict[str, str]:
    """Column -> type for the untyped columns of ``finding``, from a decision's value (validated)."""
    untyped = untyped_columns(finding)
    if not untyped or not value:
        return {}
    if finding.kind == "missing_column":
        return {finding.column: data_type(value, dialect, f"{finding.table}.{finding.column}")}
    return {name: data_type(text, dialect, f"{finding.table}.{name}") for name, text in _pairs(finding, value, untyped)}


def _pairs(finding: Finding, value: str, untyped: tuple[str, ...]) -> list[tuple[str, str]]:
    out = []
    for part in _top_level(value):
        match = _NAME.match(part)
        if match is None or match.group(1) not in untyped:
            raise RemedyError(f"{finding.id}: {part.strip()!r} is not \"<column> <type>\" for one of "
                              f"{', '.join(untyped)}")
        out.append((match.group(1), match.group(2)))
    return out


def _top_level(value: str) -> list[str]:
    """``value`` split at the commas outside parentheses (numeric(10,2) stays whole)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(value):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(value[start:i])
            start = i + 1
    return parts + [value[start:]]


def still_untyped(finding: Finding, value: str | None, dialect: str) -> list[str]:
    """The finding's untyped columns its decision's value does not type, as schema.table.column."""
    given = decided_types(finding, value, dialect)
    return [f"{finding.schema}.{finding.table}.{c}" for c in untyped_columns(finding) if c not in given]
