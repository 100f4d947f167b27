"""Names longer than PostgreSQL's 63 bytes, as a user meets them on the command line: PostgreSQL stores such a name
cut to 63 bytes and says so only in a NOTICE. remedy compares the name the server stores and says, in every report
format, which expected name it cut and to what, instead of reporting the name missing and its stored form extra."""
from __future__ import annotations

import json

from tests.conformance.pgclient import run_psql_file
from tests.integration.cli_run import remedy

TABLE = "invoice_line_adjustments_applied_by_the_quarterly_reconciliation_job"  # 68 bytes
COLUMN = "adjustment_reason_as_entered_by_the_operator_in_the_billing_console"  # 67 bytes
INDEX = "invoice_line_adjustments_applied_by_the_quarterly_recon_reason_idx"  # 66 bytes
STORED_TABLE, STORED_COLUMN = TABLE[:63], COLUMN[:63]

DDL = (f"CREATE TABLE {TABLE} (id int PRIMARY KEY, {COLUMN} text NOT NULL);\n"
       f"CREATE INDEX {INDEX} ON {TABLE} ({COLUMN});\n")

MODEL = f"""import sqlalchemy as sa

md = sa.MetaData()
sa.Table({TABLE!r}, md, sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
         sa.Column({COLUMN!r}, sa.Text, nullable=False), sa.Index({INDEX!r}, {COLUMN!r}))
"""


def _db(factory, sql: str, tmp_path, name: str) -> str:
    url = factory()
    (tmp_path / name).write_text(sql)
    loaded = run_psql_file(url, tmp_path / name)
    assert loaded.returncode == 0, loaded.stderr
    return url


def _cut_note(notes: list[str], name: str, stored: str) -> str:
    found = [n for n in notes if name in n and stored in n and "63" in n and "truncates" in n]
    assert found, f"no note says {name} is cut to {stored}: {notes}"
    return found[0]


def test_a_model_naming_a_table_and_column_over_63_bytes_matches_what_postgresql_stored_and_says_why(
        pg_url_factory, tmp_path):
    live = _db(pg_url_factory, DDL, tmp_path, "live.sql")
    (tmp_path / "long_models.py").write_text(MODEL)
    env = {"PYTHONPATH": str(tmp_path), "REMEDY_HOME": str(tmp_path / "home")}
    scan = remedy("scan", "--db", live, "--expected", "python:long_models:md", "--format", "json", env=env)
    report = json.loads(scan.stdout)
    assert scan.returncode == 0 and report["findings"] == [], scan.stdout + scan.stderr
    for name, stored in ((TABLE, STORED_TABLE), (COLUMN, STORED_COLUMN), (INDEX, INDEX[:63])):
        _cut_note(report["notes"], name, stored)
    for fmt in ("text", "markdown", "sarif"):
        shown = remedy("scan", "--db", live, "--expected", "python:long_models:md", "--format", fmt, env=env)
        assert shown.returncode == 0 and COLUMN in shown.stdout and STORED_COLUMN + " " in shown.stdout, fmt


def test_a_missing_column_with_a_long_name_is_planned_under_the_stored_name_and_converges(pg_url_factory, tmp_path):
    live = _db(pg_url_factory, f"CREATE TABLE {TABLE} (id int PRIMARY KEY);\n", tmp_path, "live.sql")
    (tmp_path / "expected.sql").write_text(DDL)
    env = {"REMEDY_HOME": str(tmp_path / "home")}
    scan = remedy("scan", "--db", live, "--expected", str(tmp_path / "expected.sql"), "--format", "json", env=env)
    report = json.loads(scan.stdout)
    assert sorted(f["id"] for f in report["findings"]) == [f"missing_column:public.{STORED_TABLE}.{STORED_COLUMN}",
                                                           f"missing_index:public.{STORED_TABLE}.{INDEX[:63]}"]
    _cut_note(report["notes"], COLUMN, STORED_COLUMN)
    script = tmp_path / "fix.sql"
    plan = remedy("plan", "--db", live, "--expected", str(tmp_path / "expected.sql"), "-o", str(script), env=env)
    assert plan.returncode == 0, plan.stderr
    assert COLUMN not in script.read_text() and STORED_COLUMN in script.read_text()
    applied = run_psql_file(live, script)
    assert applied.returncode == 0 and "truncated" not in applied.stderr, applied.stderr
    assert remedy("scan", "--db", live, "--expected", str(tmp_path / "expected.sql"), env=env).returncode == 0


def test_two_expected_columns_that_postgresql_would_cut_to_one_name_are_said_to_clash(pg_url_factory, tmp_path):
    other = COLUMN[:63] + "_two"
    live = _db(pg_url_factory, f"CREATE TABLE t (id int PRIMARY KEY, {COLUMN} text);\n", tmp_path, "live.sql")
    (tmp_path / "long_models.py").write_text(
        "import sqlalchemy as sa\nmd = sa.MetaData()\n"
        f"sa.Table('t', md, sa.Column('id', sa.Integer, primary_key=True, autoincrement=False), "
        f"sa.Column({COLUMN!r}, sa.Text), sa.Column({other!r}, sa.Integer))\n")
    env = {"PYTHONPATH": str(tmp_path), "REMEDY_HOME": str(tmp_path / "home")}
    scan = remedy("scan", "--db", live, "--expected", "python:long_models:md", "--format", "json", env=env)
    report = json.loads(scan.stdout)
    assert report["findings"] == [], scan.stdout + scan.stderr
    clash = [n for n in report["notes"] if COLUMN in n and other in n]
    assert clash and "cannot hold both" in clash[0] and f"{other} is not compared" in clash[0]
