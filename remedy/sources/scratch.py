"""Let PostgreSQL itself say what a catalog's DDL means: load it into a scratch database and read it back.

A view, function, trigger, policy, CHECK or index expression written by hand in a catalog and the same
object read from a live server are spelled differently even when they mean the same. Rather than
comparing spellings, ``scratch_read`` creates an empty database on the same server (``TEMPLATE
template0``), runs the catalog's DDL there, each statement in a transaction of its own, reads the result with
the live reader (the same queries, the same deparse) and drops the database. Nothing is written to the user's
database. One transaction for the whole catalog would hold a lock on every relation it creates until its end:
a 2,000-table catalog filled the server's shared lock table ("out of shared memory" for every other session on
the server, production's included).

The load itself (the statements run, the search_path followed, the read) is remedy.sources.server_read's,
shared with the rolled-back load on the target database (remedy.sources.canonical); ``ScratchDatabase`` is
the isolation this module gives it.

Cost (PostgreSQL 15, this machine): CREATE + DROP DATABASE ~0.3 s, plus running the DDL and one live
read of the scratch schema. Results are cached by the DDL's content hash and the server version, so an
unchanged catalog pays it once. The role needs CREATEDB; without it ``ScratchUnavailable`` is raised and
the caller reports the kinds it could not compare instead of guessing.
"""
from __future__ import annotations

import hashlib
import re
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from remedy.errors import RemedyError
from remedy.model import Schema
from remedy.sources.server_read import Script, Unresolved, first_line, load_and_read

__all__ = ["ScratchDatabase", "ScratchUnavailable", "Script", "scratch_read"]

_SYSTEM = "SELECT nspname FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' ORDER BY 1"


class ScratchUnavailable(RemedyError):
    """The server would not give remedy a scratch database (no CREATEDB, or not PostgreSQL)."""


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
    schema = load_and_read(scripts, ScratchDatabase(engine))
    if path is not None:
        store_cached(path, schema)
    return schema


@dataclass(frozen=True)
class ScratchDatabase:
    """An empty database of its own on the same server (``TEMPLATE template0``), dropped after the load: the
    DDL runs as written, under its own names, each statement in a transaction of its own (no lock outlives its
    statement), and every schema but the server's own is read back."""

    engine: Engine
    transactional = False

    @contextmanager
    def session(self, scripts: Sequence[Script]) -> Iterator[Connection]:
        from remedy.db import make_engine

        name = f"remedy_scratch_{uuid.uuid4().hex[:12]}"
        _admin(self.engine, f'CREATE DATABASE "{name}" TEMPLATE template0')
        scratch = make_engine(self.engine.url.set(database=name))
        try:
            with scratch.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("SET synchronous_commit = off")  # a database dropped in a moment
                _default_schema(conn, scripts)
                yield conn
        finally:
            scratch.dispose()
            _admin(self.engine, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', quiet=True)

    def start_path(self, script: Script) -> str:
        """Unqualified names land in the catalog's default schema (``catalog init --schema app`` writes ``CREATE
        TABLE t`` for app.t), as the catalog reader puts them."""
        name = script.default_schema
        return f"{_quoted(name)}, public" if name and name != "public" else '"$user", public'

    def path_of(self, value: str) -> str:
        return value

    def prepared(self, sql: str) -> str:
        return sql

    def read(self, conn: Connection) -> Schema:
        """Every schema but the server's own, read in a snapshot of its own (the load committed as it went)."""
        from remedy.sources.live import read_live

        return read_live(conn.engine, [row[0] for row in conn.exec_driver_sql(_SYSTEM)])

    def read_back(self, read: Schema, unresolved: list[Unresolved]) -> Schema:
        return _with_unresolved(read, unresolved)


def _quoted(name: str) -> str:
    return '"%s"' % name.replace('"', '""')


def _admin(engine: Engine, sql: str, quiet: bool = False) -> None:
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql(sql)
    except sa.exc.DBAPIError as exc:
        if not quiet:
            raise ScratchUnavailable(f"cannot create a scratch database on the server: {first_line(exc)}",
                                     "grant the role CREATEDB, or compare against another database") from None


_DEFAULT_PRIVILEGES = re.compile(r"(?is)^\s*ALTER\s+DEFAULT\s+PRIVILEGES\s")


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


def _default_schema(conn: Connection, scripts: Sequence[Script]) -> None:
    """The catalog's default schema exists before its first statement runs (its names land there)."""
    for name in dict.fromkeys(s.default_schema for s in scripts if s.default_schema and s.default_schema != "public"):
        conn.exec_driver_sql(f"CREATE SCHEMA IF NOT EXISTS {_quoted(name)}")


def _cache_path(engine: Engine, scripts: Sequence[Script]):
    from remedy.dialects import postgresql_sequences
    from remedy.sources import live, objects, server_read
    from remedy.sources.catalog import _code_version, cache_dir

    try:
        with engine.connect() as conn:
            version = conn.exec_driver_sql("SHOW server_version_num").scalar()
    except sa.exc.DBAPIError:
        return None
    digest = hashlib.sha256(f"scratch|{version}|{_code_version()}".encode())
    for query in sorted(Path(objects.__file__).parent.glob("sql/*.sql")):  # what the reader asks
        digest.update(query.read_bytes())
    for module in (live, server_read, postgresql_sequences):  # how the load runs and the read is taken
        digest.update(Path(module.__file__).read_bytes())
    for script in scripts:
        digest.update(script.file.encode() + b"\0" + script.text.encode() + b"\0" + script.default_schema.encode())
    return cache_dir() / f"scratch-{digest.hexdigest()[:32]}.pickle"
