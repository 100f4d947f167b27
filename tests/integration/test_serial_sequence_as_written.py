"""A catalog the server cannot load is compared as written (remedy.sources.ddl): the ALTER SEQUENCE lines that
give a serial's sequence its type and options count there too.

The catalog below holds a function in a language the server does not have, so neither the scratch database nor
the rolled-back load can read it back, and the scan says its tables are compared as written.
"""
from __future__ import annotations

from remedy.decisions import resolve
from remedy.plan.build import build_plan
from remedy.render.sql import render_sql
from remedy.scan import scan
from tests.conftest import run_sql
from tests.security.hostile import run_with_client

TABLE = "CREATE TABLE t (id int PRIMARY KEY, n serial);\n"
UNLOADABLE = "CREATE FUNCTION f() RETURNS int LANGUAGE no_such_language AS 'x';\n"
AS_WRITTEN = "could not be loaded into the server"


def _catalog(tmp_path, sequence_lines: str):
    path = tmp_path / "expected.sql"
    path.write_text(TABLE + sequence_lines + UNLOADABLE)
    return str(path)


def test_a_serial_sequence_type_and_options_written_in_the_catalog_are_planned_and_applied(pg_url, tmp_path,
                                                                                           monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, TABLE + "INSERT INTO t (id) VALUES (1), (2);")
    expected = _catalog(tmp_path, "ALTER SEQUENCE t_n_seq AS bigint INCREMENT BY 5;\n"
                                  "ALTER SEQUENCE public.t_n_seq CACHE 10 RESTART;\n")
    result = scan(pg_url, expected)
    assert any(AS_WRITTEN in note for note in result.notes)
    [finding] = result.findings
    assert finding.id == "column_kind_mismatch:public.t.n"
    assert finding.expected["sequence"] == "bigint" and finding.expected["options"] == "increment 5 cache 10"
    assert finding.actual["sequence"] == "integer" and "options" not in finding.actual
    script = tmp_path / "fix.sql"
    script.write_text(render_sql(build_plan(result, resolve(result, None, None, False)), result))
    ran = run_with_client("postgresql", pg_url, script)
    assert ran.returncode == 0, ran.stderr
    assert scan(pg_url, expected).findings == ()


def test_a_serial_whose_sequence_matches_the_written_lines_is_no_finding(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    lines = "ALTER SEQUENCE t_n_seq AS smallint MAXVALUE 1000 CYCLE;\nALTER SEQUENCE t_n_seq INCREMENT BY -1;\n"
    run_sql(pg_url, TABLE + lines)
    result = scan(pg_url, _catalog(tmp_path, lines))
    assert any(AS_WRITTEN in note for note in result.notes)
    assert result.findings == ()
