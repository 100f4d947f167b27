"""An extension the live database has and the expected side does not name, through the command line as a user meets
it: the scan says it (every format, exit code per --fail-on), a plan drops it only when asked, the script applies
with psql and the rescan is clean. Before, this was "No drift" and exit 0."""
from __future__ import annotations

import json

from tests.conformance.pgclient import run_psql_file
from tests.integration.cli_run import loaded_database as _db, remedy

T = "CREATE TABLE t (id int PRIMARY KEY, name text);\n"


def _findings(live: str, expected: str, *flags: str) -> list[dict]:
    proc = remedy("scan", "--db", live, "--expected", expected, "--format", "json", "--fail-on", "none", *flags)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["findings"]


def test_an_extra_extension_is_said_planned_only_when_asked_and_dropped(pg_url_factory, tmp_path):
    live = _db(pg_url_factory, T + "CREATE EXTENSION pg_trgm;\n", tmp_path, "a.sql")
    expected = _db(pg_url_factory, T, tmp_path, "b.sql")
    text = remedy("scan", "--db", live, "--expected", expected)
    assert text.returncode == 1 and "extra_extension:pg_trgm" in text.stdout, text.stdout + text.stderr
    assert "extension pg_trgm (version 1.6, in schema public) is installed but not expected" in text.stdout
    assert remedy("scan", "--db", live, "--expected", expected, "--fail-on", "critical").returncode == 0
    (finding,) = _findings(live, expected)
    assert (finding["kind"], finding["severity"], finding["actual"]["schema"]) == ("extra_extension", "info", "public")
    markdown = remedy("scan", "--db", live, "--expected", expected, "--format", "markdown").stdout
    assert "Extra extension" in markdown and "pg_trgm" in markdown
    sarif = json.loads(remedy("scan", "--db", live, "--expected", expected, "--format", "sarif").stdout)
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["extra_extension"]

    kept = remedy("plan", "--db", live, "--expected", expected)
    assert "DROP EXTENSION" not in kept.stdout and "--   extra_extension:pg_trgm" in kept.stdout, kept.stdout
    script = tmp_path / "fix.sql"
    plan = remedy("plan", "--db", live, "--expected", expected, "--allow-destructive", "-o", str(script))
    assert plan.returncode == 0, plan.stderr
    upgrade, downgrade = script.read_text().split("-- Downgrade")
    assert "\nDROP EXTENSION pg_trgm;\n" in upgrade and "CASCADE;" not in upgrade
    assert "-- CREATE EXTENSION pg_trgm WITH SCHEMA public VERSION '1.6';" in downgrade
    assert "may be in use" in upgrade  # the hazard
    dry = remedy("apply", "--db", live, "--expected", expected, "--allow-destructive", "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    applied = run_psql_file(live, script)
    assert applied.returncode == 0, applied.stderr
    assert remedy("scan", "--db", live, "--expected", expected).returncode == 0


def test_an_extension_in_use_by_what_the_plan_keeps_is_not_dropped_and_the_plan_says_why(pg_url_factory, tmp_path):
    sql = T + "CREATE EXTENSION pg_trgm;\nCREATE INDEX t_name_trgm ON t USING gin (name gin_trgm_ops);\n"
    live, expected = _db(pg_url_factory, sql, tmp_path, "a.sql"), _db(pg_url_factory, T, tmp_path, "b.sql")
    found = {f["id"]: f for f in _findings(live, expected)}
    assert set(found) == {"extra_extension:pg_trgm", "extra_index:public.t.t_name_trgm"}
    assert found["extra_extension:pg_trgm"]["message"].endswith("; in use by index public.t_name_trgm")
    decisions = tmp_path / "decisions.toml"
    assert remedy("plan", "--db", live, "--expected", expected, "--allow-destructive",
                  "--write-decisions", str(decisions)).returncode == 0
    decisions.write_text(decisions.read_text().replace(
        'finding = "extra_index:public.t.t_name_trgm"\naction = "drop"',
        'finding = "extra_index:public.t.t_name_trgm"\naction = "skip"'))
    plan = remedy("plan", "--db", live, "--expected", expected, "--decisions", str(decisions))
    assert plan.returncode == 0, plan.stderr
    assert "DROP EXTENSION" not in plan.stdout and "DROP INDEX" not in plan.stdout
    assert ("-- extension pg_trgm not dropped: index public.t_name_trgm uses what it provides, and the plan keeps "
            "it (drop it too, or keep the extension)") in plan.stdout
    dry = remedy("apply", "--db", live, "--expected", expected, "--decisions", str(decisions), "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr  # the plan says it leaves the finding: nothing fails


def test_extensions_that_require_one_another_are_dropped_dependants_first(pg_url_factory, tmp_path):
    live = _db(pg_url_factory, T + "CREATE EXTENSION cube;\nCREATE EXTENSION earthdistance;\n", tmp_path, "a.sql")
    expected = _db(pg_url_factory, T, tmp_path, "b.sql")
    # cube's own comments are the extension's: no extra_comment for each of its functions
    assert sorted(f["id"] for f in _findings(live, expected)) == ["extra_extension:cube",
                                                                  "extra_extension:earthdistance"]
    script = tmp_path / "fix.sql"
    assert remedy("plan", "--db", live, "--expected", expected, "--allow-destructive", "-o", str(script)).returncode == 0
    applied = run_psql_file(live, script)
    assert applied.returncode == 0, applied.stderr + script.read_text()
    assert remedy("scan", "--db", live, "--expected", expected).returncode == 0


def test_an_extension_in_a_schema_out_of_scope_is_not_compared(pg_url_factory, tmp_path):
    live = _db(pg_url_factory, T + "CREATE SCHEMA ext;\nCREATE EXTENSION pg_trgm WITH SCHEMA ext;\n", tmp_path, "a.sql")
    expected = _db(pg_url_factory, T + "CREATE SCHEMA ext;\n", tmp_path, "b.sql")
    assert [f["id"] for f in _findings(live, expected)] == ["extra_extension:pg_trgm"]
    assert _findings(live, expected, "--exclude-schema", "ext") == []
    assert _findings(live, expected, "--schema", "public") == []
    plan = remedy("plan", "--db", live, "--expected", expected, "--schema", "public", "--allow-destructive")
    assert "DROP EXTENSION" not in plan.stdout


def test_an_extension_is_not_extra_against_a_sqlalchemy_model(pg_url_factory, tmp_path):
    live = _db(pg_url_factory, T + "CREATE EXTENSION pg_trgm;\n", tmp_path, "a.sql")
    (tmp_path / "models_ext.py").write_text(
        "import sqlalchemy as sa\nmetadata = sa.MetaData()\n"
        "sa.Table('t', metadata, sa.Column('id', sa.Integer, primary_key=True, autoincrement=False),"
        " sa.Column('name', sa.Text))\n")
    proc = remedy("scan", "--db", live, "--expected", "python:models_ext:metadata", "--format", "json",
                  env={"PYTHONPATH": str(tmp_path)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout)["findings"] == []
