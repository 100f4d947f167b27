"""Convergence: the plan for (before -> after) applied to ``before`` leaves nothing to change.

Each case in tests/fixtures/convergence/<case>/ holds before.sql and after.sql (portable SQL, or
before.<dialect>.sql / after.<dialect>.sql where a dialect spells it differently; a ``dialects``
file limits a case to the dialects it names). The plan is made as ``plan --renames reject
--allow-destructive`` makes it, proven by the dry run, applied, and the scan must come back clean.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from remedy.apply import apply, dry_run
from remedy.decisions import resolve
from remedy.plan.build import build_plan
from remedy.scan import scan
from tests.conftest import run_sql

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "convergence"
DIALECTS = ("postgresql", "mysql", "sqlite")


def _cases():
    for case in sorted(p for p in CASES.iterdir() if p.is_dir() and not p.name.startswith("_")):
        allowed = (case / "dialects").read_text().split() if (case / "dialects").exists() else DIALECTS
        for dialect in DIALECTS:
            marks = [pytest.mark.mariadb] if dialect == "mysql" else []
            if dialect in allowed:
                yield pytest.param(case.name, dialect, id=f"{case.name}-{dialect}", marks=marks)


def _converge(live_url: str, before: Path, expected: str) -> None:
    run_sql(live_url, before.read_text())
    result = scan(live_url, expected)
    assert result.findings, "the fixture pair should differ"
    plan = build_plan(result, resolve(result, None, "reject", True))
    check = dry_run(live_url, result, plan)
    assert check.ok, f"{check.failure}"
    assert scan(live_url, expected).fingerprint == result.fingerprint, "the dry run changed the database"
    apply(live_url, result, plan)
    left = scan(live_url, expected).findings
    assert [f.id for f in left] == []


def _file(case: str, stem: str, dialect: str) -> Path:
    specific = CASES / case / f"{stem}.{dialect}.sql"
    return specific if specific.exists() else CASES / case / f"{stem}.sql"


@pytest.fixture
def live_url(request, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    dialect = request.node.callspec.params["dialect"]
    fixture = {"postgresql": "pg_url", "mysql": "mariadb_url", "sqlite": "sqlite_url"}[dialect]
    return request.getfixturevalue(fixture)


@pytest.mark.parametrize("case,dialect", list(_cases()))
def test_plan_converges(case, dialect, live_url):
    _converge(live_url, _file(case, "before", dialect), str(_file(case, "after", dialect)))


@pytest.mark.parametrize("dialect", [pytest.param("mysql", marks=pytest.mark.mariadb), "sqlite"])
def test_a_postgresql_catalog_converges_on_another_dialect(dialect, live_url):
    """jsonb, uuid, text[], timestamptz and now() from a PostgreSQL catalog, created on MariaDB and SQLite."""
    catalog = CASES / "_postgres_catalog"
    _converge(live_url, catalog / f"before.{dialect}.sql", str(catalog))
