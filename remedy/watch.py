"""Watching a statement while it runs: progress ticks, and who holds the lock it waits for.

A statement on a big table can run for minutes, or wait behind another session's lock until the lock
timeout cancels it. ``Watch`` runs beside it in a thread: every ``TICK`` seconds it reports a ``Progress``
(elapsed, the table and its estimated rows); on PostgreSQL it asks ``pg_blocking_pids`` (on a connection of
its own) which sessions block the statement, so a lock timeout can name them. When the statement failed
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

    def __str__(self) -> str:
        first = (self.query or "").strip().splitlines()
        return (f"pid {self.pid} (user {self.user}, application '{self.application}', query started "
                f"{self.query_start}: {first[0][:100] if first else '(none)'})")


def blockers_text(blockers: list[Blocker]) -> str:
    return "; ".join(str(b) for b in blockers)


class Watch:
    """``with Watch(...) as watch:`` around one statement; ``watch.blockers`` after it."""

    def __init__(self, engine: sa.engine.Engine | None, pid: int | None, name: str, detail: str,
                 on_progress: OnProgress | None):
        self.engine, self.pid, self.name, self.detail = engine, pid, name, detail
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
                    self.blockers = _rows(conn, _BLOCKERS, {"pid": self.pid}) or self.blockers
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


def holders(engine: sa.engine.Engine, table: str) -> list[Blocker]:
    """The sessions holding a lock on ``table`` (a regclass text) now; [] when that cannot be asked."""
    try:
        with engine.connect() as conn:
            return _rows(conn, _HOLDERS, {"table": table})
    except Exception:
        return []
