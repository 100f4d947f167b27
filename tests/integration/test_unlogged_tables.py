"""An UNLOGGED table is emptied after a crash and never reaches a standby: a table made UNLOGGED by hand (to speed up
a bulk load, and never set back) is drift the operator must see, and the plan says what setting it back costs."""
from __future__ import annotations

from tests.conftest import load_drift
from tests.integration.cli_run import psql, remedy

LIVE = ("CREATE UNLOGGED TABLE events (id bigint PRIMARY KEY, payload jsonb);\n"
        "INSERT INTO events SELECT g, '{}' FROM generate_series(1, 50) g;\n"
        "CREATE TABLE cache (k text PRIMARY KEY, v text);\n")
EXPECTED = ("CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb);\n"
            "CREATE UNLOGGED TABLE cache (k text PRIMARY KEY, v text);\n")


def test_a_table_left_unlogged_is_found_and_set_logged_with_its_cost_said(pg_url, tmp_path, monkeypatch):
    url, expected = load_drift(pg_url, tmp_path, monkeypatch, LIVE, EXPECTED)
    scan = remedy("scan", "--db", url, "--expected", expected)
    assert scan.returncode == 1
    assert "table events is UNLOGGED but the expected table is not" in scan.stdout
    assert "table cache is not UNLOGGED but the expected table is" in scan.stdout

    fix = tmp_path / "fix.sql"
    assert remedy("plan", "--db", url, "--expected", expected, "-o", str(fix)).returncode == 0
    script = fix.read_text()
    assert "ALTER TABLE public.events SET LOGGED;" in script
    assert "ALTER TABLE public.cache SET UNLOGGED;" in script
    assert "rewrites events" in script and "into the WAL" in script
    assert "emptied after a crash" in script

    assert psql(url, fix, flags=("-1", "-v", "ON_ERROR_STOP=1")).returncode == 0
    assert remedy("scan", "--db", url, "--expected", expected).returncode == 0
