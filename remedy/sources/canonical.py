"""Let the server say what a catalog means: its DDL loaded into scratch schemas, read back, rolled back.

A catalog's CHECK conditions, index expressions and predicates, generated expressions, identity
options and constraint options (DEFERRABLE, NO INHERIT, NULLS NOT DISTINCT, INCLUDE, WITH ...) are
spelled as their author wrote them; the live database holds the server's own deparse of them. Rather
than guess which spellings mean the same, remedy runs the catalog's DDL on the target server, in one
transaction that is always rolled back: each namespace the catalog names is created under a scratch
name (``remedy_scratch_<token>_<n>``), every qualified reference to it is pointed there, and the
result is read with the same reader as the live database. Names are then mapped back. So both sides
are deparsed by the same server and compare exactly.

The load itself (statements run, retried, the search_path followed, the read) is remedy.sources.server_read's,
shared with the scratch database (remedy.sources.scratch); ``RolledBackSchemas`` is the isolation this module
gives it.

Nothing persists: the transaction is rolled back, and its locks are on new objects only. If a
statement fails (a privilege, an object the catalog references but does not create), nothing is
taken from the load: the parsed catalog is compared by spelling, and the scan says so.
"""
from __future__ import annotations

import dataclasses
import re
import secrets
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlglot.tokens import TokenType

from remedy.errors import SourceError
from remedy.model import Schema, Table
from remedy.sources.server_read import Script, first_line, load_and_read, try_statement

_SKIPPED = re.compile(r"(?is)^\s*(SET\s|SELECT\s+pg_catalog\.set_config|SELECT\s+pg_catalog\.setval|COMMENT\s+ON\s"
                      r"|GRANT\s|REVOKE\s|BEGIN\b|COMMIT\b|CREATE\s+SCHEMA\s|CREATE\s+EXTENSION\s"
                      r"|ALTER\s+\w+(\s+\w+)?\s+.+\s+OWNER\s+TO\s)")


@dataclass(frozen=True)
class Loaded:
    schema: Schema | None  # the catalog as the server reads it (None: it could not be loaded)
    failure: str = ""  # file:line and the server's message, when it could not


def load_through_server(conn: Connection, ddl: list[tuple[str, str]], parsed: Schema) -> Loaded:
    """The catalog ``ddl`` ((file, text) pairs) as the server on ``conn`` reads it, or why not.
    ``conn`` must have no transaction open; it is left with none."""
    names = sorted(set(parsed.schemas) | {k[0] for k in parsed.tables} | {k[0] for k in parsed.enums})
    token = secrets.token_hex(4)
    isolation = RolledBackSchemas(conn, parsed, {name: f"remedy_scratch_{token}_{n}" for n, name in enumerate(names)})
    try:
        return Loaded(load_and_read([Script(file, text) for file, text in ddl], isolation))
    except SourceError as exc:
        return Loaded(None, str(exc).replace(": PostgreSQL refused the DDL:", ":", 1))


@dataclass(frozen=True)
class RolledBackSchemas:
    """The target database, in a transaction always rolled back: each namespace of the catalog is created as
    ``scratch[name]``, every qualifier naming it is pointed there, and the read is mapped back. Ownership, grants,
    comments, CREATE SCHEMA / EXTENSION and other SET statements are not run; only tables and enums are read."""

    conn: Connection
    parsed: Schema
    scratch: dict[str, str]
    transactional = True

    @contextmanager
    def session(self, scripts) -> Iterator[Connection]:
        self.conn.exec_driver_sql("BEGIN")
        try:
            try:
                for name in self.scratch.values():
                    self.conn.exec_driver_sql(f'CREATE SCHEMA "{name}"')
            except sa.exc.DBAPIError as exc:  # no CREATE on the database
                raise SourceError(f"the scratch schemas could not be created: {first_line(exc)}") from None
            yield self.conn
        finally:
            self.conn.rollback()

    def start_path(self, script: Script) -> str:
        """Each file starts afresh (as the parser reads it): the catalog's first namespace, then the others."""
        scratch = self.scratch
        default = next(iter(scratch.values())) if len(scratch) == 1 else scratch.get(_first(self.parsed), "")
        return ", ".join(f'"{s}"' for s in dict.fromkeys([default, *scratch.values()]) if s) + ", public"

    def path_of(self, value: str) -> str | None:
        """The catalog's namespaces pointed at their scratch schemas. An empty path (pg_dump's set_config) is not
        followed: what pg_dump writes is qualified (and pointed), and the SET check_function_bodies = false that
        goes with it is not run here, so an SQL function's body is checked against the catalog's namespaces."""
        return None if value.strip() in ("''", '""') else _scratch_path(value, self.scratch)

    def prepared(self, sql: str) -> str | None:
        return None if _SKIPPED.match(sql) else _pointed(sql, self.scratch)

    def read(self, conn: Connection) -> Schema:
        from remedy.sources.live import read_live

        return read_live(conn, list(self.scratch.values()))

    def read_back(self, read: Schema, unresolved) -> Schema:
        return _mapped_back(read, self.scratch, self.parsed)


def _scratch_path(value: str, scratch: dict[str, str]) -> str:
    """``SET search_path TO app, public`` with the catalog's namespaces pointed at their scratch schemas."""
    items = []
    for item in value.split(","):
        name = item.strip().strip("'")
        name = name[1:-1] if name.startswith('"') else name.lower()
        items.append(f'"{scratch[name]}"' if name in scratch else item.strip())
    return ", ".join(i for i in items if i) or "public"


def _first(parsed: Schema) -> str:
    """Where the catalog's unqualified names go: public, as on a fresh connection, unless it names none."""
    return "public" if "public" in parsed.schemas or not parsed.schemas else parsed.schemas[0]


def _execute(conn: Connection, sql: str) -> str:
    """Run one statement under a savepoint: the server's refusal ("" if none), reported, never raised."""
    cursor = conn.connection.cursor()
    try:
        return try_statement(cursor, sql) or ""
    finally:
        cursor.close()


def _pointed(sql: str, scratch: dict[str, str]) -> str:
    """The statement with every ``namespace.`` qualifier (and ``'namespace.seq'`` literal) of a catalog
    namespace pointed at its scratch schema; the rest is left exactly as written."""
    import sqlglot

    tokens = sqlglot.tokenize(sql, read="postgres")
    edits = []
    for tok, nxt in zip(tokens, tokens[1:]):
        if nxt.token_type == TokenType.DOT and tok.token_type in (TokenType.VAR, TokenType.IDENTIFIER):
            name = tok.text if tok.token_type == TokenType.IDENTIFIER else tok.text.lower()
            if name in scratch:
                edits.append((tok.start, tok.end + 1, f'"{scratch[name]}"'))
        elif tok.token_type == TokenType.STRING:
            for name, new in scratch.items():
                if tok.text.startswith(f"{name}.") or tok.text.startswith(f'"{name}".'):
                    head = len(name) + (2 if tok.text.startswith('"') else 0)
                    edits.append((tok.start + 1, tok.start + 1 + head, f'"{new}"'))
    for start, end, text in sorted(edits, reverse=True):
        sql = sql[:start] + text + sql[end:]
    return sql


def with_server_tables(parsed: Schema, read: Schema) -> Schema:
    """``parsed`` with the tables and enums of the server's reading of the same DDL (a scratch database:
    remedy.sources.scratch), keeping the catalog's file:line evidence."""
    tables = {key: _with_evidence(table, parsed.tables.get(key)) for key, table in read.tables.items()}
    return replace(parsed, tables=tables, enums=dict(read.enums), server_read=True,
                   server_version=read.server_version)


def _mapped_back(read: Schema, scratch: dict[str, str], parsed: Schema) -> Schema:
    back = {new: old for old, new in scratch.items()}
    words = re.compile("|".join(sorted((re.escape(f'"{n}"') + "|" + re.escape(n) for n in back), key=len,
                                       reverse=True)))
    rename = lambda text: words.sub(lambda m: _quoted(back[m.group(0).strip('"')]), text)
    tables = {}
    for (ns, name), table in read.tables.items():
        key = (back.get(ns, ns), name)
        tables[key] = _with_evidence(_renamed(table, rename, back), parsed.tables.get(key))
    enums = {(back.get(ns, ns), name): replace(e, schema=back.get(ns, ns)) for (ns, name), e in read.enums.items()}
    return replace(parsed, tables=tables, enums=enums, server_read=True,
                   server_version=read.server_version)


def _quoted(name: str) -> str:
    return name if re.fullmatch(r"[a-z_][a-z0-9_$]*", name) else '"' + name.replace('"', '""') + '"'


def _renamed(value, rename, back: dict[str, str]):
    """Every text of a read value with the scratch names put back (schemas, deparsed definitions)."""
    if isinstance(value, str):
        return back.get(value) or (rename(value) if "remedy_scratch_" in value else value)
    if isinstance(value, tuple):
        return tuple(_renamed(v, rename, back) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _renamed(getattr(value, f.name), rename, back) for f in dataclasses.fields(value)}
        return replace(value, **changes)
    return value


def _with_evidence(table: Table, parsed: Table | None) -> Table:
    """The server's reading with the catalog's file:line evidence, and the names the catalog states (the others
    are the server's choice: remedy.diff.names does not compare them)."""
    if parsed is None:
        return table
    lines = {c.name: c.evidence for c in parsed.columns}
    columns = tuple(c.with_evidence(lines.get(c.name, c.evidence)) for c in table.columns)
    return replace(table, columns=columns, evidence=parsed.evidence, stated_names=parsed.stated_names)


# --- one meaning, two deparses ---------------------------------------------------------------------------
# The server's deparse is not always a fixed point: ``kind IN ('a', 'b')`` on a varchar is stored and shown
# as ``(kind)::text = ANY ((ARRAY['a'::character varying, ...])::text[])``, and that text, run again, is
# stored as ``... ANY (ARRAY[('a'::character varying)::text, ...])``. A catalog written from a database
# (catalog init, pg_dump) therefore reads back one step further than the database it came from. Where a
# check, index or exclusion of the same name differs, the live definition is run through the server too
# (on a copy of the live table's columns, rolled back); when it then reads as the catalog's, they are one.


def settle_round_trips(conn: Connection, expected: Schema, live: Schema) -> Schema:
    """``expected`` with each definition that is the live one a deparse further replaced by the live text."""
    candidates = _differing(expected, live)
    if not candidates:
        return expected
    conn.exec_driver_sql("BEGIN")
    try:
        scratch = f"remedy_scratch_{secrets.token_hex(4)}"
        conn.exec_driver_sql(f'CREATE SCHEMA "{scratch}"')
        same = {key for key, live_table, sql in candidates if _rereads_as(conn, scratch, live_table, sql, key)}
    finally:
        conn.rollback()
    return _adopt(expected, live, same)


def _differing(expected: Schema, live: Schema) -> list:
    """(key, live table, (kind, name, live definition, expected definition)) for each object of one name
    whose definitions differ."""
    out = []
    for key, want in expected.tables.items():
        have = live.tables.get(key)
        if have is None:
            continue
        for kind, mine, theirs in _named_pairs(want, have):
            if mine.definition and theirs.definition and mine.definition != theirs.definition:
                out.append(((key, kind, theirs.name), have, (kind, theirs, mine)))
    return out


def _named_pairs(want: Table, have: Table):
    for kind, field in (("check", "checks"), ("exclusion", "exclusions"), ("index", "indexes")):
        by_name = {o.name: o for o in getattr(have, field)}
        for mine in getattr(want, field):
            if mine.name in by_name:
                yield kind, mine, by_name[mine.name]


def _rereads_as(conn: Connection, scratch: str, table: Table, item, key) -> bool:
    kind, theirs, mine = item
    copy = f'"{scratch}"."{secrets.token_hex(4)}"'
    source = '"' + table.schema.replace('"', '""') + '"."' + table.name.replace('"', '""') + '"'
    if _execute(conn, f"CREATE TABLE {copy} (LIKE {source})"):
        return False
    if kind == "index":
        unique = "UNIQUE " if theirs.unique else ""
        sql = f"CREATE {unique}INDEX remedy_settle ON {copy} {theirs.definition}"
        read = f"SELECT pg_get_indexdef('\"{scratch}\".remedy_settle'::regclass)"
    else:
        sql = f"ALTER TABLE {copy} ADD CONSTRAINT remedy_settle {theirs.definition}"
        read = f"SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'remedy_settle' " \
               f"AND conrelid = '{copy}'::regclass"
    if _execute(conn, sql):
        return False
    text = conn.exec_driver_sql(read).scalar() or ""
    if kind == "index":  # pg_get_indexdef says the storage parameters: an index's fillfactor is compared
        from remedy.sources.live import index_definition

        return index_definition(text) == mine.definition
    return _without_storage(text) == _without_storage(mine.definition)


def _without_storage(text: str) -> str:
    """An exclusion's WITH (...) comes from its index, not pg_get_constraintdef: compare the rest."""
    return re.sub(r" WITH \([^()]*\)", "", text)


def _adopt(expected: Schema, live: Schema, same: set) -> Schema:
    tables = dict(expected.tables)
    for (key, kind, name) in same:
        field = {"check": "checks", "exclusion": "exclusions", "index": "indexes"}[kind]
        theirs = next(o for o in getattr(live.tables[key], field) if o.name == name)
        items = tuple(replace(o, definition=theirs.definition) if o.name == name else o
                      for o in getattr(tables[key], field))
        tables[key] = replace(tables[key], **{field: items})
    return replace(expected, tables=tables)


def lock_budget_exceeded(conn: Connection, parsed: Schema) -> str:
    """Why the catalog must not be loaded into the live database in one transaction, or "". Each relation it
    creates stays locked until the rollback: a big catalog would fill the server's shared lock table, and every
    other session on the server would get "out of shared memory". A quarter of the table is the most it takes."""
    tables = len(parsed.tables)
    needed = sum(3 + len(t.indexes) + len(t.uniques) + (t.primary_key is not None) for t in parsed.tables.values())
    capacity = conn.exec_driver_sql(
        "SELECT current_setting('max_locks_per_transaction')::int * (current_setting('max_connections')::int"
        " + current_setting('max_prepared_transactions')::int)").scalar()
    if needed <= capacity // 4:
        return ""
    return (f"its {tables:,} tables would hold about {needed:,} locks in one transaction on the live server, more "
            f"than a quarter of its lock table ({capacity:,})")
