"""A standalone sequence whose expected MINVALUE lies above where it stands: PostgreSQL refuses the bound unless the
sequence restarts. The exported plan restarts it at the bound only if it is still behind it when the plan runs, so a
sequence that has already passed the bound keeps its next value: restarting it would hand out values again.

The oracle is nextval itself, not remedy's reader."""
from __future__ import annotations

import sqlalchemy as sa

from tests.conftest import run_sql
from tests.integration.cli_run import psql, remedy

T = "CREATE TABLE invoices (id int PRIMARY KEY);\n"
EXPECTED = T + "CREATE SEQUENCE invoice_no MINVALUE 5 MAXVALUE 500 START 5;"


def _next_value(url: str) -> int:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        value = conn.exec_driver_sql("SELECT nextval('invoice_no')").scalar()
    engine.dispose()
    return value


def _apply_the_exported_plan(pg_url_factory, tmp_path, live: str) -> str:
    url, expected = pg_url_factory(), pg_url_factory()
    run_sql(url, live)
    run_sql(expected, EXPECTED)
    fix = tmp_path / "fix.sql"
    made = remedy("plan", "--db", url, "--expected", expected, "-o", str(fix), env={"REMEDY_HOME": str(tmp_path)})
    assert made.returncode == 0, made.stderr
    assert "restart" in fix.read_text()  # the hazard, said in the script
    applied = psql(url, fix, flags=("-1", "-v", "ON_ERROR_STOP=1"))
    assert applied.returncode == 0, applied.stderr
    return url


def test_a_sequence_behind_its_new_minvalue_restarts_there(pg_url_factory, tmp_path):
    url = _apply_the_exported_plan(pg_url_factory, tmp_path, T + "CREATE SEQUENCE invoice_no;")
    assert _next_value(url) == 5


def test_a_sequence_already_past_its_new_minvalue_keeps_its_next_value(pg_url_factory, tmp_path):
    url = _apply_the_exported_plan(pg_url_factory, tmp_path, T + "CREATE SEQUENCE invoice_no;\n"
                                                              "SELECT setval('invoice_no', 40);")
    assert _next_value(url) == 41
