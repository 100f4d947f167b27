"""Query builders end to end on real PostgreSQL: a knex, kysely or gorm chain is the SQL it sends. Where
the code reads or writes a column the database lacks, exactly that column is missing, at the chain's
file:line, confirmed by the database; a schema with every column gives no finding."""
from __future__ import annotations

from pathlib import Path

import pytest

from remedy.scan import scan
from tests.conftest import run_sql

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "dynamic"
FULL = """CREATE TABLE invoice (id serial PRIMARY KEY, number text, status text, due_at date, currency text,
                                 paid_at timestamptz, created_at timestamptz DEFAULT now());"""
DRIFTED = "CREATE TABLE invoice (id serial PRIMARY KEY, number text, status text, created_at timestamptz DEFAULT now());"

BUILDERS = {  # directory: (file, the SELECT chain's line, the UPDATE chain's line)
    "knex": ("invoices.ts", 4, 15),
    "kysely": ("invoices.ts", 4, 15),
}


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))


@pytest.mark.parametrize("builder", sorted(BUILDERS))
def test_a_builder_chain_on_missing_columns_gives_exactly_those_at_its_line_confirmed(pg_url, builder):
    run_sql(pg_url, DRIFTED)
    filename, select_line, update_line = BUILDERS[builder]
    result = scan(pg_url, code_paths=[str(FIXTURES / builder)])
    found = {f.id: [(Path(e.file).name, e.line, e.verdict) for e in f.evidence] for f in result.findings}
    assert sorted(found) == ["missing_column:public.invoice.currency", "missing_column:public.invoice.due_at",
                             "missing_column:public.invoice.paid_at"]
    for column, line in (("due_at", select_line), ("currency", select_line), ("paid_at", update_line)):
        (name, at, verdict), = found[f"missing_column:public.invoice.{column}"]
        assert (name, at) == (filename, line)
        assert verdict.startswith("confirmed by the database: 42703"), verdict
    counts = result.code_coverage.counts
    assert (counts.found, counts.full, counts.unread) == (2, 2, 0)


@pytest.mark.parametrize("builder", sorted(BUILDERS))
def test_a_builder_chain_is_satisfied_by_the_full_table(pg_url, builder):
    run_sql(pg_url, FULL)
    result = scan(pg_url, code_paths=[str(FIXTURES / builder)])
    assert result.findings == ()
    assert result.code_coverage.counts.found == 2
