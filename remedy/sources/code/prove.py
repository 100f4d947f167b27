"""Proof by the database: PREPARE each statement (never EXECUTE) and keep the database's verdict.

PostgreSQL: one READ ONLY transaction, rolled back; a failed PREPARE rolls back to a savepoint
so one failure does not hide the next. MariaDB/MySQL: a plain transaction (it refuses to prepare
a write inside READ ONLY), rolled back. Placeholders and template holes are sent as parameters
of unknown type. ``probe_columns`` asks for a table or column directly. What the verdicts do to
the expectations is ``verdicts.apply_verdicts``.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Iterable, Sequence

from remedy.sources.code.sqltext import rewrite_placeholders
from remedy.sources.code.values import Statement, Verdict

_STATUS = {"42703": "undefined_column", "42P01": "undefined_table"}
_NAMED = re.compile(r'(?:column|relation|table)\s+"?([\w.$]+?)"?(?:\s|$)')


def prove(engine, statements: Sequence[Statement]) -> dict[Statement, Verdict]:
    """The database's verdict on every statement: PREPAREd (never executed) in a rolled-back transaction.

    PostgreSQL (READ ONLY) and MariaDB/MySQL (whose PREPARE resolves names too); {} for others.
    Statements with the same text are prepared once.
    """
    with _session(engine) as (check, style):
        if check is None:
            return {}
        by_text: dict[str, Verdict] = {}
        for stmt in statements:
            text = rewrite_placeholders(stmt.sql, holes_as_params=True, style=style)[0]
            if text not in by_text:
                by_text[text] = check(text)
        return {stmt: by_text[rewrite_placeholders(stmt.sql, True, style)[0]] for stmt in statements}


def probe_columns(engine, keys: Iterable[tuple[str, str, str]]) -> dict[tuple[str, str, str], Verdict]:
    """Ask the database directly whether each (schema, table, column) exists: PREPARE SELECT col FROM table
    (column "" asks for the table: SELECT 1 FROM table).

    A statement stops at its first error, so its other missing columns stay "static only"; the
    probe confirms each one on its own.
    """
    keys = list(dict.fromkeys(keys))
    if not keys:
        return {}
    with _session(engine) as (check, style):
        if check is None:
            return {}
        quote = '"' if style == "$" else "`"
        return {key: check(_probe_sql(key, quote)) for key in keys}


def _probe_sql(key: tuple[str, str, str], quote: str) -> str:
    def q(name: str) -> str:
        return quote + name.replace(quote, quote * 2) + quote

    schema, table, column = key
    return f"SELECT {q(column) if column else 1} FROM {q(schema) + '.' if schema else ''}{q(table)}"


@contextmanager
def _session(engine):
    """(check(text) -> Verdict, placeholder style) on one connection, rolled back at the end."""
    if engine is None or engine.dialect.name not in ("postgresql", "mysql", "mariadb"):
        yield None, ""
        return
    postgres = engine.dialect.name == "postgresql"
    raw = engine.raw_connection()
    try:
        yield (_pg_session(raw) if postgres else _mysql_session(raw)), ("$" if postgres else "?")
    finally:
        try:
            raw.rollback()
        finally:
            raw.close()


def _pg_session(raw):
    cursor = _cursor(raw)
    cursor.execute("SET TRANSACTION READ ONLY")
    cursor.execute("SET LOCAL statement_timeout = '10s'; SET LOCAL lock_timeout = '2s'; SAVEPOINT remedy_prove")
    return lambda text: _prepare(cursor, text)


def _mysql_session(raw):
    """MariaDB refuses to PREPARE a write inside READ ONLY (1792), so a plain transaction: only
    PREPARE and DEALLOCATE run in it, never EXECUTE, and it is rolled back."""
    cursor = raw.cursor()
    cursor.execute("START TRANSACTION")
    return lambda text: _prepare_mysql(cursor, text)


_MYSQL_STATUS = {1054: "undefined_column", 1146: "undefined_table"}


def _prepare_mysql(cursor, text: str) -> Verdict:
    try:
        cursor.execute("PREPARE remedy_prove FROM %s", (text,))
        cursor.execute("DEALLOCATE PREPARE remedy_prove")
        return Verdict("prepared")
    except Exception as exc:  # pymysql.MySQLError(errno, message): the verdict we asked for
        errno, message = (exc.args + (0, ""))[:2] if exc.args else (0, str(exc))
        status = _MYSQL_STATUS.get(errno, "error")
        return Verdict(status, str(message), str(errno), missing_name(str(message)) if status != "error" else "")


def _cursor(raw):
    """A client-side-binding cursor: several statements per round trip, no server-side parameters."""
    import psycopg

    return psycopg.ClientCursor(raw.driver_connection)


def _prepare(cursor, text: str) -> Verdict:
    """One round trip when it prepares; a second to roll back to the savepoint when it does not."""
    try:
        cursor.execute(f"PREPARE remedy_prove AS {text}\n;\nDEALLOCATE remedy_prove")  # text may end in a -- comment
        return Verdict("prepared")
    except Exception as exc:  # psycopg.Error: the verdict we asked for
        cursor.execute("ROLLBACK TO SAVEPOINT remedy_prove")
        return _verdict(exc)


def _verdict(exc: Exception) -> Verdict:
    sqlstate = getattr(exc, "sqlstate", "") or ""
    diag = getattr(exc, "diag", None)
    message = (getattr(diag, "message_primary", None) or str(exc).splitlines()[0]).strip()
    status = _STATUS.get(sqlstate, "error")
    return Verdict(status, message, sqlstate, missing_name(message) if status != "error" else "")


def missing_name(message: str) -> str:
    """The column / relation the database says does not exist (last dotted part)."""
    quoted = re.match(r"(?:Unknown column|Table) '([^']+)'", message)  # MariaDB / MySQL
    if quoted:
        return quoted.group(1).split(".")[-1]
    if "FROM-clause entry" in message:
        m = re.search(r'table "([^"]+)"', message)
        return m.group(1) if m else ""
    m = _NAMED.search(message)
    return m.group(1).split(".")[-1] if m else ""
