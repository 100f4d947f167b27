"""A view, function, trigger or policy reads a column or table that the plan retypes, drops or renames:
the plan drops it first and recreates it after, in pg_depend order."""
from tests.conformance.cases import Case

T_INT = "CREATE TABLE t (id int PRIMARY KEY, a int, b text);\n"
T_BIG = "CREATE TABLE t (id int PRIMARY KEY, a bigint, b text);\n"
V = "CREATE VIEW v AS SELECT id, a FROM t;\n"

CASES = {
    "view_on_retyped_column": Case(a=T_INT + V, b=T_BIG + V),
    "view_on_view_on_retyped_column": Case(a=T_INT + V + "CREATE VIEW w AS SELECT a FROM v WHERE a > 0;\n",
                                           b=T_BIG + V + "CREATE VIEW w AS SELECT a FROM v WHERE a > 0;\n"),
    "two_views_on_retyped_column": Case(a=T_INT + V + "CREATE VIEW v2 AS SELECT a, b FROM t;",
                                        b=T_BIG + V + "CREATE VIEW v2 AS SELECT a, b FROM t;"),
    "matview_on_retyped_column": Case(a=T_INT + "CREATE MATERIALIZED VIEW m AS SELECT id, a FROM t;\n"
                                               "CREATE INDEX m_a ON m (a);",
                                      b=T_BIG + "CREATE MATERIALIZED VIEW m AS SELECT id, a FROM t;\n"
                                               "CREATE INDEX m_a ON m (a);"),
    "view_changed_and_column_retyped": Case(a=T_INT + V, b=T_BIG + "CREATE VIEW v AS SELECT id, a, b FROM t;"),
    "view_on_dropped_column": Case(a=T_INT + V, b="CREATE TABLE t (id int PRIMARY KEY, b text);\n"
                                                  "CREATE VIEW v AS SELECT id FROM t;"),
    "extra_view_on_dropped_column": Case(a=T_INT + V, b="CREATE TABLE t (id int PRIMARY KEY, b text);"),
    "extra_view_on_dropped_table": Case(a=T_INT + V + "CREATE TABLE keep (id int);", b="CREATE TABLE keep (id int);"),
    "view_on_renamed_column": Case(a=T_INT + V, b="CREATE TABLE t (id int PRIMARY KEY, amount int, b text);\n"
                                                  "CREATE VIEW v AS SELECT id, amount AS a FROM t;"),
    "policy_on_retyped_column": Case(
        a=T_INT + "ALTER TABLE t ENABLE ROW LEVEL SECURITY;\nCREATE POLICY pos ON t USING (a > 0);",
        b=T_BIG + "ALTER TABLE t ENABLE ROW LEVEL SECURITY;\nCREATE POLICY pos ON t USING (a > 0);"),
    "policy_on_dropped_column": Case(
        a=T_INT + "ALTER TABLE t ENABLE ROW LEVEL SECURITY;\nCREATE POLICY pos ON t USING (a > 0);",
        b="CREATE TABLE t (id int PRIMARY KEY, b text);\nALTER TABLE t ENABLE ROW LEVEL SECURITY;\n"
          "CREATE POLICY pos ON t USING (b <> '');"),
    "trigger_when_on_retyped_column": Case(
        a=T_INT + "CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
                  "CREATE TRIGGER tg BEFORE UPDATE ON t FOR EACH ROW WHEN (NEW.a > 0) EXECUTE FUNCTION noop();",
        b=T_BIG + "CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
                  "CREATE TRIGGER tg BEFORE UPDATE ON t FOR EACH ROW WHEN (NEW.a > 0) EXECUTE FUNCTION noop();"),
    "trigger_columns_on_retyped_column": Case(
        a=T_INT + "CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
                  "CREATE TRIGGER tg BEFORE UPDATE OF a ON t FOR EACH ROW EXECUTE FUNCTION noop();",
        b=T_BIG + "CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
                  "CREATE TRIGGER tg BEFORE UPDATE OF a ON t FOR EACH ROW EXECUTE FUNCTION noop();"),
    "sql_function_on_retyped_column": Case(
        a=T_INT + "CREATE FUNCTION total() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT sum(a) FROM t; END;",
        b=T_BIG + "CREATE FUNCTION total() RETURNS numeric LANGUAGE sql BEGIN ATOMIC SELECT sum(a) FROM t; END;"),
    "sql_function_on_dropped_column": Case(
        a=T_INT + "CREATE FUNCTION total() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT sum(a) FROM t; END;",
        b="CREATE TABLE t (id int PRIMARY KEY, b text);\n"
          "CREATE FUNCTION total() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(b) FROM t; END;"),
    "view_on_other_schema_retyped": Case(args=("--schema", "public", "--schema", "app"), 
        a="CREATE SCHEMA app;\n" + T_INT + "CREATE VIEW app.v AS SELECT id, a FROM public.t;",
        b="CREATE SCHEMA app;\n" + T_BIG + "CREATE VIEW app.v AS SELECT id, a FROM public.t;"),
    "view_with_comment_on_retyped_column": Case(a=T_INT + V + "COMMENT ON VIEW v IS 'ids';",
                                                b=T_BIG + V + "COMMENT ON VIEW v IS 'ids';"),
}
