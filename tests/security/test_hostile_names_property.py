"""Issue 11.1, as a property: whatever the names, remedy's SQL does what the plan says and nothing else.

For tables, columns, indexes, constraints, enums and (PostgreSQL) schemas named from hostile pieces
(see hostile.py), on PostgreSQL, MariaDB and SQLite: the plan renames a column, adds a NOT NULL
column with a hostile default, adds a unique, a check, an index, a table with a foreign key, drops
an extra column and an extra table (and on PostgreSQL creates an enum and adds an enum value).
Applied through ``remedy apply`` and, on a second database, through the exported script run by the
dialect's own client, the schema converges (a rescan is clean), the renamed column keeps its rows,
and the canary table's rows are unchanged.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from remedy.apply import apply
from remedy.decisions import Decision, resolve
from remedy.plan.build import build_plan
from remedy.render.sql import render_sql
from remedy.scan import scan
from tests.conftest import MARIADB_ADMIN, _mariadb_admin
from tests.security.hostile import (Scenario, canary_digest, fresh_database, literal_values, names, rows_of,
                                    run_script, run_with_client)

SETTINGS = settings(max_examples=15, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _scan(url: str, expected: str, scenario: Scenario):
    schemas = ["public", scenario.n["schema"]] if scenario.dialect == "postgresql" else None
    return scan(url, expected, schemas=schemas)


def _plan(url: str, expected: str, scenario: Scenario):
    result = _scan(url, expected, scenario)
    chosen = resolve(result, None, "reject", True)
    by_column = {(f.kind, f.column): f.id for f in result.findings}
    renamed, moved = by_column[("missing_column", scenario.n["new"])], by_column[("extra_column", scenario.n["old"])]
    chosen[renamed] = Decision(renamed, "rename", from_column=scenario.n["old"])
    chosen[moved] = Decision(moved, "skip")
    return result, build_plan(result, chosen)


def _converged(url: str, expected: str, scenario: Scenario, canary: str) -> None:
    left = _scan(url, expected, scenario).findings
    assert not left, [f.id for f in left]
    assert canary_digest(url) == canary
    assert rows_of(url, scenario, "t1", "new") == ["first", "second"]


def _check(dialect: str, admin_url: str, tmp_path, scenario: Scenario) -> None:
    expected = tmp_path / "expected.sql"
    expected.write_text(scenario.expected)
    with fresh_database(dialect, admin_url, tmp_path) as url:
        run_script(url, scenario.live)
        canary = canary_digest(url)
        result, plan = _plan(url, str(expected), scenario)
        apply(url, result, plan)
        _converged(url, str(expected), scenario, canary)
    with fresh_database(dialect, admin_url, tmp_path) as url:
        run_script(url, scenario.live)
        _, plan = _plan(url, str(expected), scenario)
        script = tmp_path / "fix.sql"
        script.write_text(render_sql(plan))
        ran = run_with_client(dialect, url, script)
        assert ran.returncode == 0, ran.stderr
        _converged(url, str(expected), scenario, canary)


def _scenarios(dialect: str):
    return names(dialect).flatmap(lambda n: literal_values().map(lambda v: Scenario(dialect, n, v)))


@SETTINGS
@given(scenario=_scenarios("postgresql"))
def test_hostile_names_converge_on_postgresql(pg_server_url, tmp_path_factory, scenario):
    _check("postgresql", pg_server_url, tmp_path_factory.mktemp("pg"), scenario)


@SETTINGS
@given(scenario=_scenarios("mysql"))
def test_hostile_names_converge_on_mariadb(tmp_path_factory, scenario):
    _mariadb_admin().dispose()  # skips (or fails under REMEDY_REQUIRE_MARIADB=1) without a server
    _check("mysql", MARIADB_ADMIN, tmp_path_factory.mktemp("my"), scenario)


@SETTINGS
@given(scenario=_scenarios("sqlite"))
def test_hostile_names_converge_on_sqlite(tmp_path_factory, scenario):
    _check("sqlite", "", tmp_path_factory.mktemp("lite"), scenario)
