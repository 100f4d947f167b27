"""Dry run and apply on SQLite (a copy of the file; one transaction) and MariaDB (a shadow database)."""
from __future__ import annotations

import os

import hashlib
from pathlib import Path

import pytest
import sqlalchemy as sa

from remedy.apply import apply, dry_run
from remedy.decisions import Decision, resolve
from remedy.errors import ApplyFailed
from remedy.journal import read_journal
from remedy.plan.build import build_plan
from remedy.scan import scan
from tests.conftest import MARIADB_ADMIN, run_sql

LIVE = """
CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL, code VARCHAR(20));
INSERT INTO items (id, name, code) VALUES (1, 'bolt', 'a'), (2, 'nut', 'b');
"""
EXPECTED = """
CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL, code VARCHAR(20), qty INTEGER NOT NULL DEFAULT 0);
CREATE UNIQUE INDEX items_code_uq ON items (code);
"""


@pytest.fixture
def expected(tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    path = tmp_path / "expected.sql"
    path.write_text(EXPECTED)
    return str(path)


def _plan(url, expected):
    result = scan(url, expected)
    return result, build_plan(result, resolve(result, None, "reject", True))


def _duplicate_codes_after_the_dry_run(url):
    """An on_step hook: once the dry run is over, make the unique index impossible on the live database."""
    state = {"dry_run_over": False}

    def hook(step):
        if step.name == "re-scan after downgrade" and not state["dry_run_over"]:
            state["dry_run_over"] = True
            run_sql(url, "UPDATE items SET code = 'a'")
    return hook


def _digest(url: str) -> str:
    return hashlib.sha256(Path(sa.engine.make_url(url).database).read_bytes()).hexdigest()


def test_sqlite_dry_run_works_on_a_copy(sqlite_url, expected):
    run_sql(sqlite_url, LIVE)
    before = _digest(sqlite_url)
    result, plan = _plan(sqlite_url, expected)
    report = dry_run(sqlite_url, result, plan)
    assert report.ok, report.failure
    assert "copy of the SQLite file" in report.where
    assert _digest(sqlite_url) == before


def test_sqlite_apply_failure_rolls_back_every_statement(sqlite_url, expected):
    run_sql(sqlite_url, LIVE)
    result, plan = _plan(sqlite_url, expected)
    with pytest.raises(ApplyFailed, match="rolled back"):
        apply(sqlite_url, result, plan, on_step=_duplicate_codes_after_the_dry_run(sqlite_url))
    assert scan(sqlite_url, expected).fingerprint == result.fingerprint  # qty was not added either


def test_sqlite_apply_converges(sqlite_url, expected):
    run_sql(sqlite_url, LIVE)
    result, plan = _plan(sqlite_url, expected)
    apply(sqlite_url, result, plan)
    assert scan(sqlite_url, expected).findings == ()


def _shadow_databases() -> set[str]:
    engine = sa.create_engine(MARIADB_ADMIN, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        names = {r[0] for r in conn.exec_driver_sql("SHOW DATABASES LIKE 'remedy_shadow_%%'")}
    engine.dispose()
    return names


@pytest.mark.mariadb
def test_mariadb_dry_run_uses_a_shadow_database(mariadb_url, expected):
    run_sql(mariadb_url, LIVE)
    result, plan = _plan(mariadb_url, expected)
    shadows = _shadow_databases()
    report = dry_run(mariadb_url, result, plan)
    assert report.ok, report.failure
    assert "shadow database" in report.where and "with their rows" in report.where
    assert scan(mariadb_url, expected).fingerprint == result.fingerprint
    ours = {name for name in _shadow_databases() - shadows if f"_{os.getpid()}_" in name}  # named after their owner
    assert ours == set()  # ours is gone (other processes' shadows may come and go at the same time)


@pytest.mark.mariadb
def test_mariadb_dry_run_sees_data_problems_on_the_shadow(mariadb_url, expected):
    run_sql(mariadb_url, LIVE + "UPDATE items SET code = 'a';")
    result, plan = _plan(mariadb_url, expected)
    report = dry_run(mariadb_url, result, plan)
    assert not report.ok and "Duplicate entry" in report.failure.message


@pytest.mark.mariadb
def test_mariadb_shadow_copies_invisible_columns_and_skips_generated_ones(mariadb_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    table = "CREATE TABLE items (id INT PRIMARY KEY, doubled INT AS (id * 2) STORED, secret VARCHAR(10) INVISIBLE);"
    run_sql(mariadb_url, table + "\nINSERT INTO items (id, secret) VALUES (1, 's'), (2, 's');")
    path = tmp_path / "expected.sql"
    path.write_text(table + "\nCREATE UNIQUE INDEX items_secret_uq ON items (secret);")
    result, plan = _plan(mariadb_url, str(path))
    report = dry_run(mariadb_url, result, plan)
    assert not report.ok and "Duplicate entry 's'" in report.failure.message  # the shadow has the secrets


@pytest.mark.mariadb
def test_mariadb_apply_failure_says_which_statements_ran(mariadb_url, expected):
    run_sql(mariadb_url, LIVE)
    result, plan = _plan(mariadb_url, expected)
    with pytest.raises(ApplyFailed) as err:
        apply(mariadb_url, result, plan, on_step=_duplicate_codes_after_the_dry_run(mariadb_url))
    message = str(err.value)
    assert "cannot roll DDL back: 1 of 2 statements ran: ALTER TABLE items ADD COLUMN qty" in message
    assert err.value.exit_code == 3
    entry = read_journal()[-1]  # the journal says it was partial, and which statements ran
    assert entry["status"] == "partial" and entry["error"] == message
    assert [s.split(" ADD ")[0] for s in entry["ran"]] == ["ALTER TABLE items"]
    assert entry["not_ran"] == ["CREATE UNIQUE INDEX items_code_uq ON items (code)"]


@pytest.mark.parametrize("dialect", ["postgresql", pytest.param("mysql", marks=pytest.mark.mariadb), "sqlite"])
def test_add_copy_keeps_the_old_column_and_copies_its_rows(dialect, request, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    url = request.getfixturevalue({"postgresql": "pg_url", "mysql": "mariadb_url", "sqlite": "sqlite_url"}[dialect])
    run_sql(url, "CREATE TABLE people (id INTEGER PRIMARY KEY, fullname VARCHAR(100) NOT NULL, age VARCHAR(5));\n"
                 "INSERT INTO people (id, fullname, age) VALUES (1, 'Ada Lovelace', '36'), (2, 'Alan Turing', '41');")
    expected = tmp_path / "expected.sql"
    expected.write_text("CREATE TABLE people (id INTEGER PRIMARY KEY, full_name VARCHAR(100) NOT NULL, "
                        "age_years INTEGER);")
    result = scan(url, str(expected))
    chosen = resolve(result, None, "reject", False)
    for column, source in (("full_name", "fullname"), ("age_years", "age")):
        fid = next(f.id for f in result.findings if f.column == column)
        chosen[fid] = Decision(fid, "add_copy", from_column=source)
    plan = build_plan(result, chosen)
    apply(url, result, plan)
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT fullname, full_name, age_years FROM people ORDER BY id").all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [("Ada Lovelace", "Ada Lovelace", 36), ("Alan Turing", "Alan Turing", 41)]


def test_sqlite_dry_run_copy_includes_what_is_still_in_the_wal(sqlite_url, expected):
    import sqlite3

    path = sa.engine.make_url(sqlite_url).database
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("PRAGMA journal_mode=WAL")
        writer.execute("PRAGMA wal_autocheckpoint=0")
        writer.executescript(LIVE)
        result, plan = _plan(sqlite_url, expected)
        report = dry_run(sqlite_url, result, plan)
        assert report.ok, report.failure
    finally:
        writer.close()


@pytest.mark.parametrize("url_fixture", ["sqlite_url", "mariadb_url"])
def test_dry_run_counts_the_rows_that_break_an_expected_check(url_fixture, request, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    url = request.getfixturevalue(url_fixture)
    run_sql(url, "CREATE TABLE items (id INTEGER PRIMARY KEY, qty INTEGER NOT NULL)")
    run_sql(url, "INSERT INTO items (id, qty) VALUES (1, 5), (2, -1), (3, -7)")
    expected = tmp_path / "expected.sql"
    expected.write_text("CREATE TABLE items (id INTEGER PRIMARY KEY, qty INTEGER NOT NULL, "
                        "CONSTRAINT items_qty_positive CHECK (qty >= 0));")
    result, plan = _plan(url, str(expected))
    report = dry_run(url, result, plan)
    assert not report.ok
    assert report.failure.name == "check: rows of items that break items_qty_positive"
    assert report.failure.message.startswith("2 row(s) of items break the check items_qty_positive")


def _retyped(url: str, tmp_path, live: str, expected: str, decided: dict[str, str] | None = None):
    run_sql(url, live)
    path = tmp_path / "retyped.sql"
    path.write_text(expected)
    result = scan(url, str(path))
    chosen = resolve(result, None, "reject", True)
    for fid, value in (decided or {}).items():
        chosen[fid] = Decision(fid, "alter", value=value)
    return result, build_plan(result, chosen)


def _check(report, column: str):
    return next(s for s in report.steps if s.name.startswith(f"check: values of {column}"))


def test_sqlite_dry_run_counts_values_a_strict_column_refuses(sqlite_url, tmp_path, expected):
    result, plan = _retyped(sqlite_url, tmp_path, "CREATE TABLE t (id INTEGER PRIMARY KEY, n TEXT) STRICT;\n"
                            "INSERT INTO t VALUES (1, '12'), (2, 'abc'), (3, '1.5'), (4, NULL);",
                            "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER) STRICT;")
    report = dry_run(sqlite_url, result, plan)
    assert not report.ok
    assert _check(report, "t.n").message.startswith("2 value(s) of t.n are not INTEGER and do not convert "
                                                    "(1 REAL, 1 TEXT): the copy would fail; decide value")


def test_sqlite_a_decided_expression_converts_what_strict_refuses(sqlite_url, tmp_path, expected):
    result, plan = _retyped(sqlite_url, tmp_path, "CREATE TABLE t (id INTEGER PRIMARY KEY, n TEXT) STRICT;\n"
                            "INSERT INTO t VALUES (1, '12'), (2, 'abc');",
                            "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER) STRICT;",
                            {"type_mismatch:main.t.n": "CASE WHEN n GLOB '[0-9]*' THEN n END"})
    apply(sqlite_url, result, plan)
    assert _rows(sqlite_url, "SELECT id, n FROM t ORDER BY id") == [(1, 12), (2, None)]


def test_sqlite_retype_keeps_what_the_new_affinity_does_not_convert_and_says_so(sqlite_url, tmp_path, expected):
    """No CAST: CAST('abc' AS INTEGER) is 0 and CAST(1.5 AS INTEGER) is 1; an insert keeps them as they are."""
    result, plan = _retyped(sqlite_url, tmp_path, "CREATE TABLE t (id INTEGER PRIMARY KEY, n TEXT, r REAL);\n"
                            "INSERT INTO t VALUES (1, '12', 1.0), (2, 'abc', 1.5);",
                            "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, r INTEGER);")
    report = dry_run(sqlite_url, result, plan)
    assert report.ok
    assert _check(report, "t.n").message.startswith("1 value(s) of t.n are not INTEGER and stay as they are (1 TEXT)")
    apply(sqlite_url, result, plan)
    assert _rows(sqlite_url, "SELECT n, typeof(n), r, typeof(r) FROM t ORDER BY id") == [
        (12, "integer", 1, "integer"), ("abc", "text", 1.5, "real")]


def test_sqlite_add_copy_converts_without_a_cast(sqlite_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(sqlite_url, "CREATE TABLE t (id INTEGER PRIMARY KEY, age TEXT);\n"
                        "INSERT INTO t VALUES (1, '36'), (2, 'unknown');")
    path = tmp_path / "expected.sql"
    path.write_text("CREATE TABLE t (id INTEGER PRIMARY KEY, age_years INTEGER);")
    result = scan(sqlite_url, str(path))
    chosen = resolve(result, None, "reject", False)
    fid = next(f.id for f in result.findings if f.column == "age_years")
    chosen[fid] = Decision(fid, "add_copy", from_column="age")
    apply(sqlite_url, result, build_plan(result, chosen))
    assert _rows(sqlite_url, "SELECT age_years FROM t ORDER BY id") == [(36,), ("unknown",)]


def _rows(url: str, sql: str) -> list[tuple]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.exec_driver_sql(sql).all()]
    finally:
        engine.dispose()
