"""Schemas through the command line, as a user meets them: every schema is read on both sides, --schema
scopes both, --map-schema maps only when asked, an empty database is a target, and what remedy does not
compare is said."""
from __future__ import annotations

import json

from tests.conformance.pgclient import run_psql_file
from tests.integration.cli_run import remedy

APP = "CREATE TABLE public.t (id int PRIMARY KEY);\nCREATE SCHEMA x;\nCREATE TABLE x.data (id int PRIMARY KEY, v text);\n"


def _db(factory, sql: str, tmp_path, name: str) -> str:
    url = factory()
    (tmp_path / name).write_text(sql)
    assert run_psql_file(url, tmp_path / name).returncode == 0
    return url


def _ids(proc) -> set[str]:
    return {f["id"] for f in json.loads(proc.stdout)["findings"]}


def test_tables_outside_public_are_compared_on_both_sides(pg_url_factory, tmp_path):
    live = _db(pg_url_factory, APP, tmp_path, "a.sql")
    expected = _db(pg_url_factory, APP.replace("v text", "v text, w int"), tmp_path, "b.sql")
    proc = remedy("scan", "--db", live, "--expected", expected, "--format", "json")
    assert proc.returncode == 1 and _ids(proc) == {"missing_column:x.data.w"}


def test_schema_flag_scopes_the_expected_database_too_and_never_drops_what_is_out_of_scope(pg_url_factory, tmp_path):
    live = _db(pg_url_factory, APP, tmp_path, "a.sql")
    expected = _db(pg_url_factory, APP, tmp_path, "b.sql")
    plan = remedy("plan", "--db", live, "--expected", expected, "--schema", "x", "--allow-destructive")
    assert plan.returncode == 0, plan.stderr
    assert "DROP" not in plan.stdout.split("Downgrade")[0]
    assert remedy("scan", "--db", live, "--expected", expected, "--schema", "x").returncode == 0


def test_map_schema_compares_one_schema_with_another_only_when_asked(pg_url_factory, tmp_path):
    live = _db(pg_url_factory, "CREATE SCHEMA tenant_7;\nCREATE TABLE tenant_7.t (id int PRIMARY KEY);", tmp_path, "a.sql")
    expected = _db(pg_url_factory, "CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY, note text);",
                   tmp_path, "b.sql")
    unmapped = remedy("scan", "--db", live, "--expected", expected, "--format", "json")
    assert _ids(unmapped) == {"missing_schema:app", "missing_table:app.t", "extra_schema:tenant_7",
                              "extra_table:tenant_7.t"}
    mapped = remedy("scan", "--db", live, "--expected", expected, "--map-schema", "tenant_7=app", "--format", "json")
    assert _ids(mapped) == {"missing_column:tenant_7.t.note"}


def test_an_empty_live_database_is_built_from_a_catalog(pg_url_factory, tmp_path):
    expected = _db(pg_url_factory, APP, tmp_path, "b.sql")
    catalog = tmp_path / "catalog"
    assert remedy("catalog", "init", "--from-db", expected, "-o", str(catalog)).returncode == 0
    empty = pg_url_factory()
    scan = remedy("scan", "--db", empty, "--expected", str(catalog), "--format", "json")
    assert _ids(scan) == {"missing_schema:x", "missing_table:x.data", "missing_table:public.t"}
    script = tmp_path / "fix.sql"
    assert remedy("plan", "--db", empty, "--expected", str(catalog), "-o", str(script)).returncode == 0
    assert run_psql_file(empty, script).returncode == 0
    assert remedy("scan", "--db", empty, "--expected", str(catalog)).returncode == 0


def test_no_drift_says_what_was_not_compared(pg_url_factory, tmp_path):
    sql = APP + ("CREATE RULE keep AS ON DELETE TO x.data DO INSTEAD NOTHING;\n"
                 "CREATE STATISTICS x.data_stats ON id, v FROM x.data;\n")
    live, expected = _db(pg_url_factory, sql, tmp_path, "a.sql"), _db(pg_url_factory, APP, tmp_path, "b.sql")
    text = remedy("scan", "--db", live, "--expected", expected)
    assert text.returncode == 0, text.stdout + text.stderr
    assert "No drift in what was compared; not compared: 1 rule, 1 statistics." in text.stdout
    doc = json.loads(remedy("scan", "--db", live, "--expected", expected, "--format", "json").stdout)
    assert {(p["kind"], p["schema"], p["count"], p["side"]) for p in doc["not_compared"]} == {
        ("rule", "x", 1, "live"), ("statistics", "x", 1, "live")}


def test_physical_settings_tuned_by_hand_are_said_not_compared(pg_url_factory, tmp_path):
    """fillfactor, REPLICA IDENTITY FULL (logical replication), CLUSTER, per-column STATISTICS: set by hand on
    production, compared by nothing, so "No drift" must say they were not looked at."""
    tuned = APP + ("ALTER TABLE x.data SET (fillfactor = 70);\nALTER TABLE x.data REPLICA IDENTITY FULL;\n"
                   "ALTER TABLE public.t CLUSTER ON t_pkey;\nALTER TABLE x.data ALTER COLUMN v SET STATISTICS 500;\n")
    live, expected = _db(pg_url_factory, tuned, tmp_path, "a.sql"), _db(pg_url_factory, APP, tmp_path, "b.sql")
    text = remedy("scan", "--db", live, "--expected", expected)
    assert text.returncode == 0, text.stdout + text.stderr
    assert ("No drift in what was compared; not compared: 1 clustered index, 1 column with SET STORAGE, STATISTICS "
            "or COMPRESSION, 1 table with a REPLICA IDENTITY other than the default, 1 table with storage "
            "parameters (WITH (...)).") in text.stdout
    catalog = tmp_path / "catalog.sql"
    catalog.write_text(tuned)
    doc = json.loads(remedy("scan", "--db", expected, "--expected", str(catalog), "--format", "json").stdout)
    assert {(p["kind"], p["schema"], p["side"]) for p in doc["not_compared"]} >= {
        ("table_storage_parameters", "x", "expected"), ("replica_identity", "x", "expected"),
        ("clustered_index", "public", "expected"), ("column_storage_setting", "x", "expected")}


def test_schema_flag_against_a_database_of_another_dialect_picks_the_live_schema_compared(pg_url_factory, sqlite_url,
                                                                                           tmp_path):
    """An expected SQLite database has one namespace (main), compared with public by default. --schema public says
    the same and must not be refused as 'the expected side has no tables in public'; --schema x compares it with
    x instead. The live schemas left out are said, not silently skipped."""
    live = _db(pg_url_factory, APP.replace("public.t (id int PRIMARY KEY)", "public.t (id int PRIMARY KEY, n int)"),
               tmp_path, "a.sql")
    from tests.conftest import run_sql
    run_sql(sqlite_url, "CREATE TABLE t (id int NOT NULL PRIMARY KEY);")
    default = remedy("scan", "--db", live, "--expected", sqlite_url, "--format", "json")
    public = remedy("scan", "--db", live, "--expected", sqlite_url, "--schema", "public", "--format", "json")
    assert public.returncode == default.returncode == 1, public.stderr
    assert _ids(public) == _ids(default) == {"extra_column:public.t.n"}
    assert any("x" in note and "not compared" in note for note in json.loads(default.stdout)["notes"])
    other = remedy("scan", "--db", live, "--expected", sqlite_url, "--schema", "x", "--format", "json")
    assert other.returncode == 1, other.stderr
    assert _ids(other) == {"missing_table:x.t", "extra_table:x.data"}
    unknown = remedy("scan", "--db", live, "--expected", sqlite_url, "--schema", "nope")
    assert unknown.returncode == 2 and len(unknown.stderr.strip().splitlines()) == 1
