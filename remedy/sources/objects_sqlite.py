"""SQLite's views, triggers and virtual tables: read from sqlite_master, written back from the text it keeps.

SQLite keeps each view's and trigger's CREATE statement as written (``sqlite_master.sql``); that text is the
definition, compared with spacing, case and identifier quotes folded (``Dialect.definition_key``), and run
again as it stands to create the object. SQLite records no dependencies: what an object reads is every table,
view and column its text names (more than it reads at worst, so a plan drops and recreates too many rather
than too few). A catalog's DDL is run in an in-memory database and read back the same way.
"""
from __future__ import annotations

import re
import sqlite3
from typing import Mapping, Sequence

from remedy import dialects
from remedy.errors import SourceError
from remedy.model import Schema, SchemaObject, Table
from remedy.sources.object_ddl import AsWritten, renders

KINDS = frozenset({"view", "trigger", "virtual_table"})
SCHEMA = "main"
_OBJECTS = """
SELECT CASE type WHEN 'table' THEN 'virtual_table' ELSE type END, name, tbl_name, sql FROM sqlite_master
WHERE (type IN ('view', 'trigger') OR (type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%')) AND sql IS NOT NULL
ORDER BY rowid
"""


def read_objects(conn, tables: Mapping[tuple[str, str], Table]) -> dict[tuple[str, str, str], SchemaObject]:
    """Every view and trigger of the database, keyed by (kind, "main", name); a trigger's name is table.name."""
    rows = conn.exec_driver_sql(_OBJECTS).all()
    views = {name for kind, name, _, _ in rows if kind == "view"}
    found = {}
    for kind, name, table, sql in rows:
        obj = SchemaObject(kind=kind, schema=SCHEMA, name=f"{table}.{name}" if kind == "trigger" else name,
                           table=table if kind == "trigger" else "", definition=sql.strip(),
                           depends_on=_reads(sql, name, tables, views))
        found[obj.key] = obj
    return found


def _reads(sql: str, own: str, tables: Mapping[tuple[str, str], Table], views: set[str]) -> tuple:
    """(schema, relation, column) for every table, view and column of a table that the text names."""
    rules = dialects.get("sqlite")
    named = rules.names_in(sql) - {rules.name_key(own)}
    out = set()
    for (_, name), table in tables.items():
        if rules.name_key(name) in named:
            out.add((SCHEMA, name, ""))
            out.update((SCHEMA, name, c.name) for c in table.columns if rules.name_key(c.name) in named)
    out.update((SCHEMA, view, "") for view in views if rules.name_key(view) in named)
    return tuple(sorted(out))


def scratch_read(engine, scripts: Sequence) -> Schema:
    """The catalog's DDL run in an in-memory SQLite database (not ``engine``'s), read back by the live reader."""
    import sqlalchemy as sa

    from remedy.sources.live import read_live

    memory = sa.create_engine("sqlite://")
    try:
        with memory.connect() as conn:
            raw = conn.connection.driver_connection
            for script in scripts:
                try:
                    raw.executescript(_without_own_tables(script.text, script.file))
                except sqlite3.Error as exc:
                    raise SourceError(f"{script.file}: SQLite refused the DDL: {exc}") from None
            return read_live(conn)
    finally:
        memory.dispose()


_OWN_TABLE = re.compile(r"(?is)^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?[\"`\[]?sqlite_")


def _without_own_tables(text: str, file: str) -> str:
    """The DDL without SQLite's own tables (sqlite_sequence, sqlite_stat1: ``sqlite3 .schema`` lists them, and
    SQLite refuses to create them), which the DDL reader skips too."""
    from remedy.sources.ddl import split_statements

    if not re.search(r"(?i)\bsqlite_", text):
        return text
    return ";\n".join(s.sql for s in split_statements(text, file, "sqlite") if not _OWN_TABLE.match(s.sql)) + ";"


def dependants_of(model: Schema, table: str) -> list[SchemaObject]:
    """The views and triggers a rebuild of ``table`` must drop and create again, in creation order: the
    table's own triggers (DROP TABLE takes them), and every view or trigger whose text names the table or
    one of those views (the RENAME of the new table fails while they name the old one)."""
    from remedy.sources.object_ddl import creation_order

    key = dialects.get("sqlite").name_key
    names, saved = {key(table)}, []
    for obj in creation_order(o for o in model.objects.values() if o.kind in ("view", "trigger")):
        if key(obj.table) in names or {key(r) for _, r, _ in obj.depends_on} & names:
            saved.append(obj)
            if obj.kind == "view":
                names.add(key(obj.name))
    return saved


renders("view", "trigger", dialect="sqlite")(AsWritten)  # changed by drop and create: SQLite has no other way


@renders("virtual_table", dialect="sqlite")
class _VirtualTable(AsWritten):
    """CREATE VIRTUAL TABLE ... USING module(...) as written; dropped with DROP TABLE (which drops its shadow
    tables too). Its rows are the module's (an FTS index is rebuilt from its content table)."""

    @staticmethod
    def drop(env, obj: SchemaObject) -> list[str]:
        return [f"DROP TABLE {env.quote(obj.own_name)}"]
