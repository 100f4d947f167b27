"""Let PostgreSQL itself say what a catalog's DDL means: load it into a scratch database and read it back.

A view, function, trigger, policy, CHECK or index expression written by hand in a catalog and the same
object read from a live server are spelled differently even when they mean the same. Rather than
comparing spellings, ``scratch_read`` creates an empty database on the same server (``TEMPLATE
template0``), runs the catalog's DDL there, each statement in a transaction of its own, reads the result with
the live reader (the same queries, the same deparse) and drops the database. Nothing is written to the user's
database. One transaction for the whole catalog would hold a lock on every relation it creates until its end:
a 2,000-table catalog filled the server's shared lock table ("out of shared memory" for every other session on
the server, production's included).

Cost (PostgreSQL 15, this machine): CREATE + DROP DATABASE ~0.3 s, plus running the DDL and one live
read of the scratch schema. Results are cached by the DDL's content hash and the server version, so an
unchanged catalog pays it once. The role needs CREATEDB; without it ``ScratchUnavailable`` is raised and
the caller reports the kinds it could not compare instead of guessing.
"""
from __future__ import annotations

import hashlib
import re
import uuid
from pathlib import Path
from dataclasses import dataclass
from typing import Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from remedy import dialects
from remedy.errors import RemedyError, SourceError
from remedy.model import Schema

_ATOMIC = re.compile(r"(?is)\bBEGIN\s+ATOMIC\b")
# A catalog's own BEGIN; ... COMMIT; (pg_dump --single-transaction, hand-written files): each statement runs alone
_TRANSACTION_CONTROL = re.compile(r"(?is)^\s*(BEGIN|COMMIT|END|ROLLBACK|ABORT|START\s+TRANSACTION)\b(?!\s+ATOMIC)"
                                  r"(\s+(WORK|TRANSACTION)\b)?[^;]*;?\s*$")
_PSQL_META = re.compile(r"(?m)^\\[a-z].*$")
_SYSTEM = "SELECT nspname FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' ORDER BY 1"


class ScratchUnavailable(RemedyError):
    """The server would not give remedy a scratch database (no CREATEDB, or not PostgreSQL)."""


@dataclass(frozen=True)
class Script:
    file: str  # shown in errors as file:line
    text: str
    default_schema: str = ""  # where its unqualified names go (a catalog's default_schema); "" = public


def scratch_read(engine: Engine, scripts: Sequence[Script]) -> Schema:
    """The Schema PostgreSQL makes of ``scripts`` (run in order), read with the live reader. MariaDB/MySQL and
    SQLite have their own (remedy.sources.objects_mysql / objects_sqlite)."""
    from remedy.db import dialect_of
    from remedy.sources import objects_mysql, objects_sqlite
    from remedy.sources.cache import load_cached, store_cached

    own = {"sqlite": objects_sqlite.scratch_read, "mysql": objects_mysql.scratch_read}.get(dialect_of(engine.url))
    if own is not None:
        return own(engine, scripts)

    path = _cache_path(engine, scripts)
    cached = load_cached(path) if path is not None else None
    if isinstance(cached, Schema):
        return cached
    name = f"remedy_scratch_{uuid.uuid4().hex[:12]}"
    _admin(engine, f'CREATE DATABASE "{name}" TEMPLATE template0')
    try:
        schema = _load_and_read(engine.url.set(database=name), scripts)
    finally:
        _admin(engine, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', quiet=True)
    if path is not None:
        store_cached(path, schema)
    return schema


def _admin(engine: Engine, sql: str, quiet: bool = False) -> None:
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql(sql)
    except sa.exc.DBAPIError as exc:
        if not quiet:
            raise ScratchUnavailable(f"cannot create a scratch database on the server: {_first_line(exc)}",
                                     "grant the role CREATEDB, or compare against another database") from None


def _load_and_read(url, scripts: Sequence[Script]) -> Schema:
    from remedy.db import make_engine
    from remedy.sources.live import read_live

    scratch = make_engine(url)
    try:
        with scratch.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("SET synchronous_commit = off")  # a database dropped in a moment
            unresolved = run_scripts(conn, scripts)
            schemas = [row[0] for row in conn.exec_driver_sql(_SYSTEM)]
        return _with_unresolved(read_live(scratch, schemas), unresolved)
    finally:
        scratch.dispose()


def run_scripts(conn: Connection, scripts: Sequence[Script]) -> list[Unresolved]:
    """Run every statement; one that fails (a table referenced before the file creates it) is tried
    again after the others, until a pass makes no progress. Then the first failure is an error
    naming its file:line, except a grant, revoke or owner change naming a role the server does not
    have (roles are server-wide): those are returned, to be said not compared."""
    pending = [(script.file, line, sql) for script in scripts for line, sql in statements(script)
               if not _TRANSACTION_CONTROL.match(sql)]
    cursor = conn.connection.cursor()
    unresolved: list[Unresolved] = []
    try:
        _default_schema(cursor, scripts)
        while pending:
            failed = []
            for item in pending:
                item, error, lost = _run_one(cursor, item)
                unresolved += lost
                failed += [(item, error)] if error is not None else []
            if len(failed) == len(pending) and _create_missing_schemas(cursor, [error for _, error in failed]):
                continue
            if len(failed) == len(pending):
                (file, line, _), error = failed[0]
                raise SourceError(f"{file}:{line}: PostgreSQL refused the DDL: {error}")
            pending = [item for item, _ in failed]
        return unresolved
    finally:
        cursor.close()


def _run_one(cursor, item: tuple) -> tuple[tuple, str | None, list[Unresolved]]:
    """Run one statement; a grant or revoke naming roles the server lacks runs again without them, in its
    place (so later statements still come after it). (the statement left to retry, its error, the roles lost)."""
    file, line, sql = item
    error, lost = _try(cursor, sql), []
    while error is not None and (role := _NO_ROLE.match(error)) and _ROLE_STATEMENT.match(sql):
        lost.append(Unresolved(file, line, item[2], role.group(1)))
        sql = _without_grantee(sql, role.group(1))
        if sql is None:
            return item, None, lost  # it named no role the server has: nothing left to run
        error = _try(cursor, sql)
    return (file, line, sql), error, lost


@dataclass(frozen=True)
class Unresolved:
    file: str
    line: int
    sql: str
    role: str


_NO_ROLE = re.compile(r'^role "(.+)" does not exist$')
_ROLE_STATEMENT = re.compile(r"(?is)^\s*(GRANT|REVOKE|ALTER\s+DEFAULT\s+PRIVILEGES\s|ALTER\s.+\sOWNER\s+TO\s)")
_DEFAULT_PRIVILEGES = re.compile(r"(?is)^\s*ALTER\s+DEFAULT\s+PRIVILEGES\s")


_GRANTEES = re.compile(r"(?is)^(\s*(?:ALTER\s+DEFAULT\s+PRIVILEGES\s.*?)?(?:GRANT\s.+?\sTO|REVOKE\s.+?\sFROM)\s+)(.+?)"
                       r"(\s+WITH\s+GRANT\s+OPTION|\s+GRANTED\s+BY\s.+|\s+CASCADE|\s+RESTRICT)?\s*;?\s*$")


def _without_grantee(sql: str, role: str) -> str | None:
    """The GRANT / REVOKE without ``role`` among its grantees; None when it names no other (or is no grant)."""
    found = _GRANTEES.match(sql)
    if found is None:
        return None
    names = [n.strip() for n in re.findall(r'(?:"(?:[^"]|"")*"|[^,])+', found.group(2))]
    kept = [n for n in names if _role_name(n) != role]
    if not kept or len(kept) == len(names):
        return None
    return found.group(1) + ", ".join(kept) + (found.group(3) or "")


def _role_name(written: str) -> str:
    written = re.sub(r"(?i)^GROUP\s+", "", written.strip())
    return written[1:-1].replace('""', '"') if written.startswith('"') else written.lower()


def _with_unresolved(schema: Schema, unresolved: list[Unresolved]) -> Schema:
    """``schema`` with each grant that named a missing role kept as an ``unresolved_grant`` object (its
    statement and file:line), so the scan can say which it did not compare; a default privilege or an owner change
    likewise, as an object of its own kind."""
    from dataclasses import replace

    from remedy.diff import default_privileges, owners
    from remedy.diff.grants import UNRESOLVED
    from remedy.model import Evidence, SchemaObject

    objects = dict(schema.objects)
    for n, item in enumerate(unresolved):
        kind = default_privileges.UNRESOLVED if _DEFAULT_PRIVILEGES.match(item.sql) else \
            owners.UNRESOLVED if re.match(r"(?i)\s*ALTER\s", item.sql) else UNRESOLVED
        obj = SchemaObject(kind, "", f"{item.role}#{n}", definition=item.sql.strip(),
                           properties=(("grantee", item.role),), evidence=(Evidence(item.file, item.line),))
        objects[obj.key] = obj
    return replace(schema, objects=objects)


def _default_schema(cursor, scripts: Sequence[Script]) -> None:
    """Unqualified names land in the catalog's default schema (``catalog init --schema app`` writes ``CREATE
    TABLE t`` for app.t), as the catalog reader puts them."""
    name = next((s.default_schema for s in scripts if s.default_schema and s.default_schema != "public"), "")
    if name:
        quoted = '"%s"' % name.replace('"', '""')
        cursor.execute(f"CREATE SCHEMA IF NOT EXISTS {quoted}")
        cursor.execute(f"SET search_path = {quoted}, public")


_NO_SCHEMA = re.compile(r'^schema "(.+)" does not exist$')


def _create_missing_schemas(cursor, errors: list[str]) -> bool:
    """A catalog may qualify its tables with a schema it does not create (the live database has it): the
    scratch database gets it, as the live database has it. Whether any was created."""
    names = {m.group(1) for e in errors if (m := _NO_SCHEMA.match(e))}
    for name in sorted(names):
        cursor.execute(f"CREATE SCHEMA {dialects.get('postgresql').quote_always(name)}")
    return bool(names)


def _try(cursor, sql: str) -> str | None:
    """Run one statement (in autocommit: a transaction of its own, which a refusal leaves without effect); the
    error's first line if PostgreSQL refused it."""
    try:
        cursor.execute(sql)  # no parameters: '%' and ':x' are sent as written
    except Exception as exc:
        return _first_line(exc)
    return None


def statements(script: Script) -> list[tuple[int, str]]:
    """(line, sql) per top-level statement; a SQL-standard body (BEGIN ATOMIC ... END) stays whole."""
    from remedy.sources.ddl import split_statements

    out: list[tuple[int, str]] = []
    open_body = False
    for stmt in split_statements(_PSQL_META.sub("", script.text), script.file, "postgresql"):
        if open_body:
            line, sql = out[-1]
            out[-1] = (line, f"{sql}; {stmt.sql}")
            open_body = stmt.sql.strip().upper() != "END"
            continue
        out.append((stmt.line, stmt.sql))
        open_body = bool(_ATOMIC.search(stmt.sql))
    return out


def _cache_path(engine: Engine, scripts: Sequence[Script]):
    from remedy.sources.catalog import _code_version, cache_dir
    from remedy.sources import objects

    try:
        with engine.connect() as conn:
            version = conn.exec_driver_sql("SHOW server_version_num").scalar()
    except sa.exc.DBAPIError:
        return None
    digest = hashlib.sha256(f"scratch|{version}|{_code_version()}".encode())
    for query in sorted(Path(objects.__file__).parent.glob("sql/*.sql")):  # what the reader asks
        digest.update(query.read_bytes())
    for script in scripts:
        digest.update(script.file.encode() + b"\0" + script.text.encode() + b"\0" + script.default_schema.encode())
    return cache_dir() / f"scratch-{digest.hexdigest()[:32]}.pickle"


def _first_line(exc: BaseException) -> str:
    raw = str(getattr(exc, "orig", None) or exc).strip()
    return raw.splitlines()[0] if raw else type(exc).__name__
