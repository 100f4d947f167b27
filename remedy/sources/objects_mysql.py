"""MariaDB/MySQL's views, triggers and routines, read from information_schema and SHOW CREATE.

A view's definition is the server's own deparse (``VIEW_DEFINITION``: every name backticked and qualified by
its database); the qualifier of the database being read is taken out, so a view reads the same from the
live database, from another database and from the scratch database a catalog is loaded into. ALGORITHM,
SQL SECURITY and CHECK OPTION are compared; DEFINER is not (it names an account, not what the view does).
A trigger is its timing, event, table and body (as written), and its place among the table's triggers of the
same timing and event (ACTION_ORDER: the order they fire in; FOLLOWS / PRECEDES set it); a routine is SHOW
CREATE's text without its DEFINER. What an object reads is every table and column its text names (the server
records none). Events and partitioning are read by remedy.sources.events_mysql and remedy.sources.partitions_mysql.
"""
from __future__ import annotations

import re
from typing import Mapping, Sequence

from remedy import dialects, leftovers
from remedy.errors import SourceError
from remedy.model import Schema, SchemaObject, Table
from remedy.sources import events_mysql
from remedy.sources.events_mysql import Disarmed, read_events
from remedy.sources.object_ddl import ACTION_ORDER, AsWritten, Sql, renders
from remedy.sources.partitions_mysql import read_partitions

KINDS = frozenset({"view", "trigger", "function", "procedure", "event", "partition_key", "partition"})
SCRATCH_PREFIX = "remedy_scratch_"
_VIEWS = """
SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE, {algorithm}
FROM information_schema.VIEWS WHERE TABLE_SCHEMA IN %(schemas)s ORDER BY TABLE_SCHEMA, TABLE_NAME
"""
_TRIGGERS = """
SELECT TRIGGER_SCHEMA, TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT,
  ACTION_ORDER
FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA IN %(schemas)s
ORDER BY TRIGGER_SCHEMA, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER
"""
_ROUTINES = """
SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES
WHERE ROUTINE_SCHEMA IN %(schemas)s ORDER BY ROUTINE_SCHEMA, ROUTINE_NAME
"""
_DEFINER = re.compile(r"(?is)^\s*CREATE\s+DEFINER\s*=\s*(?:`(?:[^`]|``)*`|'(?:[^']|'')*'|[^@\s]+)"
                      r"@(?:`(?:[^`]|``)*`|'(?:[^']|'')*'|\S+)\s+")
_DEFAULTS = {"check_option": "NONE", "security": "DEFINER", "algorithm": "UNDEFINED"}


def read_objects(conn, schemas: Sequence[str], tables: Mapping[tuple[str, str], Table],
                 version: str) -> dict[tuple[str, str, str], SchemaObject]:
    """Every view, trigger, function and procedure of ``schemas``, keyed by (kind, database, name)."""
    params = {"schemas": tuple(schemas)}
    algorithm = "ALGORITHM" if dialects.get("mysql").is_mariadb(version) else "'UNDEFINED'"
    found: list[SchemaObject] = []
    for schema, name, text, check, security, algo in conn.exec_driver_sql(_VIEWS.format(algorithm=algorithm),
                                                                          params).all():
        props = {"check_option": check, "security": security, "algorithm": algo}
        found.append(SchemaObject("view", schema, name, definition=_unqualified(text or "", schema),
                                  properties=tuple(sorted((k, v) for k, v in props.items() if v != _DEFAULTS[k]))))
    for schema, name, table, timing, event, body, order in conn.exec_driver_sql(_TRIGGERS, params).all():
        definition = f"{timing} {event} ON {dialects.get('mysql').quote_always(table)} FOR EACH ROW {body.strip()}"
        found.append(SchemaObject("trigger", schema, f"{table}.{name}", table=table, definition=definition,
                                  properties=((ACTION_ORDER, str(order)),)))
    for schema, name, kind in conn.exec_driver_sql(_ROUTINES, params).all():
        found.append(SchemaObject(kind.lower(), schema, name, definition=_routine(conn, schema, name, kind)))
    found += read_events(conn, schemas) + read_partitions(conn, schemas)
    views = {(o.schema, o.name) for o in found if o.kind == "view"}
    return {o.key: _with_reads(o, tables, views) for o in found}


def _unqualified(text: str, schema: str) -> str:
    """The view's text without its own database's qualifier (`db`.`t` -> `t`)."""
    return text.replace(dialects.get("mysql").quote_always(schema) + ".", "")


def _routine(conn, schema: str, name: str, kind: str) -> str:
    quote = dialects.get("mysql").quote_always
    row = conn.exec_driver_sql(f"SHOW CREATE {kind.upper()} {quote(schema)}.{quote(name)}").one()
    text = row[2] or ""  # NULL when the account may not see the body
    return _DEFINER.sub("CREATE ", text, count=1).strip()


def _with_reads(obj: SchemaObject, tables: Mapping[tuple[str, str], Table], views: set) -> SchemaObject:
    from dataclasses import replace

    rules = dialects.get("mysql")
    named = rules.names_in(obj.definition) - {rules.name_key(obj.name.rpartition(".")[2])}
    out = set()
    for (schema, name), table in tables.items():
        if schema == obj.schema and rules.name_key(name) in named:
            out.add((schema, name, ""))
            out.update((schema, name, c.name) for c in table.columns if rules.name_key(c.name) in named)
    out.update((schema, view, "") for schema, view in views if schema == obj.schema and view != obj.name
               and rules.name_key(view) in named)
    return replace(obj, depends_on=tuple(sorted(out)))


# --- a catalog's DDL, read by the server ----------------------------------------------------------

def scratch_read(engine, scripts: Sequence) -> Schema:
    """The catalog's DDL run in a scratch database on the same server (created and dropped here), read back
    by the live reader: the same server deparses the views on both sides."""
    from remedy.db import make_engine
    from remedy.sources.live import read_live
    from remedy.sources.scratch import ScratchUnavailable

    name = SCRATCH_PREFIX + leftovers.owner_tag()  # says whose it is: a killed scan's is dropped by the next
    quoted = dialects.get("mysql").quote_always(name)
    try:
        _sweep(engine)
        _admin(engine, f"CREATE DATABASE {quoted}")
    except Exception as exc:
        raise ScratchUnavailable(f"cannot create a scratch database on the server: {_first_line(exc)}",
                                 "grant the account CREATE, or compare against another database") from None
    scratch = make_engine(engine.url.set(database=name))
    disarmed = Disarmed()  # no event of the catalog may fire in the scratch database: each is made DISABLED there
    try:
        with scratch.connect() as conn:
            _run(conn, scripts, disarmed.sql)
            return disarmed.restored_schema(read_live(conn, [name]))
    finally:
        scratch.dispose()
        _admin(engine, f"DROP DATABASE IF EXISTS {quoted}")


def _sweep(engine) -> None:
    """Drop the scratch databases of scans that were killed (their owner is gone: remedy.leftovers)."""
    with engine.connect() as conn:
        names = [row[0] for row in conn.exec_driver_sql("SHOW DATABASES")]
    for name in names:
        if name.startswith(SCRATCH_PREFIX) and leftovers.is_stale(name):
            _admin(engine, f"DROP DATABASE IF EXISTS {dialects.get('mysql').quote_always(name)}")


def _admin(engine, sql: str) -> None:
    with engine.connect() as conn:
        conn.exec_driver_sql(sql)


def _run(conn, scripts: Sequence, as_run=str) -> None:
    """Every statement (``as_run``: as it is run there); one that fails (it reads what a later one creates) is tried
    again after the others, until a pass makes no progress: then the first failure is an error naming its
    file:line."""
    from remedy.sources.ddl import split_statements

    pending = [s for script in scripts for s in split_statements(script.text, script.file, "mysql")]
    cursor = conn.connection.cursor()
    try:
        while pending:
            failed = []
            for stmt in pending:
                try:
                    cursor.execute(as_run(stmt.sql))  # no parameters: '%' is sent as written
                except Exception as exc:
                    failed.append((stmt, _first_line(exc)))
            if len(failed) == len(pending):
                stmt, error = failed[0]
                raise SourceError(f"{stmt.file}:{stmt.line}: the server refused the DDL: {error}")
            pending = [stmt for stmt, _ in failed]
    finally:
        cursor.close()


def _first_line(exc: BaseException) -> str:
    raw = str(getattr(exc, "orig", None) or exc).strip()
    return raw.splitlines()[0] if raw else type(exc).__name__


# --- a shadow database (the dry run) --------------------------------------------------------------

class _Names:
    """What the DDL rules ask of a renderer: MariaDB's own quoting."""

    @staticmethod
    def quote(name: str) -> str:
        return dialects.get("mysql").quote(name)


def clone_objects(conn, live: Schema, disarmed: Disarmed | None = None) -> int:
    """Create the live database's views, triggers, routines and events in the database ``conn`` is in (the dry
    run's shadow, whose tables were cloned first, with their partitions), in creation order; how many. Each event
    is made DISABLED (``disarmed``: what it is in the live database is kept there)."""
    from remedy.sources.object_ddl import creation_order, kind_sql

    disarmed = disarmed or Disarmed()
    objects = creation_order(o for o in live.objects.values() if o.kind not in ("partition_key", "partition"))
    cursor = conn.connection.cursor()
    try:
        for obj in objects:
            for sql in kind_sql("mysql", obj.kind).create(_Names, obj):
                cursor.execute(disarmed.sql(sql))  # no parameters: '%' is sent as written
    finally:
        cursor.close()
    return len(objects)


def moved_objects(objects: Mapping, old: str, new: str) -> dict:
    """The objects of database ``old`` as those of ``new`` (a shadow's model under the live database's name)."""
    from dataclasses import replace

    out = {}
    for obj in objects.values():
        reads = tuple((new if s == old else s, r, c) for s, r, c in obj.depends_on)
        moved = replace(obj, schema=new if obj.schema == old else obj.schema, depends_on=reads)
        out[moved.key] = moved
    return out


# --- DDL ---------------------------------------------------------------------------------------------

@renders("view", dialect="mysql")
class _View:
    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        return [_View.statement(env, obj, "CREATE")]

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        return [f"DROP VIEW {env.quote(obj.name)}"]

    @staticmethod
    def replace(env, old: SchemaObject, new: SchemaObject) -> Sql:
        return [_View.statement(env, new, "CREATE OR REPLACE")]

    @staticmethod
    def statement(env, obj: SchemaObject, verb: str) -> str:
        algorithm, security = obj.property("algorithm"), obj.property("security")
        check = obj.property("check_option")
        head = verb + (f" ALGORITHM={algorithm}" if algorithm else "") + (f" SQL SECURITY {security}" if security
                                                                         else "")
        tail = f" WITH {check} CHECK OPTION" if check else ""
        return f"{head} VIEW {env.quote(obj.name)} AS {obj.definition}{tail}"


@renders("trigger", dialect="mysql")
class _Trigger:
    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        return [f"CREATE TRIGGER {env.quote(obj.own_name)} {obj.definition}"]

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        return [f"DROP TRIGGER {env.quote(obj.own_name)}"]


renders("function", "procedure", dialect="mysql")(AsWritten)  # SHOW CREATE's text; drop and create


@renders("event", dialect="mysql")
class _Event:
    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        return [events_mysql.statement(env, obj, "CREATE")]

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        return [f"DROP EVENT {env.quote(obj.name)}"]

    @staticmethod
    def replace(env, old: SchemaObject, new: SchemaObject) -> Sql:
        """ALTER EVENT, restating the schedule, completion, status, comment and body."""
        return [events_mysql.statement(env, new, "ALTER", comment_always=True)]


@renders("partition_key", "partition", dialect="mysql")
class _WithTable:
    """A partition and a partitioning key are written with their table (CREATE TABLE ... PARTITION BY), nothing of
    their own; a plan changes them with the table (remedy.plan.object_ops.Repartition)."""

    @staticmethod
    def create(env, obj: SchemaObject) -> Sql:
        return []

    @staticmethod
    def drop(env, obj: SchemaObject) -> Sql:
        return []
