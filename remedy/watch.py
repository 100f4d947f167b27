"""Watching a statement while it runs: progress ticks, and who holds the lock it waits for.

A statement on a big table can run for minutes, or wait behind another session's lock until the lock
timeout cancels it. ``Watch`` runs beside it in a thread: every ``TICK`` seconds it reports a ``Progress``
(elapsed, the table and its estimated rows) and asks, on a connection of its own, which sessions block the
statement, so a lock timeout can name them. PostgreSQL says exactly (``pg_blocking_pids``). MariaDB/MySQL
say exactly only with MariaDB's metadata_lock_info plugin loaded (``information_schema.METADATA_LOCK_INFO``);
otherwise the sessions that can hold a table's metadata lock are named as what they are: those with an open
transaction or a statement running, besides the ones that wait themselves. When the statement failed
faster than the watch could look, ``holders`` asks which sessions hold a lock on the table instead.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable

import sqlalchemy as sa

TICK = 2.0  # seconds between progress reports
POLL = 0.1  # seconds between two looks at the blocking sessions

_BLOCKERS = """SELECT pid, usename, application_name, query_start, query FROM pg_stat_activity
WHERE pid = ANY(pg_blocking_pids(%(pid)s)) ORDER BY pid"""
_HOLDERS = """SELECT DISTINCT a.pid, a.usename, a.application_name, a.query_start, a.query
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.granted AND l.relation = to_regclass(%(table)s) AND a.pid <> pg_backend_pid() ORDER BY a.pid"""


# MariaDB/MySQL (``waiting``: the session whose statement waits)
_MYSQL_HOLDERS = """SELECT DISTINCT p.ID, p.USER, p.HOST, p.COMMAND, p.TIME, p.INFO, t.trx_started
FROM information_schema.METADATA_LOCK_INFO m JOIN information_schema.PROCESSLIST p ON p.ID = m.THREAD_ID
LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID
WHERE m.TABLE_SCHEMA = %(schema)s AND m.TABLE_NAME = %(table)s AND p.ID NOT IN (%(waiting)s, CONNECTION_ID())
ORDER BY p.ID"""
_MYSQL_MAYBE = """SELECT p.ID, p.USER, p.HOST, p.COMMAND, p.TIME, p.INFO, t.trx_started
FROM information_schema.PROCESSLIST p LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID
WHERE p.ID NOT IN (%(waiting)s, CONNECTION_ID()) AND p.COMMAND NOT IN ('Daemon', 'Binlog Dump')
AND COALESCE(p.STATE, '') NOT LIKE 'Waiting for%%metadata lock'
AND (t.trx_mysql_thread_id IS NOT NULL OR (p.COMMAND <> 'Sleep' AND p.DB = %(schema)s))
ORDER BY p.ID"""
MAYBE = ("one of these sessions (those with an open transaction or a running statement: the server does not "
         "list who holds metadata locks; MariaDB does with its metadata_lock_info plugin loaded): ")


@dataclass(frozen=True)
class Progress:
    """A statement still running: what, for how long, on what (reported every TICK seconds)."""

    name: str
    seconds: float
    detail: str  # the table and its estimated rows; the blocking session while it waits for a lock


OnProgress = Callable[[Progress], None]


@dataclass(frozen=True)
class Blocker:
    pid: int
    user: str
    application: str
    query_start: str
    query: str
    host: str = ""  # MariaDB/MySQL: the client's host:port (their sessions have no application name)
    exact: bool = True  # False: a session that may hold the lock (the server does not say which does)

    def __str__(self) -> str:
        first = (self.query or "").strip().splitlines()
        if self.host:
            return (f"session {self.pid} (user {self.user}, host {self.host}, {self.query_start}: "
                    f"{first[0][:100] if first else 'idle'})")
        return (f"pid {self.pid} (user {self.user}, application '{self.application}', query started "
                f"{self.query_start}: {first[0][:100] if first else '(none)'})")


def blockers_text(blockers: list[Blocker]) -> str:
    text = "; ".join(str(b) for b in blockers)
    return text if all(b.exact for b in blockers) else MAYBE + text


class Watch:
    """``with Watch(...) as watch:`` around one statement; ``watch.blockers`` after it."""

    def __init__(self, engine: sa.engine.Engine | None, pid: int | None, name: str, detail: str,
                 on_progress: OnProgress | None, look: Callable[[sa.Connection], list[Blocker]] | None = None):
        """``look``: asks who blocks (default: PostgreSQL's ``pg_blocking_pids`` of ``pid``)."""
        self.engine, self.pid, self.name, self.detail = engine, pid, name, detail
        self.look = look or (lambda conn: _rows(conn, _BLOCKERS, {"pid": pid}))
        self.on_progress = on_progress
        self.blockers: list[Blocker] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="remedy-watch")

    def __enter__(self) -> "Watch":
        self._started = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        next_tick, conn = TICK, None
        try:
            while not self._stop.wait(POLL):
                elapsed = time.perf_counter() - self._started
                if self.engine is not None and self.pid is not None:
                    conn = conn or self.engine.connect()
                    self.blockers = self.look(conn) or self.blockers
                if elapsed >= next_tick and self.on_progress is not None:
                    next_tick += TICK
                    self.on_progress(Progress(self.name, elapsed, self._detail()))
        except Exception:
            pass  # watching is a courtesy: it never fails the statement it watches
        finally:
            if conn is not None:
                conn.close()

    def _detail(self) -> str:
        if self.blockers:
            return f"{self.detail}; waiting for a lock held by {blockers_text(self.blockers)}"
        return self.detail


def _rows(conn, sql: str, params: dict) -> list[Blocker]:
    rows = conn.exec_driver_sql(sql, params).all()
    return [Blocker(r[0], r[1] or "", r[2] or "", r[3].isoformat(timespec="seconds") if r[3] else "?", r[4] or "")
            for r in rows]


def mysql_blockers(conn, waiting: int, schema: str, table: str) -> list[Blocker]:
    """Who holds the metadata lock on ``schema.table`` that session ``waiting`` waits for: exactly with
    MariaDB's metadata_lock_info plugin; else the sessions that may (``exact=False``)."""
    params = {"waiting": waiting, "schema": schema, "table": table}
    try:
        rows, exact = conn.exec_driver_sql(_MYSQL_HOLDERS, params).all(), True
    except sa.exc.DBAPIError:  # no such table: the plugin is not loaded
        conn.rollback()
        rows, exact = conn.exec_driver_sql(_MYSQL_MAYBE, params).all(), False
    return [Blocker(r[0], r[1] or "", "", _mysql_since(r[3], r[4], r[6]), r[5] or "", r[2] or "?", exact)
            for r in rows]


def _mysql_since(command: str, seconds: int | None, trx_started) -> str:
    if command != "Sleep":
        return f"running for {seconds or 0} s"
    if trx_started is not None:
        return f"in a transaction since {trx_started.isoformat(timespec='seconds')}"
    return f"idle for {seconds or 0} s"


def holders(engine: sa.engine.Engine, table: str) -> list[Blocker]:
    """The sessions holding a lock on ``table`` (a regclass text) now; [] when that cannot be asked."""
    try:
        with engine.connect() as conn:
            return _rows(conn, _HOLDERS, {"table": table})
    except Exception:
        return []
