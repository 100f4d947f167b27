"""Issue 11.1: an index key that is a column with a hostile name is quoted, never pasted as SQL.

A catalog index on the column ``a); DELETE FROM y; COPY (SELECT current_user) TO '/srv/x'; --`` once
rendered ``CREATE INDEX i9 ON public.t (a); DELETE FROM y; COPY ...``: the exported script emptied ``y``.
The same came from an expected database whose column had that name.
"""
from __future__ import annotations

import pytest

from remedy.decisions import resolve
from remedy.plan.build import build_plan
from remedy.render.sql import render_sql, statements
from remedy.scan import scan
from tests.conftest import run_sql
from tests.security.hostile import count_rows, run_with_client

HOSTILE = "a); DELETE FROM y; COPY y TO '/tmp/rq'; --"  # within PostgreSQL's 63 bytes

LIVE = f"""
CREATE TABLE y (id INTEGER PRIMARY KEY);
INSERT INTO y VALUES (1), (2), (3);
CREATE TABLE t ("{HOSTILE}" INTEGER, "a'b" INTEGER, "x y" INTEGER);
"""

EXPECTED = LIVE + f"""
CREATE INDEX i9 ON t ("{HOSTILE}");
CREATE INDEX i10 ON t ("a'b" DESC, "x y");
"""


def _plan(url: str, expected: str):
    result = scan(url, expected)
    return result, build_plan(result, resolve(result, None, None, False))


def _assert_quoted(plan) -> None:
    sql = [s.sql for s in statements(plan)]
    assert len(sql) == 2, sql
    assert f'CREATE INDEX i9 ON public.t USING btree ("{HOSTILE}")' in sql  # the server's own words, quoted
    assert 'CREATE INDEX i10 ON public.t USING btree ("a\'b" DESC, "x y")' in sql


def _assert_script_is_harmless(url: str, plan, tmp_path) -> None:
    script = tmp_path / "fix.sql"
    script.write_text(render_sql(plan))
    ran = run_with_client("postgresql", url, script)
    assert ran.returncode == 0, ran.stderr
    assert count_rows(url, "y") == 3
    assert not _plan(url, str(tmp_path / "expected.sql"))[0].findings


def test_catalog_index_on_a_hostile_column_is_quoted(pg_url, tmp_path):
    run_sql(pg_url, LIVE)
    (tmp_path / "expected.sql").write_text(EXPECTED)
    _, plan = _plan(pg_url, str(tmp_path / "expected.sql"))
    _assert_quoted(plan)
    _assert_script_is_harmless(pg_url, plan, tmp_path)


def test_expected_database_index_on_a_hostile_column_is_quoted(pg_url_factory, tmp_path):
    live, expected = pg_url_factory(), pg_url_factory()
    run_sql(live, LIVE)
    run_sql(expected, EXPECTED)
    (tmp_path / "expected.sql").write_text(EXPECTED)
    _, plan = _plan(live, expected)
    _assert_quoted(plan)
    _assert_script_is_harmless(live, plan, tmp_path)
