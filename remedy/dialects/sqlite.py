"""SQLite: names compare case-insensitively, few ALTERs (tables are rebuilt), transactional DDL."""
from __future__ import annotations

from remedy.dialects.base import Dialect, register, spelling_key


def affinity(t: str) -> str:
    """SQLite's type affinity of a declared type (its documented rules, in order)."""
    t = t.lower()
    if "int" in t:
        return "INTEGER"
    if any(k in t for k in ("char", "clob", "text")):
        return "TEXT"
    if "blob" in t or t == "bytea":
        return "BLOB"
    if any(k in t for k in ("real", "floa", "doub")):
        return "REAL"
    return "NUMERIC:" + t.split("(")[0]


@register
class SQLite(Dialect):
    name = "sqlite"
    label = "SQLite"
    sqlglot = "sqlite"
    alembic = "sqlite"
    partial_indexes = True
    inline_foreign_keys = True
    alter_in_place = False
    any_declared_type = True
    names_constraints = True  # an index (and a named constraint) keeps its name in sqlite_master
    present_kinds_sql = """SELECT type || 's', COUNT(*) FROM sqlite_master
WHERE type IN ('view', 'trigger') GROUP BY type"""

    dependent_objects = True  # views and triggers, as sqlite_master keeps them (remedy.sources.objects_sqlite)
    identifier_quotes = '"`['

    def definition_key(self, text: str) -> str:
        return spelling_key(text, self.identifier_quotes)

    def client_lines(self) -> list[str]:
        return [".bail on"]  # the sqlite3 shell goes on after an error unless told (or given -bail)

    def not_null_implied(self, raw_type: str, sole_key_column: bool) -> bool:
        return sole_key_column and raw_type.strip().upper() == "INTEGER"

    def cross_types_equivalent(self, expected: str, actual: str) -> bool | None:
        return affinity(expected) == affinity(actual)  # SQLite keeps declared spellings loosely
