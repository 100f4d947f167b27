""""Breaks the application now" first: a view, policy or trigger function that reads a column or table the live
database lacks is an incident, not a cosmetic difference. Phase 1, critical, with the reason."""
from __future__ import annotations

from remedy.scan import scan
from tests.conftest import run_sql

TOUCH = """CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.updated_at := now(); NEW."Seen" := true; RETURN NEW; END $$;
"""


def _by_id(result) -> dict:
    return {f.id: f for f in result.findings}


def test_a_live_trigger_function_that_writes_a_missing_column_is_phase_one(pg_url_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    live, expected = pg_url_factory(), pg_url_factory()
    run_sql(live, "CREATE TABLE t (id int, a text);\n" + TOUCH + "CREATE TRIGGER t_touch BEFORE UPDATE ON t "
                  "FOR EACH ROW EXECUTE FUNCTION touch();\n")
    run_sql(expected, 'CREATE TABLE t (id int, a text, updated_at timestamptz, "Seen" boolean);\n' + TOUCH
            + "CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();\n")
    found = _by_id(scan(live, expected))
    missing = found["missing_column:public.t.updated_at"]
    assert (missing.phase, missing.severity) == (1, "critical")
    assert "trigger t_touch on public.t runs public.touch(), which uses NEW.updated_at" in missing.impact
    assert "NEW.\"Seen\"" in found["missing_column:public.t.Seen"].impact


def test_a_changed_trigger_function_whose_live_body_names_a_missing_column_is_phase_one(
        pg_url_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    live, expected = pg_url_factory(), pg_url_factory()
    run_sql(live, "CREATE TABLE t (id int, a text);\n" + TOUCH.replace('NEW."Seen" := true; ', "")
            + "CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();\n")
    run_sql(expected, "CREATE TABLE t (id int, a text);\nCREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql "
                      "AS $$ BEGIN NEW.a := upper(NEW.a); RETURN NEW; END $$;\n"
                      "CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();\n")
    found = _by_id(scan(live, expected))
    changed = found["function_mismatch:public.touch()"]
    assert (changed.phase, changed.severity) == (1, "critical")
    assert "public.t has no column updated_at" in changed.impact


def test_an_expected_view_or_policy_that_reads_a_missing_column_is_phase_one(pg_url_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    live, expected = pg_url_factory(), pg_url_factory()
    run_sql(live, "CREATE TABLE t (id int, a text);\nCREATE VIEW v AS SELECT id, a FROM t;\n"
                  "ALTER TABLE t ENABLE ROW LEVEL SECURITY;\n")
    run_sql(expected, "CREATE TABLE t (id int, a text, owner name);\nCREATE VIEW v AS SELECT id, a, owner FROM t;\n"
                      "CREATE VIEW w AS SELECT id FROM t;\n"
                      "ALTER TABLE t ENABLE ROW LEVEL SECURITY;\nCREATE POLICY own ON t USING (owner = current_user);\n")
    found = _by_id(scan(live, expected))
    for id_ in ("view_mismatch:public.v", "missing_policy:public.t.own"):
        assert (found[id_].phase, found[id_].severity) == (1, "critical"), id_
        assert "reads public.t.owner, which the live database lacks" in found[id_].impact
    assert found["missing_view:public.w"].impact == ""  # reads nothing that is missing
