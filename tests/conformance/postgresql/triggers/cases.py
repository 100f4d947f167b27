"""Triggers: timing, events, columns, WHEN, function, enabled state."""
from tests.conformance.cases import Case

T = ("CREATE TABLE t (id int PRIMARY KEY, a text, b int, updated_at timestamptz);\n"
     "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;\n"
     "CREATE FUNCTION other() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n")
TR = "CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();\n"

CASES = {
    "missing": Case(a=T, b=T + TR),
    "extra": Case(a=T + TR, b=T),
    "timing_changed": Case(a=T + TR, b=T + TR.replace("BEFORE", "AFTER")),
    "event_added": Case(a=T + TR, b=T + TR.replace("UPDATE ON", "INSERT OR UPDATE ON")),
    "columns_added": Case(a=T + TR, b=T + TR.replace("UPDATE ON", "UPDATE OF a, b ON")),
    "when_added": Case(a=T + TR, b=T + TR.replace("FOR EACH ROW", "FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)")),
    "function_changed": Case(a=T + TR, b=T + TR.replace("touch()", "other()")),
    "statement_level": Case(a=T, b=T + "CREATE TRIGGER t_stmt AFTER TRUNCATE ON t FOR EACH STATEMENT "
                                       "EXECUTE FUNCTION other();"),
    "disabled": Case(a=T + TR, b=T + TR + "ALTER TABLE t DISABLE TRIGGER t_touch;"),
    "missing_with_function": Case(
        a="CREATE TABLE t (id int PRIMARY KEY, updated_at timestamptz);",
        b="CREATE TABLE t (id int PRIMARY KEY, updated_at timestamptz);\n"
          "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;\n"
          + TR),
    "function_body_changed": Case(a=T + TR, b=T.replace("now()", "clock_timestamp()") + TR),
    "on_missing_table": Case(a=T.split("\n", 1)[1], b=T + TR),
    "mixed_case_name": Case(a=T, b=T + TR.replace("t_touch", '"TouchIt"')),
    "transition_table": Case(a=T, b=T + "CREATE TRIGGER t_audit AFTER INSERT ON t REFERENCING NEW TABLE AS fresh "
                                         "FOR EACH STATEMENT EXECUTE FUNCTION other();"),
}
