"""Reading a big catalog must not starve the server. remedy lets PostgreSQL read a catalog's DDL in a scratch
database on the live server; run as one transaction, a 2,000-table catalog held a lock on every relation it
created until the end and filled the server's shared lock table: every other session on the server, production's
included, got "out of shared memory" for minutes."""
from __future__ import annotations

import threading
import time
import uuid

import sqlalchemy as sa

from remedy.scan import scan

TABLES = 300  # each: the table, its TOAST table and index, the key's index, a sequence, an index: ~1,800 locks


def _catalog(tmp_path) -> str:
    path = tmp_path / "schema.sql"
    path.write_text("".join(f"CREATE TABLE t{i} (id serial PRIMARY KEY, name text NOT NULL);\n"
                            f"CREATE INDEX t{i}_name ON t{i} (name);\n" for i in range(TABLES)))
    return str(path)


class _LockWatch(threading.Thread):
    """The most locks the sessions of any scratch database (or of ``database``) held at once, every 20 ms."""

    def __init__(self, url: str, database: str = "remedy\\_scratch\\_%"):
        super().__init__(daemon=True)
        self.engine, self.most, self.done = sa.create_engine(url, poolclass=sa.pool.NullPool), 0, threading.Event()
        self.database = database

    def run(self):
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            while not self.done.is_set():
                held = conn.exec_driver_sql(
                    "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                    "WHERE d.datname LIKE %(name)s AND l.pid <> pg_backend_pid()", {"name": self.database}).scalar()
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


def test_without_createdb_a_catalog_too_big_for_one_transaction_is_compared_as_written(pg_url, tmp_path, monkeypatch):
    """Without CREATEDB the catalog's tables are loaded in a rolled-back transaction on the live database itself:
    one that would take more than a quarter of the server's lock table is not loaded, and the scan says why."""
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    role = f"remedy_plain_{uuid.uuid4().hex[:8]}"
    database = sa.engine.make_url(pg_url).database
    admin = sa.create_engine(pg_url, poolclass=sa.pool.NullPool)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE ROLE {role} LOGIN NOCREATEDB")
        conn.exec_driver_sql(f"GRANT ALL ON SCHEMA public TO {role}")
        conn.exec_driver_sql(f"GRANT CREATE ON DATABASE {database} TO {role}")
        capacity = conn.exec_driver_sql(
            "SELECT current_setting('max_locks_per_transaction')::int * (current_setting('max_connections')::int"
            " + current_setting('max_prepared_transactions')::int)").scalar()
    try:
        tables = capacity // 4 // 5 + 10  # 5 locks each by remedy's count: the table, TOAST, its index, key, index
        catalog = tmp_path / "schema.sql"
        catalog.write_text("".join(f"CREATE TABLE t{i} (id int PRIMARY KEY, name text CHECK (name <> ''));\n"
                                   f"CREATE INDEX t{i}_name ON t{i} (name);\n" for i in range(tables)))
        watch = _LockWatch(pg_url, database)
        watch.start()
        try:
            url = sa.engine.make_url(pg_url).set(username=role).render_as_string(hide_password=False)
            result = scan(url, str(catalog))
        finally:
            watch.done.set()
            watch.join()
        assert watch.most < 200, f"the catalog load held {watch.most} locks at once"
        assert len([f for f in result.findings if f.kind == "missing_table"]) == tables
        assert any(f"its {tables:,} tables would hold about" in note and "lock table" in note
                   for note in result.notes), result.notes
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP OWNED BY {role}")
            conn.exec_driver_sql(f"DROP ROLE {role}")
        admin.dispose()
