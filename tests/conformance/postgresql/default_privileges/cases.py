"""Default privileges (ALTER DEFAULT PRIVILEGES, --with-privileges): for the whole database and in a schema, on
tables, sequences, functions, types and schemas, the grant option, a privilege taken from the built-in default
(PUBLIC's EXECUTE on functions), another role's, and the order against the objects the plan creates (a default
privilege taken away before, one added after). The oracle compares pg_dump's ALTER DEFAULT PRIVILEGES (or
pg_default_acl). Roles are this run's own (Case.roles, tests/conformance/roles.py)."""
from tests.conformance.cases import Case

APP, RO, OWNER = "remedy_cr_app", "remedy_cr_ro", "remedy_cr_owner"
T = "CREATE TABLE t (id serial PRIMARY KEY, note text);\n"
NAMED = T + f"GRANT SELECT ON t TO {APP};\n"  # the expected side names the role: its extras are compared
ADP = "ALTER DEFAULT PRIVILEGES"


def case(a: str, b: str, **kw) -> Case:
    return Case(a=a, b=b, args=("--with-privileges",), roles=(APP, RO, OWNER), **kw)


CASES = {
    "schema_tables_select_missing": case(T, T + f"{ADP} IN SCHEMA public GRANT SELECT ON TABLES TO {APP};"),
    "database_tables_select_missing": case(T, T + f"{ADP} GRANT SELECT, INSERT ON TABLES TO {APP};"),
    "schema_tables_extra": case(NAMED + f"{ADP} IN SCHEMA public GRANT SELECT, DELETE ON TABLES TO {APP};",
                                NAMED + f"{ADP} IN SCHEMA public GRANT SELECT ON TABLES TO {APP};"),
    "database_tables_extra": case(NAMED + f"{ADP} GRANT UPDATE ON TABLES TO {APP};", NAMED),
    "public_execute_on_functions_revoked": case(T, T + f"{ADP} REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;"),
    "public_execute_on_functions_restored": case(T + f"{ADP} REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;", T),
    "grant_option_added": case(T + f"{ADP} GRANT SELECT ON TABLES TO {APP};",
                               T + f"{ADP} GRANT SELECT ON TABLES TO {APP} WITH GRANT OPTION;"),
    "grant_option_removed": case(T + f"{ADP} GRANT SELECT ON TABLES TO {APP} WITH GRANT OPTION;",
                                 T + f"{ADP} GRANT SELECT ON TABLES TO {APP};"),
    "sequences_usage": case(T, T + f"{ADP} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {APP};"),
    "functions_execute_to_a_role": case(T, T + f"{ADP} IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO {APP};"),
    "types_usage_revoked_from_public": case(T, T + f"{ADP} REVOKE USAGE ON TYPES FROM PUBLIC;\n"
                                                  f"{ADP} GRANT USAGE ON TYPES TO {APP};"),
    "schemas_create": case(T, T + f"{ADP} GRANT USAGE, CREATE ON SCHEMAS TO {APP};"),
    "another_roles_defaults": case(T, T + f"{ADP} FOR ROLE {OWNER} IN SCHEMA public GRANT SELECT ON TABLES TO {APP};"),
    "two_roles_changed": case(T + f"{ADP} GRANT SELECT ON TABLES TO {RO};\n{ADP} GRANT ALL ON TABLES TO {APP};",
                              T + f"{ADP} GRANT SELECT ON TABLES TO {RO}, {APP};"),
    "a_table_made_after_the_default_has_its_grant": case(
        T, T + f"{ADP} IN SCHEMA public GRANT SELECT ON TABLES TO {APP};\nCREATE TABLE later (id int);"),
    "a_table_the_plan_makes_is_not_given_a_default_taken_away": case(
        NAMED + f"{ADP} IN SCHEMA public GRANT SELECT, UPDATE ON TABLES TO {APP};",
        NAMED + "CREATE TABLE later (id int);"),
    "a_function_the_plan_makes_is_not_given_public_execute": case(
        T, T + f"{ADP} REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;\n"
               "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT a';"),
    "defaults_and_grants_together": case(
        T + f"GRANT SELECT ON t TO {RO};",
        T + f"GRANT SELECT, INSERT ON t TO {APP};\n{ADP} IN SCHEMA public GRANT SELECT ON TABLES TO {RO};\n"
            f"{ADP} IN SCHEMA public GRANT USAGE ON SEQUENCES TO {APP};"),
}
