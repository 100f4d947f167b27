"""The SQLite oracle: sqlite_master plus ``pragma table_xinfo / index_list / index_xinfo / foreign_key_list /
table_list``, read with the sqlite3 shell and written for the oracle alone (no code shared with remedy/sources).

What it reads from the CREATE TABLE text: CHECK clauses, AUTOINCREMENT, generated columns' expressions and each
column's COLLATE (which no pragma reports).
What it leaves out: the physical column order, whether a rowid (INTEGER PRIMARY KEY) says NOT NULL (it refuses
NULL either way), the names SQLite gives the automatic indexes of UNIQUE and PRIMARY KEY constraints (``sqlite_autoindex_t_N``: the order of the constraints), identifier quotes and spacing
in CHECK clauses, partial-index predicates, trigger and view bodies, the case of declared types, and the case of
an index key's collation name (SQLite looks collations up case-insensitively: NOCASE and nocase are one).
"""
from __future__ import annotations

import re

from tests.conformance.sqliteclient import query

HOW = "sqlite_master and pragmas through the sqlite3 shell"

_USER = "m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"
COLUMNS = f"""SELECT m.name AS t, p.name, upper(p.type) AS type, p."notnull", p.dflt_value, p.pk, p.hidden
FROM sqlite_master m, pragma_table_xinfo(m.name) p WHERE {_USER}"""
INDEXES = f"""SELECT m.name AS t, il.name, il."unique", il.origin, il.partial,
 (SELECT group_concat(coalesce(x.name, '<expr>') || iif(x."desc", ' DESC', '') || ' ' || upper(x.coll), ', ')
  FROM pragma_index_xinfo(il.name) x WHERE x.key = 1) AS cols
FROM sqlite_master m, pragma_index_list(m.name) il WHERE {_USER}"""
FOREIGN_KEYS = f"""SELECT m.name AS t, f.id, f."table" AS ref, f."from", f."to", f.on_update, f.on_delete
FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE {_USER} ORDER BY m.name, f.id, f.seq"""
TABLES = "SELECT name, strict, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' " \
         "AND name NOT LIKE 'sqlite_%'"
SOURCES = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL"


def picture(url: str) -> list[str]:
    tables = query(url, TABLES)
    lines = [f"table {r['name']} strict={r['strict']} without_rowid={r['wr']}" for r in tables]
    columns = query(url, COLUMNS)
    rowids = _rowids(columns, {r["name"] for r in tables if r["wr"]})
    lines += [_column(r, (r["t"], r["name"]) in rowids) for r in columns]
    lines += [_index(r, url) for r in query(url, INDEXES)]
    lines += _foreign_keys(query(url, FOREIGN_KEYS))
    for row in query(url, SOURCES):
        lines += _from_source(row)
    return sorted(lines)


def _rowids(columns: list[dict], without_rowid: set[str]) -> set[tuple[str, str]]:
    """The columns that are their table's rowid: the sole key column, declared INTEGER, of a rowid table."""
    keys: dict[str, list[dict]] = {}
    for r in columns:
        if r["pk"]:
            keys.setdefault(r["t"], []).append(r)
    return {(t, cols[0]["name"]) for t, cols in keys.items()
            if len(cols) == 1 and cols[0]["type"].strip() == "INTEGER" and t not in without_rowid}


def _column(r: dict, rowid: bool = False) -> str:
    """A rowid's NOT NULL is left out: the rowid refuses NULL (an insert of NULL gives it a new number) whether or
    not the column says NOT NULL, and remedy does not compare the words (docs/dialects.md)."""
    default = _unwrap(r["dflt_value"]) if r["dflt_value"] is not None else "<none>"
    notnull = "(rowid)" if rowid else r["notnull"]
    return (f"column {r['t']}.{r['name']} {' '.join(r['type'].split())} notnull={notnull} "
            f"default={default} pk={r['pk']} hidden={r['hidden']}")


def _index(r: dict, url: str) -> str:
    name = r["name"] if r["origin"] == "c" else f"<{r['origin']}>"
    return f"index {r['t']}.{name} unique={r['unique']} partial={r['partial']} ({r['cols']})"


def _foreign_keys(rows: list[dict]) -> list[str]:
    keys: dict[tuple, list[dict]] = {}
    for r in rows:
        keys.setdefault((r["t"], r["id"]), []).append(r)
    return [f"foreign key {t}({', '.join(c['from'] for c in cols)}) -> {cols[0]['ref']}"
            f"({', '.join(str(c['to']) for c in cols)}) on update {cols[0]['on_update']} on delete {cols[0]['on_delete']}"
            for (t, _), cols in keys.items()]


def _from_source(row: dict) -> list[str]:
    sql = row["sql"]
    if row["type"] in ("view", "trigger"):
        return [f"{row['type']} {row['name']} on {row['tbl_name']}: {_plain(sql)}"]
    if row["type"] != "table":
        return []
    if re.match(r"(?is)\s*create\s+virtual\s+table", sql):
        return [f"virtual table {row['name']}: {_plain(sql)}"]
    lines = [f"check {row['name']}.{name or '<unnamed>'}: {_plain(expr)}" for name, expr in _checks(sql)]
    lines += [f"generated {row['name']}.{name}: {_plain(_unwrap(expr))}" for name, expr in _generated(sql)]
    lines += [f"collation {row['name']}.{name}: {name_of}" for name, name_of in _collations(sql)]
    lines += [f"deferred foreign key {row['name']} -> {target}" for target in _deferred(sql)]
    if re.search(r"(?i)\bautoincrement\b", sql):
        lines.append(f"autoincrement {row['name']}")
    return lines


def _plain(sql: str) -> str:
    """Spacing, identifier quotes and case folded away."""
    text = re.sub(r'["`\[\]]', "", sql)
    text = re.sub(r"\s*([(),=<>+*/-])\s*", r"\1", " ".join(text.split()))
    return text.lower()


def _unwrap(text: str) -> str:
    while text.startswith("(") and text.endswith(")") and _closing(text, 0) == len(text) - 1:
        text = text[1:-1].strip()
    return text


_CHECK = re.compile(r"(?i)(?:\bconstraint\s+(\"[^\"]+\"|`[^`]+`|\[[^\]]+\]|\w+)\s+)?\bcheck\s*\(")


def _checks(sql: str) -> list[tuple[str, str]]:
    """Every CHECK (...) clause of a CREATE TABLE, with its constraint name when it has one."""
    out, masked = [], _mask_strings(sql)
    for match in _CHECK.finditer(masked):
        start = match.end() - 1
        end = _closing(masked, start)
        name = (match.group(1) or "").strip('"`[]')
        out.append((name, sql[start + 1:end]))
    return out


_GENERATED = re.compile(r"(?is)^\s*(\"[^\"]+\"|`[^`]+`|\[[^\]]+\]|\w+)\s.*?\bas\s*\(")


def _generated(sql: str) -> list[tuple[str, str]]:
    """Every generated column of a CREATE TABLE (``name ... [GENERATED ALWAYS] AS (expr)``) with its expression."""
    masked, out = _mask_strings(sql), []
    for piece, end in _items(masked):
        match = _GENERATED.match(masked[piece:end])
        if match:
            open_at = piece + match.end() - 1
            name = sql[piece + match.start(1):piece + match.end(1)].strip('"`[]')
            out.append((name, sql[open_at + 1:_closing(masked, open_at)]))
    return out


_COLUMN_NAME = re.compile(r'(?is)^\s*("(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|\w+)')
_NOT_A_COLUMN = re.compile(r"(?i)^\s*(constraint|primary|unique|check|foreign)\b")
_COLLATE = re.compile(r'(?i)\bcollate\s+("(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|\w+)')


def _collations(sql: str) -> list[tuple[str, str]]:
    """Every column's COLLATE of a CREATE TABLE (outside parentheses: not a CHECK's or a default's), BINARY
    (the default) left out; the name in upper case (SQLite looks collations up case-insensitively)."""
    masked, out = _mask_strings(sql), []
    for piece, end in _items(masked):
        text = masked[piece:end]
        name = _COLUMN_NAME.match(text)
        if name is None or _NOT_A_COLUMN.match(text):
            continue
        flat = re.sub(r"\([^()]*\)", "", text)
        while flat != (flat := re.sub(r"\([^()]*\)", "", flat)):
            pass
        said = [m.group(1).strip('"`[]').upper() for m in _COLLATE.finditer(flat)]
        if said and said[-1] != "BINARY":
            out.append((sql[piece + name.start(1):piece + name.end(1)].strip('"`[]'), said[-1]))
    return out


_DEFERRED = re.compile(r'(?is)\breferences\s+("(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|\w+)\s*(?:\([^)]*\))?'
                       r"((?:\s*(?:on\s+(?:delete|update)\s+(?:set\s+null|set\s+default|cascade|restrict|no\s+action)"
                       r"|match\s+\w+))*)\s*deferrable\s+initially\s+deferred\b")


def _deferred(sql: str) -> list[str]:
    """The tables each DEFERRABLE INITIALLY DEFERRED foreign key references (no pragma reports it; the other
    spellings, DEFERRABLE alone or INITIALLY IMMEDIATE, check at once as a plain key does)."""
    return sorted(m.group(1).strip('"`[]') for m in _DEFERRED.finditer(_mask_strings(sql)))


def _items(masked: str) -> list[tuple[int, int]]:
    """(start, end) of each top-level item of a CREATE TABLE's parenthesised list."""
    start = masked.index("(")
    body_end = _closing(masked, start)
    out, depth, piece = [], 0, start + 1
    for i in range(start + 1, body_end + 1):
        depth += masked[i] == "("
        depth -= masked[i] == ")"
        if (masked[i] == "," and depth == 0) or i == body_end:
            out.append((piece, i))
            piece = i + 1
    return out


def _mask_strings(sql: str) -> str:
    """The text with string literals blanked (same length), so keywords inside strings are not matched."""
    return re.sub(r"'(?:[^']|'')*'", lambda m: "'" + "_" * (len(m.group()) - 2) + "'", sql)


def _closing(text: str, start: int) -> int:
    depth = 0
    for i in range(start, len(text)):
        depth += text[i] == "("
        depth -= text[i] == ")"
        if depth == 0:
            return i
    return len(text) - 1
