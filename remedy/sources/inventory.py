"""What else a database holds: a count per object kind and schema of everything beyond the tables,
columns, keys, indexes and enums that the model reads (views, functions, triggers, policies, grants, ...).

The scan reports the kinds that no registered comparator compares (``remedy.diff.compared_kinds``) as
``not_compared``, so "no drift" never means "did not look". One query per dialect, in a read-only
transaction rolled back after.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence

from sqlalchemy.engine import Connection

from remedy.db import dialect_of


@dataclass(frozen=True)
class Present:
    kind: str  # "view", "function", "trigger", ...
    schema: str  # "" for database-wide objects (event triggers, publications)
    count: int
    side: str = "live"  # "live" or "expected" (an expected database)

    def to_json(self) -> dict:
        return {"kind": self.kind, "count": self.count, "schema": self.schema, "side": self.side}


def read_inventory(conn: Connection, schemas: Sequence[str], side: str = "live") -> tuple[Present, ...]:
    """Counts by kind and schema on an open connection (its own read-only transaction, rolled back)."""
    from remedy.sources.live import begin_read_only

    dialect = dialect_of(conn.engine.url)
    if not schemas:
        return ()
    try:
        begin_read_only(conn, dialect)
        rows = _READERS.get(dialect, _declared_by_dialect)(conn, list(schemas))
    finally:
        conn.rollback()
    return tuple(Present(kind, schema or "", int(count), side) for kind, schema, count in rows if count)


def _postgresql(conn: Connection, schemas: list[str]) -> list[tuple]:
    from remedy.sources.live import load_sql

    return conn.exec_driver_sql(load_sql("postgresql_inventory"), {"schemas": schemas}).all()


def _declared_by_dialect(conn: Connection, schemas: list[str]) -> list[tuple]:
    """The dialect's own counts (remedy.dialects: ``present_kinds``), in the current database."""
    from remedy import dialects

    counts = dialects.get(dialect_of(conn.engine.url)).present_kinds(conn)
    return [(_singular(kind), schemas[0], count) for kind, count in counts.items()]


def _singular(kind: str) -> str:
    return kind[:-1] if kind.endswith("s") else kind


_READERS: dict[str, Callable[[Connection, list[str]], list[tuple]]] = {"postgresql": _postgresql}


# ---- a catalog or .sql file: the statements the DDL reader does not turn into the model ----------------

_IDENT = r'(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)'
_NAME = rf"({_IDENT}(?:\s*\.\s*{_IDENT})?)"  # a possibly qualified name, captured
_ALTER_TABLE = rf"^\s*ALTER\s+TABLE\s+(?:ONLY\s+)?{_NAME}\s+"
_CREATE_TABLE = rf"^\s*CREATE\s+(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?{_NAME}"


@dataclass(frozen=True)
class _Patterns:
    created: re.Pattern
    on_table: re.Pattern
    types: re.Pattern
    other: dict[str, re.Pattern]
    default_privileges: re.Pattern
    owned_sequence: re.Pattern


@lru_cache(maxsize=None)
def _patterns() -> _Patterns:
    """The DDL patterns, compiled on first use: a scan against a database never needs them (compiling them
    cost every scan's start-up ~15 ms)."""
    lines = re.I | re.M
    return _Patterns(
        created=re.compile(
            rf"(?im)^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP(?:ORARY)?\s+|RECURSIVE\s+|CONSTRAINT\s+)?"
            rf"(MATERIALIZED\s+VIEW|VIEW|FUNCTION|PROCEDURE|AGGREGATE|TRIGGER|POLICY|RULE|SEQUENCE|DOMAIN|COLLATION"
            rf"|STATISTICS|OPERATOR|EVENT\s+TRIGGER|EVENT|FOREIGN\s+TABLE|TEXT\s+SEARCH\s+CONFIGURATION|PUBLICATION)"
            rf"\s+(?:IF\s+NOT\s+EXISTS\s+)?({_IDENT}(?:\s*\.\s*{_IDENT})?)"),
        on_table=re.compile(rf"(?is)\bON\s+({_IDENT}(?:\s*\.\s*{_IDENT})?)"),
        types=re.compile(rf"(?im)^\s*CREATE\s+TYPE\s+({_IDENT}(?:\s*\.\s*{_IDENT})?)\s+AS\s*(RANGE|\()"),
        other={
            "grant": re.compile(rf"^\s*GRANT\s+.+?\s+ON\s+(?:TABLE\s+|SEQUENCE\s+|SCHEMA\s+|ALL\s+TABLES\s+IN\s+SCHEMA\s+)?"
                                + _NAME, lines),
            "comment": re.compile(rf"^\s*COMMENT\s+ON\s+(?:TABLE|COLUMN)\s+{_NAME}", lines),
            "row_level_security": re.compile(_ALTER_TABLE + r"ENABLE\s+ROW\s+LEVEL\s+SECURITY", lines),
            "partition": re.compile(_CREATE_TABLE + r"\s+PARTITION\s+OF\b", lines),
            "inheritance": re.compile(_CREATE_TABLE + r"\s*\([^;]*?\)\s*INHERITS\s*\(", lines | re.S),
            "table_storage_parameters": re.compile(rf"{_CREATE_TABLE}\s*\([^;]*?\)\s*WITH\s*\(|{_ALTER_TABLE}SET\s*\(",
                                                   lines | re.S),
            "replica_identity": re.compile(_ALTER_TABLE + r"REPLICA\s+IDENTITY\s+(?!DEFAULT\b)", lines),
            "clustered_index": re.compile(_ALTER_TABLE + r"CLUSTER\s+ON\b", lines),
            "column_storage_setting": re.compile(_ALTER_TABLE + rf"ALTER\s+(?:COLUMN\s+)?{_IDENT}\s+SET\s+"
                                                                r"(?:STORAGE|STATISTICS|COMPRESSION)\b", lines),
        },
        # "" (database-wide) without IN SCHEMA
        default_privileges=re.compile(
            rf"(?im)^\s*ALTER\s+DEFAULT\s+PRIVILEGES\b(?:[^;]*?\bIN\s+SCHEMA\s+({_IDENT}))?"),
        owned_sequence=re.compile(
            rf"(?im)^\s*ALTER\s+SEQUENCE\s+({_IDENT}(?:\s*\.\s*{_IDENT})?)\s+OWNED\s+BY\s+(?!NONE)"),
    )


def ddl_inventory(texts: Sequence[str], default_schema: str) -> tuple[Present, ...]:
    """Counts of what DDL text declares that the DDL reader does not model (side "expected").

    A line-anchored scan of the text (cheap enough to run on every scan of a cached catalog): a statement
    hidden in a comment or a string could be counted, one not starting a line is not."""
    counts: Counter = Counter()
    for text in texts:
        counts.update(_ddl_counts(text, default_schema))
    return tuple(Present(kind, schema, n, "expected") for (kind, schema), n in sorted(counts.items()))


def _ddl_counts(text: str, default_schema: str) -> Counter:
    counts: Counter = Counter()
    patterns = _patterns()
    owned = {_schema_of(m.group(1), default_schema) + (_last(m.group(1)),)
             for m in patterns.owned_sequence.finditer(text)}
    for match in patterns.created.finditer(text):
        kind = re.sub(r"\s+", "_", match.group(1).lower())
        name = match.group(2)
        if kind == "sequence" and _schema_of(name, default_schema) + (_last(name),) in owned:
            continue  # a serial column's sequence: part of the column
        if kind in ("trigger", "policy", "rule"):
            target = patterns.on_table.search(text, match.end())
            name = target.group(1) if target else name
        counts[(kind, _schema_of(name, default_schema)[0])] += 1
    for match in patterns.types.finditer(text):
        kind = "range_type" if match.group(2).upper() == "RANGE" else "composite_type"
        counts[(kind, _schema_of(match.group(1), default_schema)[0])] += 1
    for match in patterns.default_privileges.finditer(text):
        counts[("default_privileges", _parts(match.group(1))[0] if match.group(1) else "")] += 1
    for kind, pattern in patterns.other.items():
        for match in pattern.finditer(text):
            name = next(group for group in match.groups() if group)
            counts[(kind, _schema_of(name, default_schema)[0])] += 1
    return counts


def _parts(name: str) -> list[str]:
    return [p.strip()[1:-1].replace('""', '"') if p.strip().startswith('"') else p.strip().lower()
            for p in re.findall(rf"{_IDENT}", name)]


def _schema_of(name: str, default_schema: str) -> tuple[str]:
    parts = _parts(name)
    return (parts[0] if len(parts) > 1 else default_schema,)


def _last(name: str) -> str:
    return _parts(name)[-1]
