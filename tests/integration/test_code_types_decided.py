"""Types from the code, never guessed: a table or column only the application code names, whose type
nothing in the repository says, is never created as text by default. plan/apply stop with exit 2 naming
the columns; the operator gives each type in a decision's value, and the plan creates exactly that."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from remedy.decisions import default_decision
from remedy.scan import scan
from tests.conftest import run_sql
from tests.integration.cli_run import psql, remedy, stderr_lines

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "dynamic"
GO, TYPED = FIXTURES / "go", FIXTURES / "typed"
DRIFTED = "CREATE TABLE invoice (id serial PRIMARY KEY, number text, status text, created_at timestamptz DEFAULT now());"
INVOICE = "missing_column:public.invoice."


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))


def _decisions(tmp_path, fingerprint: str, decisions: list[tuple[str, str, str]]) -> str:
    lines = [f'fingerprint = "{fingerprint}"']
    for finding, action, value in decisions:
        lines += ["", "[[decision]]", f'finding = "{finding}"', f'action = "{action}"', f"value = {json.dumps(value)}"]
    path = tmp_path / "decisions.toml"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def _column_types(url: str, table: str) -> dict[str, str]:
    with sa.create_engine(url).connect() as conn:
        rows = conn.execute(sa.text("SELECT column_name, format_type(atttypid, atttypmod) FROM information_schema.columns "
                                    "JOIN pg_attribute ON attrelid = ('public.' || table_name)::regclass "
                                    "AND attname = column_name WHERE table_name = :t"), {"t": table})
        return dict(rows.fetchall())


def test_plan_stops_naming_every_column_the_code_does_not_type(pg_url):
    run_sql(pg_url, DRIFTED)
    result = scan(pg_url, code_paths=[str(GO)])
    assert all(default_decision(f, None) is None for f in result.findings)
    proc = remedy("plan", "--db", pg_url, "--code", str(GO))
    assert proc.returncode == 2, proc.stderr
    assert stderr_lines(proc) == [
        "remedy: 3 column(s) have no known type: public.invoice.currency, public.invoice.due_at, "
        "public.invoice.paid_at (give each a type with a decision value (value = \"timestamptz\") or --decisions)"]
    assert proc.stdout == ""


def test_types_from_the_decisions_file_plan_apply_with_psql_and_rescan_clean(pg_url, tmp_path):
    run_sql(pg_url, DRIFTED)
    fingerprint = scan(pg_url, code_paths=[str(GO)]).fingerprint
    path = _decisions(tmp_path, fingerprint, [(INVOICE + "due_at", "add", "date"),
                                              (INVOICE + "currency", "add", "varchar(3)"),
                                              (INVOICE + "paid_at", "add", "timestamp with time zone")])
    script = tmp_path / "plan.sql"
    proc = remedy("plan", "--db", pg_url, "--code", str(GO), "--decisions", path, "--format", "sql", "-o", str(script))
    assert proc.returncode == 0, proc.stderr
    assert "ADD COLUMN due_at date" in script.read_text() and "only the code names" not in script.read_text()
    ran = psql(pg_url, script)
    assert ran.returncode == 0, ran.stderr
    types = _column_types(pg_url, "invoice")
    assert (types["due_at"], types["currency"], types["paid_at"]) == (
        "date", "character varying(3)", "timestamp with time zone")
    assert scan(pg_url, code_paths=[str(GO)]).findings == ()


def test_a_whole_table_gets_the_types_of_its_untyped_columns(pg_url, tmp_path):
    """reports and subscriptions: typed by the repository's migration and Go model, except owner and frequency."""
    run_sql(pg_url, "CREATE TABLE unrelated (id int)")
    proc = remedy("plan", "--db", pg_url, "--code", str(TYPED))
    assert proc.returncode == 2
    assert "2 column(s) have no known type: public.reports.owner, public.subscriptions.frequency" in proc.stderr
    path = _decisions(tmp_path, scan(pg_url, code_paths=[str(TYPED)]).fingerprint,
                      [("missing_table:public.reports", "create", "owner uuid"),
                       ("missing_table:public.subscriptions", "create", "frequency numeric(10,2)")])
    script = tmp_path / "plan.sql"
    proc = remedy("plan", "--db", pg_url, "--code", str(TYPED), "--decisions", path, "--format", "sql",
                  "-o", str(script))
    assert proc.returncode == 0, proc.stderr
    assert psql(pg_url, script).returncode == 0
    assert _column_types(pg_url, "reports")["owner"] == "uuid"
    assert _column_types(pg_url, "subscriptions")["frequency"] == "numeric(10,2)"
    assert scan(pg_url, code_paths=[str(TYPED)]).findings == ()


@pytest.mark.parametrize("bad", ["frob nicate", "int; DROP TABLE invoice", "text' --", ""])
def test_something_that_is_not_a_type_is_exit_2_in_one_line(pg_url, tmp_path, bad):
    run_sql(pg_url, DRIFTED)
    fingerprint = scan(pg_url, code_paths=[str(GO)]).fingerprint
    path = _decisions(tmp_path, fingerprint, [(INVOICE + "due_at", "add", bad), (INVOICE + "currency", "add", "text"),
                                              (INVOICE + "paid_at", "add", "timestamptz")])
    proc = remedy("plan", "--db", pg_url, "--code", str(GO), "--decisions", path, "--format", "sql")
    assert proc.returncode == 2
    lines = stderr_lines(proc)
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert ("not a postgresql data type (for invoice.due_at)" in lines[0] if bad
            else "public.invoice.due_at" in lines[0]), lines


def test_a_table_value_naming_a_column_that_is_not_untyped_is_exit_2(pg_url, tmp_path):
    run_sql(pg_url, "CREATE TABLE unrelated (id int)")
    path = _decisions(tmp_path, scan(pg_url, code_paths=[str(TYPED)]).fingerprint,
                      [("missing_table:public.reports", "create", "id text, owner uuid"),
                       ("missing_table:public.subscriptions", "create", "frequency int")])
    proc = remedy("plan", "--db", pg_url, "--code", str(TYPED), "--decisions", path)
    assert proc.returncode == 2
    assert stderr_lines(proc) == ["remedy: missing_table:public.reports: 'id text' is not \"<column> <type>\" "
                                  "for one of owner"]


def test_skipping_an_untyped_column_needs_no_type(pg_url, tmp_path):
    run_sql(pg_url, DRIFTED)
    fingerprint = scan(pg_url, code_paths=[str(GO)]).fingerprint
    path = _decisions(tmp_path, fingerprint, [(INVOICE + "due_at", "skip", ""), (INVOICE + "currency", "add", "text"),
                                              (INVOICE + "paid_at", "add", "timestamptz")])
    proc = remedy("plan", "--db", pg_url, "--code", str(GO), "--decisions", path, "--format", "sql")
    assert proc.returncode == 0, proc.stderr
    sql = " ".join(proc.stdout.split())
    assert "ADD COLUMN currency text" in sql and "ADD COLUMN due_at" not in sql
