"""Proof by the database: PREPARE each statement (never EXECUTE) and keep the database's verdict.

PostgreSQL: one READ ONLY transaction, rolled back; a failed PREPARE rolls back to a savepoint
so one failure does not hide the next. MariaDB/MySQL: a plain transaction (it refuses to prepare
a write inside READ ONLY), rolled back. Placeholders and template holes are sent as parameters
of unknown type. ``probe_columns`` asks for a table or column directly. What the verdicts do to
the expectations is ``verdicts.apply_verdicts``.
"""
from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from remedy import dialects
from remedy.sources.code.sqltext import rewrite_placeholders
from remedy.sources.code.values import Statement, Verdict

_STATUS = {"42703": "undefined_column", "42P01": "undefined_table"}
# A batch whose PREPARE fails aborts the pipeline, and psycopg then logs "error ignored terminating <Pipeline>"
# at warning level: with no handler configured, Python prints it on stderr once per failing batch. remedy
# reports each verdict itself, so the operator never sees that line.
logging.getLogger("psycopg").addHandler(logging.NullHandler())

_NAMED = re.compile(r'(?:column|relation|table)\s+"?([\w.$]+?)"?(?:\s|$)')


BATCH = 64  # statements per round trip on PostgreSQL; a batch with a failure is split in halves
_PREPARED = Verdict("prepared")
LOCK_WAIT_MS = 100  # a PREPARE waits this long for a lock (on a table another session holds) before giving up
LOCKED = Verdict("lock_timeout", f"not proved: a lock was not granted within {LOCK_WAIT_MS} ms (another session "
                                 f"holds one on a table this statement, or one prepared with it, reads)", "55P03")


@dataclass(frozen=True)
class _Checker:
    one: Callable[[str], Verdict]  # PREPARE one text
    many: Callable[[list[str]], Verdict | None] | None  # PREPARE many in one round trip: None when all prepared
    style: str  # placeholder style: "$" (PostgreSQL) or "?"


def prove(engine, statements: Sequence[Statement]) -> dict[Statement, Verdict]:
    """The database's verdict on every statement: PREPAREd (never executed) in a rolled-back transaction.

    PostgreSQL (READ ONLY) and MariaDB/MySQL (whose PREPARE resolves names too); {} for others.
    Statements with the same text are prepared once.
    """
    with _session(engine) as checker:
        if checker is None:
            return {}
        texts = {stmt: rewrite_placeholders(stmt.sql, holes_as_params=True, style=checker.style)[0]
                 for stmt in statements}
        verdicts = _check_all(checker, list(dict.fromkeys(texts.values())))
        return {stmt: verdicts[text] for stmt, text in texts.items()}


def probe_columns(engine, keys: Iterable[tuple[str, str, str]]) -> dict[tuple[str, str, str], Verdict]:
    """Ask the database directly whether each (schema, table, column) exists: PREPARE SELECT col FROM table
    (column "" asks for the table: SELECT 1 FROM table).

    A statement stops at its first error, so its other missing columns stay "static only"; the
    probe confirms each one on its own.
    """
    keys = list(dict.fromkeys(keys))
    if not keys:
        return {}
    with _session(engine) as checker:
        if checker is None:
            return {}
        quote = dialects.get("postgresql" if checker.style == "$" else "mysql").quote_always
        sql = {key: _probe_sql(key, quote) for key in keys}
        verdicts = _check_all(checker, list(dict.fromkeys(sql.values())))
        return {key: verdicts[text] for key, text in sql.items()}


def _check_all(checker: _Checker, texts: list[str]) -> dict[str, Verdict]:
    out: dict[str, Verdict] = {}
    for start in range(0, len(texts), BATCH):
        _check_chunk(checker, texts[start:start + BATCH], out)
    return out


def _check_chunk(checker: _Checker, chunk: list[str], out: dict[str, Verdict]) -> None:
    failed = None if checker.many is None or len(chunk) == 1 else checker.many(chunk)
    if checker.many is None or len(chunk) == 1:
        out.update((text, checker.one(text)) for text in chunk)
    elif failed is None:
        out.update((text, _PREPARED) for text in chunk)
    elif failed is LOCKED:  # splitting would wait for the lock once per half: none of these is proved
        out.update((text, LOCKED) for text in chunk)
    else:
        half = len(chunk) // 2
        _check_chunk(checker, chunk[:half], out)
        _check_chunk(checker, chunk[half:], out)


def _probe_sql(key: tuple[str, str, str], q: Callable[[str], str]) -> str:
    """SELECT col FROM schema.table, each name quoted by the dialect's preparer."""
    schema, table, column = key
    return f"SELECT {q(column) if column else 1} FROM {q(schema) + '.' if schema else ''}{q(table)}"


@contextmanager
def _session(engine):
    """A _Checker on one connection, rolled back at the end (None for other databases)."""
    if engine is None or engine.dialect.name not in ("postgresql", "mysql", "mariadb"):
        yield None
        return
    raw = engine.raw_connection()
    try:
        yield _pg_session(raw) if engine.dialect.name == "postgresql" else _mysql_session(raw)
    finally:
        try:
            raw.rollback()
        finally:
            raw.close()


def _pg_session(raw) -> _Checker:
    cursor = _cursor(raw)
    cursor.execute("SET TRANSACTION READ ONLY")
    cursor.execute(f"SET LOCAL statement_timeout = '10s'; SET LOCAL lock_timeout = '{LOCK_WAIT_MS}ms'; "
                   f"SAVEPOINT remedy_prove")
    return _Checker(lambda text: _prepare(cursor, text), lambda texts: _prepare_many(cursor, texts), "$")


def _mysql_session(raw):
    """MariaDB refuses to PREPARE a write inside READ ONLY (1792), so a plain transaction: only
    PREPARE and DEALLOCATE run in it, never EXECUTE, and it is rolled back."""
    cursor = raw.cursor()
    cursor.execute("START TRANSACTION")
    return _Checker(lambda text: _prepare_mysql(cursor, text), None, "?")


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
    """A server-side-binding cursor. Its statements go through the extended protocol, which takes one
    statement only: a ';' in a text found in source cannot end the PREPARE and run what follows. The
    driver's own automatic prepared statements are off: it would prepare remedy's repeated DEALLOCATE,
    lose track of it when a batch fails, and every later proof would trip over it (42P05, 26000)."""
    raw.driver_connection.prepare_threshold = None
    return raw.driver_connection.cursor()


def _prepare(cursor, text: str) -> Verdict:
    """PREPARE and DEALLOCATE in one round trip; a second to roll back to the savepoint when it fails."""
    return _prepare_many(cursor, [text]) or Verdict("prepared")


def _prepare_many(cursor, texts: list[str]) -> Verdict | None:
    """PREPARE and DEALLOCATE every text in one round trip (a pipeline: each its own extended-protocol
    statement); on an error, roll back and give its verdict."""
    try:
        with cursor.connection.pipeline():
            for i, text in enumerate(texts):
                cursor.execute(f"PREPARE remedy_p{i} AS {text}")  # no parameters: '%' is sent as written
                cursor.execute(f"DEALLOCATE remedy_p{i}")
        return None
    except Exception as exc:  # psycopg.Error: which one failed is found by splitting the batch
        cursor.execute("ROLLBACK TO SAVEPOINT remedy_prove")
        return _verdict(exc)


def _verdict(exc: Exception) -> Verdict:
    sqlstate = getattr(exc, "sqlstate", "") or ""
    diag = getattr(exc, "diag", None)
    message = (getattr(diag, "message_primary", None) or str(exc).splitlines()[0]).strip()
    if sqlstate == LOCKED.sqlstate:
        return LOCKED
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
