"""Reading a big catalog must not starve the server. remedy lets PostgreSQL read a catalog's DDL in a scratch
database on the live server; run as one transaction, a 2,000-table catalog held a lock on every relation it
created until the end and filled the server's shared lock table: every other session on the server, production's
included, got "out of shared memory" for minutes."""
from __future__ import annotations

import threading
import time

import sqlalchemy as sa

from remedy.scan import scan

TABLES = 300  # each: the table, its TOAST table and index, the key's index, a sequence, an index: ~1,800 locks


def _catalog(tmp_path) -> str:
    path = tmp_path / "schema.sql"
    path.write_text("".join(f"CREATE TABLE t{i} (id serial PRIMARY KEY, name text NOT NULL);\n"
                            f"CREATE INDEX t{i}_name ON t{i} (name);\n" for i in range(TABLES)))
    return str(path)


class _LockWatch(threading.Thread):
    """The most locks any scratch database's sessions held at once, sampled every 20 ms."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.engine, self.most, self.done = sa.create_engine(url, poolclass=sa.pool.NullPool), 0, threading.Event()

    def run(self):
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            while not self.done.is_set():
                held = conn.exec_driver_sql(
                    "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                    "WHERE d.datname LIKE 'remedy\\_scratch\\_%%' AND l.pid <> pg_backend_pid()").scalar()
                self.most = max(self.most, held)
                time.sleep(0.02)


def test_a_big_catalog_is_read_without_holding_a_lock_per_table(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    watch = _LockWatch(pg_url)
    watch.start()
    try:
        result = scan(pg_url, _catalog(tmp_path))
    finally:
        watch.done.set()
        watch.join()
    assert len([f for f in result.findings if f.kind == "missing_table"]) == TABLES
    assert watch.most < 200, f"the catalog load held {watch.most} locks at once"
