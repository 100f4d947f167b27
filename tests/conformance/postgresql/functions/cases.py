"""Functions and procedures: identity = name + argument types; pg_get_functiondef compared."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id int PRIMARY KEY, a text, b int);\n"
F1 = "CREATE FUNCTION add1(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x + 1 $$;\n"

CASES = {
    "missing": Case(a=T, b=T + F1),
    "extra": Case(a=T + F1, b=T),
    "body_changed": Case(a=T + F1, b=T + F1.replace("x + 1", "x + 2")),
    "volatility_changed": Case(a=T + F1, b=T + F1.replace("IMMUTABLE", "STABLE")),
    "strict_added": Case(a=T + F1, b=T + F1.replace("IMMUTABLE", "IMMUTABLE STRICT")),
    "security_definer": Case(a=T + F1, b=T + F1.replace("IMMUTABLE", "IMMUTABLE SECURITY DEFINER")),
    "search_path_set": Case(a=T + F1, b=T + F1.replace("IMMUTABLE", "IMMUTABLE SET search_path = public")),
    "return_type_changed": Case(a=T + F1, b=T + F1.replace("RETURNS int", "RETURNS bigint")),
    "argument_renamed": Case(a=T + F1, b=T + F1.replace("(x int)", "(y int)").replace("x + 1", "y + 1")),
    "overload_added": Case(a=T + F1, b=T + F1 + F1.replace("(x int)", "(x bigint)").replace("RETURNS int",
                                                                                            "RETURNS bigint")),
    "argument_type_changed": Case(a=T + F1, b=T + F1.replace("(x int)", "(x numeric)").replace("RETURNS int",
                                                                                               "RETURNS numeric")),
    "plpgsql_body": Case(
        a=T + "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;",
        b=T + "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT count(*) FROM t); END $$;"),
    "sql_standard_body": Case(
        a=T, b=T + "CREATE FUNCTION n_rows() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM t; END;"),
    "returns_table": Case(a=T, b=T + "CREATE FUNCTION rows_over(m int) RETURNS TABLE (id int, a text) LANGUAGE sql "
                                     "STABLE AS $$ SELECT id, a FROM t WHERE b > m $$;"),
    "default_argument": Case(a=T, b=T + "CREATE FUNCTION greet(who text DEFAULT 'world') RETURNS text "
                                        "LANGUAGE sql AS $$ SELECT 'hello ' || who $$;"),
    "procedure_missing": Case(a=T, b=T + "CREATE PROCEDURE bump(n int) LANGUAGE sql AS $$ UPDATE t SET b = b + n $$;"),
    "procedure_changed": Case(
        a=T + "CREATE PROCEDURE bump(n int) LANGUAGE sql AS $$ UPDATE t SET b = b + n $$;",
        b=T + "CREATE PROCEDURE bump(n int) LANGUAGE sql AS $$ UPDATE t SET b = b + n * 2 $$;"),
    "procedure_extra": Case(a=T + "CREATE PROCEDURE p() LANGUAGE sql AS $$ SELECT 1 $$;", b=T),
    "mixed_case_name": Case(a=T, b=T + 'CREATE FUNCTION "AddOne"(x int) RETURNS int LANGUAGE sql AS $$ SELECT x + 1 $$;'),
    "in_other_schema": Case(args=("--schema", "public", "--schema", "app"), a="CREATE SCHEMA app;\n" + T, b="CREATE SCHEMA app;\n" + T + F1.replace("add1", "app.add1")),
    "percent_in_body": Case(a=T, b=T + "CREATE FUNCTION pct(x numeric) RETURNS text LANGUAGE sql AS "
                                       "$$ SELECT x::text || '%' $$;"),
    "cost_changed": Case(a=T + F1, b=T + F1.replace("IMMUTABLE", "IMMUTABLE COST 5")),
    "parallel_safe": Case(a=T + F1, b=T + F1.replace("IMMUTABLE", "IMMUTABLE PARALLEL SAFE")),
}
