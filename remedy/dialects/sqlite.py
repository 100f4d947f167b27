"""SQLite: names compare case-insensitively, few ALTERs (tables are rebuilt), transactional DDL."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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
    if not t or t == SQLite.untyped:
        return "BLOB"
    if "int" in t:
        return "INTEGER"
    if any(k in t for k in ("char", "clob", "text")):
        return "TEXT"
    if "blob" in t or t == "bytea":
        return "BLOB"
    if any(k in t for k in ("real", "floa", "doub")):
        return "REAL"
    return "NUMERIC:" + t.split("(")[0]


# typeof() of the values a STRICT column takes (ANY: every one, as it is)
_STRICT_CLASSES = {"INT": frozenset({"integer", "null"}), "INTEGER": frozenset({"integer", "null"}),
                   "REAL": frozenset({"real", "null"}), "TEXT": frozenset({"text", "null"}),
                   "BLOB": frozenset({"blob", "null"}), "ANY": None}
# what each affinity converts a value to when it converts without loss (others are kept as they are)
_AFFINITY_CLASSES = {"INTEGER": {"integer"}, "REAL": {"real"}, "NUMERIC": {"integer", "real"}, "TEXT": {"text"}}


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
    untyped = "(no type)"  # a column declared without a type (BLOB affinity): never a declared type's spelling
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
        """Only in a WITHOUT ROWID or a STRICT table (a rowid table's key columns take NULLs unless declared NOT
        NULL; the INTEGER PRIMARY KEY is the rowid, see ``not_null_implied``)."""
        return WITHOUT_ROWID in flags or STRICT in flags

    def is_rowid(self, raw_type: str, sole_key_column: bool, flags: tuple[str, ...]) -> bool:
        """The INTEGER PRIMARY KEY of a rowid table: the rowid itself (INTEGER affinity, NULL gets a new number)."""
        return self.not_null_implied(raw_type, sole_key_column) and WITHOUT_ROWID not in flags

    def client_lines(self) -> list[str]:
        return [".bail on"]  # the sqlite3 shell goes on after an error unless told (or given -bail)

    def not_null_implied(self, raw_type: str, sole_key_column: bool) -> bool:
        return sole_key_column and raw_type.strip().upper() == "INTEGER"

    def declared_columns(self, sql: str) -> dict:
        return declared_columns(sql)

    raw_type_carries_meaning = True  # the declared type is what SQLite keeps: INT is not INTEGER (the rowid's),
    # DATETIME is not TIMESTAMP (what a driver converts by), whatever the affinity says

    def same_raw_type(self, expected: str, actual: str) -> bool:
        return type_key(expected) == type_key(actual)

    converts_on_assignment = True  # by the column's affinity, losing nothing (a CAST turns 'abc' into 0)
    stores_by_affinity = True

    def copy_value(self, column_sql: str, declared: str, flags: tuple[str, ...]) -> str:
        """The value as it is (the new column's affinity converts what converts without loss, as on any insert);
        into a STRICT BLOB column, text as its bytes (STRICT refuses text there, and no affinity converts it)."""
        if STRICT in flags and declared.strip().upper() == "BLOB":
            return f"CASE typeof({column_sql}) WHEN 'text' THEN CAST({column_sql} AS BLOB) ELSE {column_sql} END"
        return column_sql

    def retype_hazard(self, column: str, to_type: str) -> str:
        return (f"each {column} is copied as it is and stored as {to_type} stores it, as an insert would (no "
                f"CAST: CAST('abc' AS INTEGER) is 0); a value {to_type} does not convert is kept as it is, and fails "
                f"the copy into a STRICT table or the rowid: the dry run counts them")

    def kept_classes(self, declared: str, flags: tuple[str, ...], rowid: bool) -> frozenset[str] | None:
        """The storage classes (typeof) a column holds its values in once its affinity has converted them
        (None: any); a value of another class is kept as it is, or refused (``refuses_unconverted``)."""
        if rowid:
            return frozenset({"integer", "null"})
        if STRICT in flags:
            return _STRICT_CLASSES.get(declared.strip().upper())
        kind = affinity(declared).split(":")[0]
        return None if kind == "BLOB" else frozenset(_AFFINITY_CLASSES[kind] | {"null"})

    def refuses_unconverted(self, flags: tuple[str, ...], rowid: bool) -> bool:
        """Whether a value the column's type does not convert fails the write (STRICT, the rowid)."""
        return rowid or STRICT in flags

    def same_storage_note(self, expected: str, actual: str) -> str:
        kind = affinity(expected).split(":")[0]  # (remedy tells NUMERIC types apart by name across dialects)
        if kind != affinity(actual).split(":")[0]:
            return ""
        return f"; both have {kind} affinity: the values stored do not change, only what the column declares"

    column_collations = True  # a column's COLLATE (NOCASE, RTRIM) is part of its definition, read from the text

    def column_type_suffix(self, column) -> str:
        if not column.collation:
            return ""
        plain = re.fullmatch(r"[A-Z_][A-Z0-9_]*", column.collation)  # NOCASE, RTRIM: as SQLite's docs write them
        return f" COLLATE {column.collation if plain else self.quote_always(column.collation)}"

    def type_sql(self, declared: str) -> str:
        return type_sql(declared)

    def cross_types_equivalent(self, expected: str, actual: str) -> bool | None:
        return affinity(expected) == affinity(actual)  # SQLite keeps declared spellings loosely


# --- what a column definition declares, read as SQLite reads it ---------------------------------------------

# the tokens of SQL text with their positions: strings, quoted names, words, and any other character
_TOKEN = re.compile(r"""\s+|--[^\n]*|/\*.*?(?:\*/|$)|(?P<t>'(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]"""
                    r"""|[\w$]+|.)""", re.S)
# the words that end a declared type (SQLite's keywords that are no identifier there); every other word,
# string or quoted name is part of it ("UNSIGNED BIG INT", "my type")
_AFTER_TYPE = frozenset({"CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE",
                         "REFERENCES", "AS"})
_TABLE_CONSTRAINT = frozenset({"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"})
_PLAIN_TYPE = re.compile(r"(?is)^[a-z_][\w$]*(?:\s+[a-z_][\w$]*)*(?:\s*\(\s*[+-]?[\d.]+\s*(?:,\s*[+-]?[\d.]+\s*)?\))?$")


@dataclass(frozen=True)
class Declared:
    """A column as its definition declares it, in SQLite's own terms."""

    name: str
    type: str  # the declared type as SQLite keeps it (pragma table_xinfo's type): the text as written
    span: tuple[int, int]  # where that text stands in the statement ((0, 0): no type)
    collation: str | None  # COLLATE name in upper case, as SQLite looks it up (None: BINARY, the default)


def _tokens(sql: str) -> list[tuple[str, int, int]]:
    return [(m.group("t"), m.start(), m.end()) for m in _TOKEN.finditer(sql) if m.group("t")]


def dequoted(text: str) -> str:
    """What SQLite keeps of a name or type written in quotes: the text up to the closing quote."""
    if not text or text[0] not in "\"'`[":
        return text
    close = "]" if text[0] == "[" else text[0]
    out, at = [], 1
    while at < len(text):
        if text[at] == close and close != "]" and text[at + 1:at + 2] == close:
            out.append(close)
            at += 2
        elif text[at] == close:
            break
        else:
            out.append(text[at])
            at += 1
    return "".join(out)


@lru_cache(maxsize=256)
def declared_columns(sql: str) -> dict[str, Declared]:
    """The columns a CREATE TABLE (or ALTER TABLE ... ADD COLUMN) statement declares, by lower-case name:
    each one's type as SQLite keeps it (the words, strings or quoted names after the column's name up to its
    first constraint, with their (n[, m]); a quoted one without its quotes; a trailing GENERATED ALWAYS left
    out) and its COLLATE."""
    tokens = _tokens(sql)
    words = [t.upper() for t, _, _ in tokens]
    if "ADD" in words and words[:2] == ["ALTER", "TABLE"]:
        at = words.index("ADD") + 1
        at += words[at:at + 1] == ["COLUMN"]
        items = [tokens[at:]]
    elif "(" in words and _creates_table(words) and "AS" not in words[:words.index("(")]:
        items = _items(tokens, words.index("("))
    else:
        return {}
    found = (_declared(sql, item) for item in items if item and item[0][0].upper() not in _TABLE_CONSTRAINT)
    return {column.name.lower(): column for column in found}


def _creates_table(words: list[str]) -> bool:
    """CREATE [TEMP] TABLE (a virtual table's arguments are its module's, not columns)."""
    return words[:2] == ["CREATE", "TABLE"] or (words[:1] == ["CREATE"] and words[2:3] == ["TABLE"]
                                                 and words[1] in ("TEMP", "TEMPORARY"))


def _items(tokens: list[tuple[str, int, int]], open_at: int) -> list[list[tuple[str, int, int]]]:
    """The comma-separated items of the parenthesised list opening at ``open_at``."""
    items, depth, current = [], 0, []
    for token in tokens[open_at + 1:]:
        depth += token[0] == "("
        if token[0] == ")" and depth == 0:
            break
        depth -= token[0] == ")"
        if token[0] == "," and depth == 0:
            items.append(current)
            current = []
        else:
            current.append(token)
    return items + [current]


def _declared(sql: str, item: list[tuple[str, int, int]]) -> Declared:
    at = 1
    while at < len(item) and item[at][0].upper() not in _AFTER_TYPE and (
            item[at][0][0] in "\"'`[" or item[at][0][0].isalpha() or item[at][0][0] in "_$"):
        at += 1
    if 1 < at < len(item) and item[at][0] == "(":
        depth = 0
        for at in range(at, len(item)):
            depth += (item[at][0] == "(") - (item[at][0] == ")")
            if depth == 0:
                break
        at += 1
    start, end = (item[1][1], item[at - 1][2]) if at > 1 else (0, 0)
    written = _without_generated_always(sql[start:end])
    end = start + len(written)
    collation = None
    depth = 0
    for pos, (token, _, _) in enumerate(item[at:], start=at):
        depth += (token == "(") - (token == ")")
        if depth == 0 and token.upper() == "COLLATE" and pos + 1 < len(item):
            collation = dequoted(item[pos + 1][0]).upper()
    collation = None if collation == "BINARY" else collation
    return Declared(dequoted(item[0][0]), dequoted(written), (start, end) if written else (0, 0), collation)


def _without_generated_always(text: str) -> str:
    """SQLite's own rule: GENERATED ALWAYS before AS (...) reads as words of the type, and is cut off it."""
    if len(text) >= 16 and text[-6:].lower() == "always":
        text = text[:-6].rstrip()
        if len(text) >= 9 and text[-9:].lower() == "generated":
            text = text[:-9].rstrip()
    return text


def type_key(declared: str) -> str:
    """What is compared of a declared type: its words and numbers, whatever their case and spacing."""
    return re.sub(r"\s*([(),])\s*", r"\1", " ".join(declared.upper().split()))


def type_sql(declared: str) -> str:
    """A declared type as a statement writes it so that SQLite keeps it as it is: as it is when it is words
    with their (n[, m]), else in quotes."""
    words = set(re.findall(r"[A-Za-z_]\w*", declared.upper()))
    if not declared or (_PLAIN_TYPE.match(declared) and not words & _AFTER_TYPE and "GENERATED" not in words
                        and "ALWAYS" not in words):
        return declared
    return '"' + declared.replace('"', '""') + '"'
