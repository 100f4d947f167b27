"""Issue 11.1: a name cannot end the dollar-quoted DO block it is written in.

A serial column's sequence options are set in ``DO $remedy$ ... $remedy$`` (PostgreSQL names the sequence, so
the statement looks it up). A table named ``t$remedy$...`` once ended that block inside the name's literal; the
block's tag is now one the body does not hold.
"""
from __future__ import annotations

from remedy.decisions import resolve
from remedy.plan.build import build_plan
from remedy.render.sql import render_sql
from remedy.scan import scan
from tests.conftest import run_sql
from tests.security.hostile import count_rows, run_with_client

TABLE = "t$remedy$ END $remedy$; DROP TABLE y; --"


def test_a_table_named_with_the_dollar_tag_stays_inside_the_do_block(pg_url, tmp_path):
    run_sql(pg_url, "CREATE TABLE y (id INTEGER PRIMARY KEY);\nINSERT INTO y VALUES (1), (2);")
    expected = tmp_path / "expected.sql"
    expected.write_text(f'CREATE TABLE y (id INTEGER PRIMARY KEY);\n'
                        f'CREATE TABLE "{TABLE}" (id serial PRIMARY KEY);\n'
                        f'ALTER SEQUENCE "{TABLE.replace(chr(34), chr(34) * 2)}_id_seq" INCREMENT BY 5;\n')
    result = scan(pg_url, str(expected))
    plan = build_plan(result, resolve(result, None, None, False))
    script = tmp_path / "fix.sql"
    script.write_text(render_sql(plan, result))
    assert "DO $remedy1$" in script.read_text()
    ran = run_with_client("postgresql", pg_url, script)
    assert ran.returncode == 0, ran.stderr
    assert count_rows(pg_url, "y") == 2
    assert not scan(pg_url, str(expected)).findings
