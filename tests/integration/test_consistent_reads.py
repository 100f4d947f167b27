"""Someone commits DDL while remedy reads the schema, or two operators apply at once.

The catalog is read in one REPEATABLE READ snapshot; what the catalog functions still trip on is read
again once, then reported as an input error naming the change. The second of two applies is told the
schema changed under it. The DDL here is real and committed from another connection at a chosen catalog
query (the reader's query function is wrapped to know when).
"""
from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from remedy.apply import apply
from remedy.decisions import resolve
from remedy.errors import ApplyFailed, RemedyError
from remedy.journal import read_journal
from remedy.plan.build import build_plan
from remedy.scan import scan
from remedy.sources import live
from tests.conftest import load_drift, run_sql

LIVE = """
CREATE TABLE owners (id SERIAL PRIMARY KEY, name TEXT CHECK (name <> ''));
CREATE TABLE jobs (id SERIAL PRIMARY KEY, owner_id INTEGER REFERENCES owners(id), status TEXT DEFAULT 'new');
CREATE INDEX jobs_status_idx ON jobs (lower(status));
"""
EXPECTED = LIVE + "CREATE TABLE audit (id SERIAL PRIMARY KEY);\n"
QUERIES = ("enums", "tables", "columns", "constraints", "indexes")  # the PostgreSQL reader's order


@pytest.fixture
def db(pg_url, tmp_path, monkeypatch):
    return load_drift(pg_url, tmp_path, monkeypatch, LIVE, EXPECTED)


def _commit_ddl_before(monkeypatch, url: str, query: str, *ddl: str) -> list[str]:
    """Before the reader's ``query`` (every read attempt), commit the next statement of ``ddl``."""
    pending, done = list(ddl), []
    original = live._tuples

    def tuples(conn, sql, params=None):
        if pending and sql == live.load_sql(f"postgresql_{query}"):
            done.append(pending.pop(0))
            run_sql(url, done[-1])
        return original(conn, sql, params)

    monkeypatch.setattr(live, "_tuples", tuples)
    return done


@pytest.mark.parametrize("query", QUERIES[1:])
def test_a_table_created_during_the_read_is_not_half_read(db, monkeypatch, query):
    url, expected = db
    done = _commit_ddl_before(monkeypatch, url, query, "CREATE TABLE late (id int PRIMARY KEY)")
    result = scan(url, expected)
    assert done and ("public", "late") not in result.live.tables  # not in the snapshot: not seen at all
    assert [f.id for f in result.findings] == ["missing_table:public.audit"]


@pytest.mark.parametrize("query", QUERIES[1:])
def test_a_table_dropped_during_the_read_is_read_again(db, monkeypatch, query):
    url, expected = db
    done = _commit_ddl_before(monkeypatch, url, query, "DROP TABLE jobs")
    result = scan(url, expected)
    assert done
    jobs = result.live.tables.get(("public", "jobs"))
    assert jobs is None or [c.name for c in jobs.columns] == ["id", "owner_id", "status"]
    assert [f.id for f in scan(url, expected).findings] == ["missing_table:public.audit", "missing_table:public.jobs"]


@pytest.mark.parametrize("query,ddl", [
    ("views", "DROP VIEW busy_jobs"),
    ("functions", "DROP FUNCTION job_count()"),
])
def test_an_object_dropped_during_the_read_is_read_again(db, monkeypatch, query, ddl):
    url, expected = db
    run_sql(url, "CREATE VIEW busy_jobs AS SELECT id, status FROM jobs WHERE status <> 'done';"
                 "CREATE FUNCTION job_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM jobs';")
    done = _commit_ddl_before(monkeypatch, url, query, ddl)
    result = scan(url, expected)  # the catalog functions trip on what is gone: read again, never half-read
    assert done
    assert "missing_table:public.audit" in [f.id for f in result.findings]


def test_a_schema_that_keeps_changing_is_an_input_error_saying_so(db, monkeypatch):
    url, expected = db
    _commit_ddl_before(monkeypatch, url, "constraints", "DROP TABLE jobs", "DROP TABLE owners")
    with pytest.raises(RemedyError, match="changed while it was being read, twice") as err:
        scan(url, expected)
    assert err.value.exit_code == 2 and "run again when the schema change has finished" in str(err.value)


def test_the_second_of_two_concurrent_applies_is_told_the_schema_changed(db):
    url, expected = db
    result = scan(url, expected)
    plan = build_plan(result, resolve(result, None, "accept", True))
    first_done = threading.Event()

    def first_applies_meanwhile(step):  # the second apply has checked the schema; the first commits now
        if step.name == "check: live schema unchanged since the scan" and not first_done.is_set():
            worker = threading.Thread(target=apply, args=(url, result, plan))
            worker.start()
            worker.join()
            first_done.set()

    with pytest.raises(ApplyFailed, match=r"the schema changed while this apply ran \(sha256:") as err:
        apply(url, result, plan, on_step=first_applies_meanwhile)
    assert err.value.exit_code == 3 and "another apply or migration committed first" in str(err.value)
    assert sorted(e["status"] for e in read_journal()) == ["applied", "rolled back"]
    assert scan(url, expected).findings == ()


def test_the_reader_runs_in_one_repeatable_read_snapshot(pg_url):
    seen = []
    original = live._tuples

    def tuples(conn, sql, params=None):
        seen.append(conn.exec_driver_sql("SHOW transaction_isolation").scalar())
        return original(conn, sql, params)

    engine = sa.create_engine(pg_url, poolclass=sa.pool.NullPool)
    live._tuples = tuples
    try:
        live.read_live(engine)
    finally:
        live._tuples = original
        engine.dispose()
    assert seen and set(seen) == {"repeatable read"}
