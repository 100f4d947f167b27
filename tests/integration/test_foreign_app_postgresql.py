"""A new user points remedy at an application database other people wrote (tests/fixtures/foreign_app: a
pagila-like film rental schema and a Django-like accounts schema: domains, an enum, a tsvector kept by a trigger,
a range-partitioned table, views, a materialized view, functions, a rule, deferrable foreign keys,
varchar_pattern_ops indexes, serial, bigserial and identity keys).

The operator snapshots the healthy database as a catalog, checks that remedy finds nothing where nothing differs,
then finds on the live copy exactly the drifts hotfixes and half-run migrations left there (drift.sql names each
one's finding above it), plans with --allow-destructive --renames reject, applies the script with
``psql -v ON_ERROR_STOP=1 -1``, and pg_dump (normalised as the conformance oracle does) sees the two databases
alike.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conformance.oracle import picture
from tests.conformance.pgclient import run_psql_file
from tests.integration.cli_run import remedy

APP = Path(__file__).resolve().parents[1] / "fixtures" / "foreign_app"
PLAN_FLAGS = ("--allow-destructive", "--renames", "reject")


@pytest.fixture
def app(pg_url_factory, tmp_path):
    """(live, expected): two databases loaded from the application's schema."""
    urls = pg_url_factory(), pg_url_factory()
    for url in urls:
        loaded = run_psql_file(url, APP / "schema.sql")
        assert loaded.returncode == 0, loaded.stderr
    return urls


def scan(live: str, expected: str, tmp_path: Path) -> dict:
    proc = remedy("scan", "--db", live, "--expected", expected, "--format", "json", "--fail-on", "none",
                  env=_env(tmp_path))
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_the_healthy_application_has_no_drift_against_its_copy_or_its_catalog(app, tmp_path):
    live, expected = app
    catalog = _catalog(expected, tmp_path, said="not in the catalog (remedy does not compare them): 1 rule")
    for against in (expected, catalog, live):
        report = scan(live, against, tmp_path)
        assert report["findings"] == [], against
    text = remedy("scan", "--db", live, "--expected", catalog, env=_env(tmp_path))
    assert text.returncode == 0, text.stdout + text.stderr
    assert "No drift in what was compared; not compared: 1 rule" in text.stdout  # the soft-delete rule, said


def test_each_drift_a_hotfix_left_is_exactly_one_finding_and_the_plan_undoes_them_all(app, tmp_path):
    live, expected = app
    catalog = _catalog(expected, tmp_path)
    drift = APP / "drift.sql"
    assert run_psql_file(live, drift).returncode == 0
    injected = sorted(re.findall(r"^-- ([a-z_]+:.+)$", drift.read_text(), re.M))
    for against in (expected, catalog):
        found = sorted(f["id"] for f in scan(live, against, tmp_path)["findings"])
        assert found == injected, (against, sorted(set(found) - set(injected)), sorted(set(injected) - set(found)))

    script = tmp_path / "fix.sql"
    plan = remedy("plan", "--db", live, "--expected", catalog, *PLAN_FLAGS, "-o", str(script), env=_env(tmp_path))
    assert plan.returncode == 0, plan.stderr
    applied = run_psql_file(live, script)
    assert applied.returncode == 0, applied.stderr + "\n--- fix.sql ---\n" + script.read_text()
    assert scan(live, expected, tmp_path)["findings"] == []
    after, want = picture(live), picture(expected)
    assert after.lines == want.lines, (after.how, [line for line in want.lines if line not in after.lines],
                                       [line for line in after.lines if line not in want.lines])


def test_an_enum_value_a_half_run_migration_added_is_no_drift_but_an_enum_type_it_left_is(app, tmp_path):
    """Every rating the application writes is still there, and PostgreSQL cannot take a value back: the extra value
    is not drift. A whole enum type the expected schema does not declare is (extra_enum)."""
    live, expected = app
    assert run_psql_file(live, _sql(tmp_path, "ALTER TYPE rental.mpaa_rating ADD VALUE 'NR';")).returncode == 0
    assert scan(live, expected, tmp_path)["findings"] == []
    assert run_psql_file(live, _sql(tmp_path, "CREATE TYPE rental.hold_state AS ENUM ('new', 'done');")).returncode == 0
    assert [f["id"] for f in scan(live, expected, tmp_path)["findings"]] == ["extra_enum:rental.hold_state"]


def _catalog(expected: str, tmp_path: Path, said: str = "") -> str:
    """``catalog init`` of the expected database; ``said``: a line it must write (what it leaves out)."""
    catalog = tmp_path / "catalog"
    init = remedy("catalog", "init", "--from-db", expected, "-o", str(catalog), env=_env(tmp_path))
    assert init.returncode == 0, init.stderr
    if said:
        assert said in init.stderr.splitlines(), init.stderr
    return str(catalog)


def _sql(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "step.sql"
    path.write_text(text)
    return path


def _env(tmp_path: Path) -> dict[str, str]:
    return {"REMEDY_HOME": str(tmp_path / "home")}


def test_an_index_or_check_added_to_one_partition_alone_is_said_not_compared(app, tmp_path):
    """remedy compares a partitioned table's keys and indexes, which its partitions inherit; a hotfix index or
    CHECK on one partition alone is not compared, so 'No drift' must say so rather than mean 'I did not look'."""
    live, expected = app
    hotfix = ("CREATE INDEX payment_p2022_01_amount_idx ON rental.payment_p2022_01 (amount);\n"
              "ALTER TABLE rental.payment_p2022_01 ADD CONSTRAINT p01_amount_small CHECK (amount < 1000);\n")
    assert run_psql_file(live, _sql(tmp_path, hotfix)).returncode == 0
    report = scan(live, expected, tmp_path)
    said = {(p["kind"], p["side"]): p["count"] for p in report["not_compared"]}
    assert said.get(("partition_index", "live")) == 1 and said.get(("partition_constraint", "live")) == 1
    text = remedy("scan", "--db", live, "--expected", expected, env=_env(tmp_path))
    assert "1 index of a partition alone" in text.stdout and "1 constraint of a partition alone" in text.stdout
