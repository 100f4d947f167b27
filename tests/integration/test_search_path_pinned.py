"""An exported script resolves names as remedy read them. PostgreSQL leaves out the schemas on the reading
session's search_path when it prints a definition: the foreign key to public.accounts reads
``REFERENCES accounts(id)``. A migration tool whose connection sets another path (golang-migrate's
``?search_path=billing``) ran it against billing.accounts, a table of the same name."""
from __future__ import annotations

import sqlalchemy as sa

from tests.conftest import run_sql
from tests.integration.cli_run import psql, remedy

BOTH = ("CREATE SCHEMA billing;\nCREATE TABLE public.accounts (id int PRIMARY KEY);\n"
        "CREATE TABLE billing.accounts (id int PRIMARY KEY);\nCREATE SEQUENCE public.invoice_no;\n")
LIVE = BOTH + "CREATE TABLE billing.invoices (id int PRIMARY KEY, account_id int, no bigint);\n"
EXPECTED = BOTH + ("CREATE TABLE billing.invoices (id int PRIMARY KEY,\n"
                   "  account_id int REFERENCES public.accounts (id),\n"
                   "  no bigint DEFAULT nextval('public.invoice_no'));\n")


def _references(url: str) -> tuple[str, str]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        conn.exec_driver_sql("SET search_path = pg_catalog")
        found = conn.exec_driver_sql(
            "SELECT (SELECT confrelid::regclass::text FROM pg_constraint WHERE conrelid = 'billing.invoices'::regclass"
            " AND contype = 'f'), pg_get_expr(adbin, adrelid) FROM pg_attrdef"
            " WHERE adrelid = 'billing.invoices'::regclass").one()
    engine.dispose()
    return tuple(found)


def test_a_script_run_under_another_search_path_changes_what_the_scan_read(pg_url_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    live, expected = pg_url_factory(), pg_url_factory()
    run_sql(live, LIVE)
    run_sql(expected, EXPECTED)
    for export, name in (("sql", "fix.sql"), ("golang-migrate", "migrations")):
        out = tmp_path / name
        args = ("--format", export) if export != "sql" else ()
        assert remedy("plan", "--db", live, "--expected", expected, *args, "-o", str(out)).returncode == 0
    script = (tmp_path / "fix.sql").read_text()
    assert 'SET LOCAL search_path = "$user", "public";' in script
    up = next((tmp_path / "migrations").glob("*.up.sql")).read_text()
    assert 'SET LOCAL search_path = "$user", "public";' in up

    ran = psql(live, tmp_path / "fix.sql", flags=("-1", "-v", "ON_ERROR_STOP=1"), options="-c search_path=billing")
    assert ran.returncode == 0, ran.stderr
    assert _references(live) == ("public.accounts", "nextval('public.invoice_no'::regclass)")
    assert remedy("scan", "--db", live, "--expected", expected).returncode == 0
