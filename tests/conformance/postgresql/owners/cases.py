"""Owners (--with-owners): of schemas, tables, views, materialized views, standalone sequences, functions,
procedures, types and domains, changed, given back, and given to an object the plan creates; a serial column's
sequence follows its table. The oracle compares pg_dump's ALTER ... OWNER TO (or the owners it reads itself).
Roles are this run's own (Case.roles)."""
from tests.conformance.cases import Case

APP, RO = "remedy_cr_owner_app", "remedy_cr_owner_ro"
T = "CREATE TABLE t (id serial PRIMARY KEY, note text);\n"


def case(a: str, b: str, *more: str) -> Case:
    return Case(a=a, b=b, args=("--with-owners", *more), roles=(APP, RO))


def given(sql: str, change: str) -> Case:
    """A has ``sql`` as its runner made it; B gives its object to the app role."""
    return case(T + sql, T + sql + change)


CASES = {
    "table_given_to_a_role": case(T, T + f"ALTER TABLE t OWNER TO {APP};"),
    "table_given_back": case(T + f"ALTER TABLE t OWNER TO {APP};", T),
    "table_given_to_another_role": case(T + f"ALTER TABLE t OWNER TO {APP};", T + f"ALTER TABLE t OWNER TO {RO};"),
    "schema": given("CREATE SCHEMA app;\n", f"ALTER SCHEMA app OWNER TO {APP};"),
    "view": given("CREATE VIEW v AS SELECT id FROM t;\n", f"ALTER VIEW v OWNER TO {APP};"),
    "materialized_view": given("CREATE MATERIALIZED VIEW m AS SELECT id FROM t;\n",
                               f"ALTER MATERIALIZED VIEW m OWNER TO {APP};"),
    "standalone_sequence": given("CREATE SEQUENCE s;\n", f"ALTER SEQUENCE s OWNER TO {APP};"),
    "function": given("CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT a';\n",
                      f"ALTER FUNCTION f(int) OWNER TO {APP};"),
    "procedure": given("CREATE PROCEDURE p(a int) LANGUAGE sql AS 'SELECT a';\n",
                       f"ALTER PROCEDURE p(int) OWNER TO {APP};"),
    "enum_type": given("CREATE TYPE mood AS ENUM ('ok', 'sad');\n", f"ALTER TYPE mood OWNER TO {APP};"),
    "domain": given("CREATE DOMAIN posint AS int CHECK (VALUE > 0);\n", f"ALTER DOMAIN posint OWNER TO {APP};"),
    "composite_type": given("CREATE TYPE pair AS (a int, b int);\n", f"ALTER TYPE pair OWNER TO {APP};"),
    "range_type": given("CREATE TYPE span AS RANGE (subtype = int4);\n", f"ALTER TYPE span OWNER TO {APP};"),
    "table_in_a_schema_and_the_schema": given("CREATE SCHEMA app;\nCREATE TABLE app.u (id int);\n",
                                              f"ALTER SCHEMA app OWNER TO {APP};\nALTER TABLE app.u OWNER TO {RO};"),
    "a_table_the_plan_creates": case(T, T + f"CREATE TABLE u (id serial);\nALTER TABLE u OWNER TO {APP};"),
    "a_function_the_plan_creates": case(T, T + "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
                                                f"ALTER FUNCTION f() OWNER TO {APP};"),
    "owner_and_grants_together": case(T + f"GRANT SELECT ON t TO {RO};",
                                      T + f"GRANT SELECT ON t TO {RO};\nALTER TABLE t OWNER TO {APP};",
                                      "--with-privileges"),
    "owner_and_a_column_change_together": case(T + f"ALTER TABLE t OWNER TO {RO};",
                                               T.replace("note text", "note text NOT NULL, extra int")
                                               + f"ALTER TABLE t OWNER TO {APP};"),
}
