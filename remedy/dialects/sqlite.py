"""SQLite: names compare case-insensitively, few ALTERs (tables are rebuilt), transactional DDL."""
from __future__ import annotations

import re

from remedy.dialects.base import Dialect, register, spelling_key

AUTOINCREMENT, STRICT, WITHOUT_ROWID = "autoincrement", "strict", "without_rowid"  # Table.flags
# what SQL text holds besides words: strings, quoted names and comments (masked before words are looked for)
_OPAQUE = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]|--[^\n]*|/\*.*?(?:\*/|$)""", re.S)
_TABLE_OPTIONS = re.compile(r"(?is)\)\s*((?:(?:WITHOUT\s+ROWID|STRICT)\s*,?\s*)+)$")


def masked(sql: str) -> str:
    """``sql`` with its strings, quoted names and comments blanked (same length): what is left is SQL words."""
    return _OPAQUE.sub(lambda m: " " * len(m.group()), sql)


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

    table_flags = (AUTOINCREMENT, STRICT, WITHOUT_ROWID)
    unnamed_constraints = True  # CHECK, UNIQUE, FOREIGN KEY inside CREATE TABLE need no name
    generated_storage = True  # GENERATED ALWAYS AS (...) VIRTUAL or STORED (pragma table_xinfo: hidden 2 / 3)

    def flags_of(self, create_table: str) -> tuple[str, ...]:
        """AUTOINCREMENT (on the INTEGER PRIMARY KEY) and the table options after the column list (STRICT,
        WITHOUT ROWID), read from the statement as SQLite keeps it in sqlite_master."""
        words = masked(create_table).rstrip().rstrip(";").rstrip()
        found = {AUTOINCREMENT} if re.search(r"(?i)\bAUTOINCREMENT\b", words) else set()
        tail = _TABLE_OPTIONS.search(words)
        options = tail.group(1).upper() if tail else ""
        found |= {STRICT} if "STRICT" in options else set()
        found |= {WITHOUT_ROWID} if "ROWID" in options else set()
        return tuple(sorted(found))

    def flag_table_kwargs(self, flags: tuple[str, ...]) -> dict:
        return {**({"sqlite_autoincrement": True} if AUTOINCREMENT in flags else {}),
                **({"sqlite_strict": True} if STRICT in flags else {}),
                **({"sqlite_with_rowid": False} if WITHOUT_ROWID in flags else {})}

    def primary_key_not_null(self, flags: tuple[str, ...]) -> bool:
        """Only in a WITHOUT ROWID table (a rowid table's key columns take NULLs unless declared NOT NULL; the
        INTEGER PRIMARY KEY is the rowid, see ``not_null_implied``)."""
        return WITHOUT_ROWID in flags

    def client_lines(self) -> list[str]:
        return [".bail on"]  # the sqlite3 shell goes on after an error unless told (or given -bail)

    def not_null_implied(self, raw_type: str, sole_key_column: bool) -> bool:
        return sole_key_column and raw_type.strip().upper() == "INTEGER"

    def cross_types_equivalent(self, expected: str, actual: str) -> bool | None:
        return affinity(expected) == affinity(actual)  # SQLite keeps declared spellings loosely
