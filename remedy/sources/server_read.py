"""Load DDL into PostgreSQL and read it back: one runner, with the way it is kept apart as a parameter.

A catalog's (or ``.sql`` file's) DDL means what PostgreSQL makes of it, so remedy runs it on the server and reads
the result with the live reader. ``load_and_read(scripts, isolation)`` does that; the isolation says where and
how nothing of it stays:

* ``remedy.sources.scratch.ScratchDatabase``: an empty database of its own, created and dropped around the load
  (needs CREATEDB; names are the catalog's own; each statement its own transaction, so no lock outlives its
  statement; every object kind is read);
* ``remedy.sources.canonical.RolledBackSchemas``: the target database, in one transaction always rolled back
  (each statement under a savepoint), each namespace the catalog names created under a scratch name that the
  statements are pointed at and the read is mapped back from (tables only).

The runner is the same for both. Each file starts from the isolation's search_path, a ``SET search_path`` (or
pg_dump's ``set_config('search_path', ...)``) holds to the end of its file, as the DDL parser reads it, and each
statement runs under the path in effect where it is written, also when it is tried again. The DDL's own BEGIN /
COMMIT are not run. A statement that fails (a table referenced before the file creates it) is tried again after
the others, until a pass makes no progress; a schema the DDL qualifies names with but never creates is created; a
grant, revoke or owner change naming a role the server does not have runs without it and is returned (roles are
server-wide). Then the first failure is a SourceError naming its file:line.
"""
from __future__ import annotations

import re
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol, Sequence

from sqlalchemy.engine import Connection

from remedy import dialects
from remedy.errors import SourceError
from remedy.model import Schema

_ATOMIC = re.compile(r"(?is)\bBEGIN\s+ATOMIC\b")
# A catalog's own BEGIN; ... COMMIT; (pg_dump --single-transaction, hand-written files): never run, the load keeps
# its own transactions (a COMMIT or END in the rolled-back load would keep its scratch schemas in the target)
_TRANSACTION_CONTROL = re.compile(r"(?is)^\s*(BEGIN|COMMIT|END|ROLLBACK|ABORT|START\s+TRANSACTION)\b(?!\s+ATOMIC)"
                                  r"(\s+(WORK|TRANSACTION)\b)?[^;]*;?\s*$")
_PSQL_META = re.compile(r"(?m)^\\[a-z].*$")
_SET_CONFIG = re.compile(r"(?is)^\s*SELECT\s+(?:pg_catalog\.)?set_config\(\s*'search_path'\s*,\s*'((?:[^']|'')*)'\s*,"
                         r"\s*\w+\s*\)\s*$")


@dataclass(frozen=True)
class Script:
    file: str  # shown in errors as file:line
    text: str
    default_schema: str = ""  # where its unqualified names go (a catalog's default_schema); "" = public


@dataclass(frozen=True)
class Unresolved:
    file: str
    line: int
    sql: str
    role: str


class Isolation(Protocol):
    """Where a load runs, and how its statements and its read are taken there and back."""

    transactional: bool  # one transaction, each statement under a savepoint; else each statement its own

    def session(self, scripts: Sequence[Script]) -> AbstractContextManager[Connection]:
        """A connection to load into; nothing it did outlives the block."""

    def start_path(self, script: Script) -> str:
        """The search_path each file starts from (SET syntax)."""

    def path_of(self, value: str) -> str | None:
        """A ``SET search_path`` value of the DDL as the load sets it; None: not followed (the statement is then
        what ``prepared`` makes of it)."""

    def prepared(self, sql: str) -> str | None:
        """The statement as the load runs it; None: not run."""

    def read(self, conn: Connection) -> Schema:
        """What the load made, read with the live reader."""

    def read_back(self, read: Schema, unresolved: list[Unresolved]) -> Schema:
        """The read, as the DDL's own."""


def load_and_read(scripts: Sequence[Script], isolation: Isolation) -> Schema:
    """The Schema PostgreSQL makes of ``scripts`` (run in order), read with the live reader, where ``isolation``
    keeps it. SourceError when the server refuses a statement."""
    with isolation.session(scripts) as conn:
        unresolved = run_scripts(conn, scripts, isolation)
        read = isolation.read(conn)
    return isolation.read_back(read, unresolved)


@dataclass(frozen=True)
class _Pending:
    file: str
    line: int
    sql: str
    path: str  # the search_path it runs under


def run_scripts(conn: Connection, scripts: Sequence[Script], isolation: Isolation) -> list[Unresolved]:
    """Run every statement (see the module's docstring); the grants that named roles the server lacks."""
    pending = _pending(scripts, isolation)
    cursor = conn.connection.cursor()
    unresolved: list[Unresolved] = []
    current = [None]
    try:
        while pending:
            failed = []
            for item in pending:
                item, error, lost = _run_one(cursor, item, current, isolation.transactional)
                unresolved += lost
                failed += [(item, error)] if error is not None else []
            if len(failed) == len(pending) and _create_missing_schemas(cursor, [error for _, error in failed]):
                continue
            if len(failed) == len(pending):
                item, error = failed[0]
                raise SourceError(f"{item.file}:{item.line}: PostgreSQL refused the DDL: {error}")
            pending = [item for item, _ in failed]
        return unresolved
    finally:
        cursor.close()


def _pending(scripts: Sequence[Script], isolation: Isolation) -> list[_Pending]:
    """Each statement to run, with the search_path it is written under."""
    from remedy.sources.ddl import SEARCH_PATH

    out = []
    for script in scripts:
        path = isolation.start_path(script)
        for line, sql in statements(script):
            said = SEARCH_PATH.match(sql)
            config = None if said else _SET_CONFIG.match(sql)
            value = said.group(1) if said else (config.group(1).replace("''", "'") or "''") if config else None
            followed = isolation.path_of(value) if value is not None else None
            if followed is not None:
                path = followed
                continue
            prepared = None if _TRANSACTION_CONTROL.match(sql) else isolation.prepared(sql)
            if prepared is not None:
                out.append(_Pending(script.file, line, prepared, path))
    return out


def _run_one(cursor, item: _Pending, current: list, savepoint: bool) -> tuple[_Pending, str | None, list[Unresolved]]:
    """Run one statement under its search_path; a grant or revoke naming roles the server lacks runs again
    without them, in its place (so later statements still come after it). (the statement left to retry, its
    error, the roles lost)."""
    if current[0] != item.path:
        cursor.execute(f"SET {'LOCAL ' if savepoint else ''}search_path = {item.path}")
        current[0] = item.path
    sql, lost = item.sql, []
    error = try_statement(cursor, sql, savepoint)
    while error is not None and (role := _NO_ROLE.match(error)) and _ROLE_STATEMENT.match(sql):
        lost.append(Unresolved(item.file, item.line, item.sql, role.group(1)))
        sql = _without_grantee(sql, role.group(1))
        if sql is None:
            return item, None, lost  # it named no role the server has: nothing left to run
        error = try_statement(cursor, sql, savepoint)
    return _Pending(item.file, item.line, sql, item.path), error, lost


_NO_ROLE = re.compile(r'^role "(.+)" does not exist$')
_ROLE_STATEMENT = re.compile(r"(?is)^\s*(GRANT|REVOKE|ALTER\s+DEFAULT\s+PRIVILEGES\s|ALTER\s.+\sOWNER\s+TO\s)")
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


_NO_SCHEMA = re.compile(r'^schema "(.+)" does not exist$')


def _create_missing_schemas(cursor, errors: list[str]) -> bool:
    """A catalog may qualify its tables with a schema it does not create (the live database has it): the load
    gets it, as the live database has it. Whether any was created."""
    names = {m.group(1) for e in errors if (m := _NO_SCHEMA.match(e))}
    for name in sorted(names):
        cursor.execute(f"CREATE SCHEMA {dialects.get('postgresql').quote_always(name)}")
    return bool(names)


def try_statement(cursor, sql: str, savepoint: bool = True) -> str | None:
    """Run one statement, under a savepoint (else in autocommit: a transaction of its own, which a refusal leaves
    without effect); the error's first line if PostgreSQL refused it."""
    if savepoint:
        cursor.execute("SAVEPOINT remedy_statement")
    try:
        cursor.execute(sql)  # no parameters: '%' and ':x' are sent as written
    except Exception as exc:
        if savepoint:
            cursor.execute("ROLLBACK TO SAVEPOINT remedy_statement")
        return first_line(exc)
    if savepoint:
        cursor.execute("RELEASE SAVEPOINT remedy_statement")
    return None


def statements(script: Script) -> list[tuple[int, str]]:
    """(line, sql) per top-level statement, psql's meta-commands left out; a SQL-standard body (BEGIN ATOMIC ...
    END) stays whole."""
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


def first_line(exc: BaseException) -> str:
    raw = str(getattr(exc, "orig", None) or exc).strip()
    return raw.splitlines()[0] if raw else type(exc).__name__
