"""MariaDB and SQLite views, triggers and routines, end to end: a scan names each one that differs, the dry run
proves the plan (on MariaDB's shadow database, which now has the live views, triggers and routines too), the
apply leaves nothing behind, and not_compared names only what is still not compared."""
from __future__ import annotations

import pytest

from remedy.apply import apply, dry_run
from remedy.decisions import resolve
from remedy.plan.build import build_plan
from remedy.scan import scan
from tests.conftest import run_sql

MARIADB_LIVE = """
CREATE TABLE t (id INT PRIMARY KEY, n INT);
INSERT INTO t VALUES (1, 5);
CREATE VIEW v AS SELECT id FROM t;
CREATE VIEW old_v AS SELECT n FROM t;
CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.n = 1;
CREATE EVENT ev ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM t;
"""
MARIADB_EXPECTED = """
CREATE TABLE t (id INT PRIMARY KEY, n BIGINT);
CREATE VIEW v AS SELECT id, n FROM t;
CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.n = 2;
CREATE PROCEDURE p() SELECT 1;
"""
SQLITE_LIVE = """
CREATE TABLE t (id INTEGER PRIMARY KEY, n TEXT);
CREATE TABLE log (m INT);
INSERT INTO t VALUES (1, '5');
CREATE VIEW v AS SELECT id FROM t;
CREATE VIEW old_v AS SELECT n FROM t;
CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.id); END;
"""
SQLITE_EXPECTED = """
CREATE TABLE t (id INTEGER PRIMARY KEY, n INT);
CREATE TABLE log (m INT);
CREATE VIEW v AS SELECT id, n FROM t;
CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.n); END;
"""


def _expected(tmp_path, monkeypatch, text: str) -> str:
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    path = tmp_path / "expected.sql"
    path.write_text(text)
    return str(path)


def _kinds(result) -> list[str]:
    return sorted(f"{f.kind} {f.object or f.table}" for f in result.findings if "view" in f.kind
                  or "trigger" in f.kind or "procedure" in f.kind or "event" in f.kind)


def _dry_run_then_apply(url: str, expected: str) -> None:
    result = scan(url, expected)
    plan = build_plan(result, resolve(result, None, "reject", True))
    report = dry_run(url, result, plan)
    assert report.ok, report.failure
    assert scan(url, expected).fingerprint == result.fingerprint  # the dry run left the live database alone
    apply(url, result, plan)
    assert scan(url, expected).findings == ()


@pytest.mark.mariadb
def test_mariadb_views_triggers_and_a_procedure_are_found_dry_run_on_the_shadow_and_applied(
        mariadb_url, tmp_path, monkeypatch):
    run_sql(mariadb_url, MARIADB_LIVE)
    expected = _expected(tmp_path, monkeypatch, MARIADB_EXPECTED)
    result = scan(mariadb_url, expected)
    assert _kinds(result) == ["extra_event ev", "extra_view old_v", "missing_procedure p", "trigger_mismatch t_bi",
                              "view_mismatch v"]
    assert result.not_compared == ()  # the event is compared too
    _dry_run_then_apply(mariadb_url, expected)


def test_sqlite_views_and_triggers_are_found_dry_run_on_a_copy_and_applied_around_the_rebuild(
        sqlite_url, tmp_path, monkeypatch):
    run_sql(sqlite_url, SQLITE_LIVE)
    expected = _expected(tmp_path, monkeypatch, SQLITE_EXPECTED)
    result = scan(sqlite_url, expected)
    assert _kinds(result) == ["extra_view old_v", "trigger_mismatch t_ai", "view_mismatch v"]
    assert result.not_compared == ()
    _dry_run_then_apply(sqlite_url, expected)


@pytest.mark.mariadb
def test_a_scratch_database_left_by_a_killed_mariadb_scan_is_dropped_by_the_next_one(mariadb_url, tmp_path, monkeypatch):
    import sqlalchemy as sa

    from remedy import leftovers
    from remedy.sources.objects_mysql import SCRATCH_PREFIX

    run_sql(mariadb_url, MARIADB_LIVE)
    expected = _expected(tmp_path, monkeypatch, MARIADB_EXPECTED)
    dead = SCRATCH_PREFIX + leftovers.owner_tag().replace(f"_{__import__('os').getpid()}_", "_4194304_", 1)
    assert leftovers.is_stale(dead)  # a pid above Linux's pid_max: its owner is gone
    engine = sa.create_engine(mariadb_url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE `{dead}`")
    scan(mariadb_url, expected)
    with engine.connect() as conn:
        left = {row[0] for row in conn.exec_driver_sql(f"SHOW DATABASES LIKE '{dead}'")}
    engine.dispose()
    assert left == set()
