"""Privileges (--with-privileges): table, column, sequence, view, function, procedure and schema grants, the grant
option, PUBLIC, quoted names, and a dependant view whose grants come back after the plan recreates it. The oracle
compares pg_dump's GRANT / REVOKE statements (or the ACLs) too."""
from tests.conformance.cases import Case

# Roles are server-wide: created idempotently by both sides (cases run in parallel), and left in place.
ROLES = "".join(
    f"DO $$ BEGIN CREATE ROLE {role}; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;\n"
    for role in ("remedy_conf_app", "remedy_conf_ro", '"Remedy Conf Mixed"'))
APP, RO = "remedy_conf_app", "remedy_conf_ro"
T = ROLES + "CREATE TABLE t (id serial PRIMARY KEY, note text, n int);\n"
F = ROLES + "CREATE TABLE t (id int);\nCREATE FUNCTION total(a int, b int) RETURNS int LANGUAGE sql AS 'SELECT a + b';\n"
PROC = ROLES + "CREATE TABLE t (id int);\nCREATE PROCEDURE add_row(i int) LANGUAGE sql AS 'INSERT INTO t VALUES (i)';\n"
S = ROLES + "CREATE SCHEMA app;\nCREATE TABLE app.t (id int);\n"
V = T + "CREATE VIEW v AS SELECT id, note FROM t;\n"
M = T + "CREATE MATERIALIZED VIEW m AS SELECT id FROM t;\n"
Q = ROLES + 'CREATE TABLE "Order Items" (id int, "Note" text);\n'
W = "--with-privileges"


def case(a: str, b: str, **kw) -> Case:
    return Case(a=a, b=b, args=(W,), **kw)


CASES = {
    "table_select_missing": case(T, T + f"GRANT SELECT ON t TO {APP};"),
    "table_privileges_missing": case(T, T + f"GRANT SELECT, INSERT, UPDATE, DELETE ON t TO {APP};"),
    "table_all_missing": case(T, T + f"GRANT ALL ON t TO {APP};"),
    "table_delete_extra": case(T + f"GRANT SELECT, DELETE ON t TO {APP};", T + f"GRANT SELECT ON t TO {APP};"),
    "table_grants_all_extra": case(T + f"GRANT SELECT ON t TO {APP};\nGRANT SELECT ON t TO {RO};",
                                   T + f"GRANT SELECT ON t TO {RO};\nGRANT INSERT ON t TO {APP};"),
    "grant_option_added": case(T + f"GRANT SELECT ON t TO {APP};", T + f"GRANT SELECT ON t TO {APP} WITH GRANT OPTION;"),
    "grant_option_removed": case(T + f"GRANT SELECT ON t TO {APP} WITH GRANT OPTION;", T + f"GRANT SELECT ON t TO {APP};"),
    "two_roles": case(T + f"GRANT SELECT ON t TO {APP};", T + f"GRANT SELECT ON t TO {APP}, {RO};"),
    "public_select_missing": case(T, T + "GRANT SELECT ON t TO PUBLIC;"),
    "public_select_extra": case(T + "GRANT SELECT ON t TO PUBLIC;", T + f"GRANT SELECT ON t TO {APP};"),
    "column_update_missing": case(T, T + f"GRANT SELECT (id, note), UPDATE (note) ON t TO {APP};"),
    "column_update_extra": case(T + f"GRANT UPDATE (note, n) ON t TO {APP};", T + f"GRANT UPDATE (note) ON t TO {APP};"),
    "column_and_table_grant": case(T + f"GRANT UPDATE (note) ON t TO {APP};", T + f"GRANT SELECT, UPDATE ON t TO {APP};"),
    "grant_on_a_missing_column": case(ROLES + "CREATE TABLE t (id int);",
                                      ROLES + f"CREATE TABLE t (id int, note text);\nGRANT UPDATE (note) ON t TO {APP};"),
    "grant_on_a_missing_table": case(ROLES + "CREATE TABLE other (id int);",
                                     ROLES + "CREATE TABLE other (id int);\nCREATE TABLE t (id int);\n"
                                             f"GRANT SELECT, INSERT ON t TO {APP};"),
    "serial_sequence_usage_missing": case(T, T + f"GRANT USAGE, SELECT ON SEQUENCE t_id_seq TO {APP};"),
    "standalone_sequence_usage": case(ROLES + "CREATE SEQUENCE s;\nCREATE TABLE t (id int);",
                                      ROLES + f"CREATE SEQUENCE s;\nCREATE TABLE t (id int);\nGRANT USAGE ON SEQUENCE s TO {APP};"),
    "sequence_update_extra": case(T + f"GRANT USAGE, UPDATE ON SEQUENCE t_id_seq TO {APP};",
                                  T + f"GRANT USAGE ON SEQUENCE t_id_seq TO {APP};"),
    "view_select_missing": case(V, V + f"GRANT SELECT ON v TO {APP};"),
    "view_insert_extra": case(V + f"GRANT SELECT, INSERT ON v TO {APP};", V + f"GRANT SELECT ON v TO {APP};"),
    "materialized_view_select": case(M, M + f"GRANT SELECT ON m TO {APP};"),
    "function_execute_only_to_app": case(F, F + "REVOKE EXECUTE ON FUNCTION total(int, int) FROM PUBLIC;\n"
                                                 f"GRANT EXECUTE ON FUNCTION total(int, int) TO {APP};"),
    "function_public_execute_restored": case(F + "REVOKE EXECUTE ON FUNCTION total(int, int) FROM PUBLIC;", F),
    "function_execute_app_extra": case(F + f"GRANT EXECUTE ON FUNCTION total(int, int) TO {APP};",
                                       F + f"GRANT EXECUTE ON FUNCTION total(int, int) TO {RO};\n"
                                           f"GRANT SELECT ON t TO {APP};"),  # named, so its extra EXECUTE is revoked
    "procedure_execute": case(PROC + "REVOKE ALL ON PROCEDURE add_row(int) FROM PUBLIC;",
                              PROC + f"REVOKE ALL ON PROCEDURE add_row(int) FROM PUBLIC;\n"
                                     f"GRANT EXECUTE ON PROCEDURE add_row(int) TO {APP};"),
    "schema_usage_missing": case(S, S + f"GRANT USAGE ON SCHEMA app TO {APP};\nGRANT SELECT ON app.t TO {APP};"),
    "schema_create_extra": case(S + f"GRANT USAGE, CREATE ON SCHEMA app TO {APP};", S + f"GRANT USAGE ON SCHEMA app TO {APP};"),
    "schema_scoped": Case(a=S + f"GRANT SELECT ON app.t TO {APP};",
                          b=S + f"GRANT SELECT, INSERT ON app.t TO {APP};", args=(W, "--schema", "app")),
    "quoted_names": case(Q, Q + 'GRANT SELECT, UPDATE ("Note") ON "Order Items" TO "Remedy Conf Mixed";'),
    "quoted_names_extra": case(Q + 'GRANT SELECT, DELETE ON "Order Items" TO "Remedy Conf Mixed";',
                               Q + 'GRANT SELECT ON "Order Items" TO "Remedy Conf Mixed";'),
    "dependant_view_keeps_its_grants": case(
        ROLES + f"CREATE TABLE t (id int, a int);\nCREATE VIEW v AS SELECT id, a FROM t;\nGRANT SELECT ON v TO {APP};",
        ROLES + f"CREATE TABLE t (id int, a bigint);\nCREATE VIEW v AS SELECT id, a FROM t;\nGRANT SELECT ON v TO {APP};"),
    "dependant_view_column_dropped_keeps_grants": case(
        ROLES + "CREATE TABLE t (id int, a int, gone int);\nCREATE VIEW v AS SELECT id, a, gone FROM t;\n"
                f"CREATE VIEW w AS SELECT id FROM v;\nGRANT SELECT ON v, w TO {APP};",
        ROLES + "CREATE TABLE t (id int, a int);\nCREATE VIEW v AS SELECT id, a FROM t;\n"
                f"CREATE VIEW w AS SELECT id FROM v;\nGRANT SELECT ON v, w TO {APP};"),
    "view_replaced_keeps_its_grants": case(V + f"GRANT SELECT ON v TO {APP};",
                                           T + f"CREATE VIEW v AS SELECT id FROM t;\nGRANT SELECT ON v TO {APP};"),
    "materialized_view_replaced_keeps_its_grants": case(
        M + f"GRANT SELECT ON m TO {APP};",
        T + f"CREATE MATERIALIZED VIEW m AS SELECT id, n FROM t;\nGRANT SELECT ON m TO {APP};"),
    "function_replaced_keeps_its_grants": case(
        F + f"REVOKE ALL ON FUNCTION total(int, int) FROM PUBLIC;\nGRANT EXECUTE ON FUNCTION total(int, int) TO {APP};",
        F.replace("RETURNS int", "RETURNS bigint") + "REVOKE ALL ON FUNCTION total(int, int) FROM PUBLIC;\n"
        f"GRANT EXECUTE ON FUNCTION total(int, int) TO {APP};"),
    "grants_and_table_drift_together": case(
        T + f"GRANT SELECT ON t TO {RO};",
        ROLES + "CREATE TABLE t (id serial PRIMARY KEY, note text NOT NULL, n bigint, extra date);\n"
                f"GRANT SELECT ON t TO {RO};\nGRANT INSERT, UPDATE (note) ON t TO {APP};"),
}


# USAGE on types and domains. Roles made for each run and dropped after (Case.roles).
TAPP = "remedy_cr_type_app"
ENUM = "CREATE TYPE mood AS ENUM ('ok', 'sad');\nCREATE TABLE t (id int, m mood);\n"
DOMAIN = "CREATE DOMAIN posint AS int CHECK (VALUE > 0);\nCREATE TABLE t (id posint);\n"
COMPOSITE = "CREATE TYPE pair AS (a int, b int);\nCREATE TABLE t (id int);\n"
RANGE = "CREATE TYPE span AS RANGE (subtype = int4);\nCREATE TABLE t (id int);\n"


def typed(a: str, b: str) -> Case:
    return Case(a=a, b=b, args=(W,), roles=(TAPP,))


CASES |= {
    "type_usage_only_to_a_role": typed(ENUM, ENUM + f"REVOKE USAGE ON TYPE mood FROM PUBLIC;\n"
                                                    f"GRANT USAGE ON TYPE mood TO {TAPP};"),
    "type_public_usage_restored": typed(ENUM + "REVOKE USAGE ON TYPE mood FROM PUBLIC;", ENUM),
    "type_usage_extra": typed(ENUM + f"GRANT USAGE ON TYPE mood TO {TAPP} WITH GRANT OPTION;",
                              ENUM + f"GRANT USAGE ON TYPE mood TO {TAPP};"),
    "domain_usage_only_to_a_role": typed(DOMAIN, DOMAIN + f"REVOKE ALL ON DOMAIN posint FROM PUBLIC;\n"
                                                          f"GRANT USAGE ON DOMAIN posint TO {TAPP};"),
    "composite_type_usage": typed(COMPOSITE, COMPOSITE + f"REVOKE USAGE ON TYPE pair FROM PUBLIC;\n"
                                                         f"GRANT USAGE ON TYPE pair TO {TAPP};"),
    "range_type_usage": typed(RANGE + f"GRANT USAGE ON TYPE span TO {TAPP} WITH GRANT OPTION;",
                              RANGE + f"REVOKE USAGE ON TYPE span FROM PUBLIC;\nGRANT USAGE ON TYPE span TO {TAPP};"),
    "type_created_by_the_plan_with_its_usage": Case(
        a="CREATE TABLE t (id int);",
        b=ENUM + f"REVOKE USAGE ON TYPE mood FROM PUBLIC;\nGRANT USAGE ON TYPE mood TO {TAPP};", args=(W,),
        roles=(TAPP,)),
    # PUBLIC's default USAGE on a type the plan creates, or EXECUTE on a function, is taken away where the expected
    # side took it away
    "domain_created_by_the_plan_without_public_usage": Case(
        a="CREATE TABLE t (id int);", b=DOMAIN + "REVOKE USAGE ON DOMAIN posint FROM PUBLIC;", args=(W,)),
    "range_type_created_by_the_plan_keeps_public_usage": Case(a="CREATE TABLE t (id int);", b=RANGE, args=(W,)),
    "function_created_by_the_plan_without_public_execute": Case(
        a="CREATE TABLE t (id int);",
        b="CREATE TABLE t (id int);\nCREATE FUNCTION total(a int, b int) RETURNS int LANGUAGE sql AS 'SELECT a + b';\n"
          f"REVOKE EXECUTE ON FUNCTION total(int, int) FROM PUBLIC;\nGRANT EXECUTE ON FUNCTION total(int, int) TO {TAPP};",
        args=(W,), roles=(TAPP,)),
}


# A grantee that granted its privilege on to others (WITH GRANT OPTION): a plain revoke fails with "dependent
# privileges exist"; the plan revokes with CASCADE and grants again what the cascade took from the others.
GAPP, GRO, GOTHER = "remedy_cr_chain_app", "remedy_cr_chain_ro", "remedy_cr_chain_other"
CHAIN = (f"CREATE TABLE t (id int, note text);\nGRANT SELECT, UPDATE (note) ON t TO {GAPP} WITH GRANT OPTION;\n"
         f"SET ROLE {GAPP};\nGRANT SELECT, UPDATE (note) ON t TO {GRO} WITH GRANT OPTION;\nRESET ROLE;\n"
         f"SET ROLE {GRO};\nGRANT SELECT ON t TO {GOTHER};\nRESET ROLE;\n")
PLAIN = "CREATE TABLE t (id int, note text);\n"


def chained(a: str, b: str) -> Case:
    return Case(a=a, b=b, args=(W,), roles=(GAPP, GRO, GOTHER))


CASES |= {
    "revoke_of_a_privilege_granted_on_cascades": chained(
        CHAIN, PLAIN + f"GRANT INSERT ON t TO {GAPP};\nGRANT SELECT, UPDATE (note) ON t TO {GRO} WITH GRANT OPTION;\n"
                       f"GRANT SELECT ON t TO {GOTHER};"),
    "revoke_of_a_grant_option_granted_on_cascades": chained(
        CHAIN, PLAIN + f"GRANT SELECT, UPDATE (note) ON t TO {GAPP};\n"
                       f"GRANT SELECT, UPDATE (note) ON t TO {GRO} WITH GRANT OPTION;\nGRANT SELECT ON t TO {GOTHER};"),
    "revoke_cascades_and_the_others_are_revoked_too": chained(
        CHAIN, PLAIN + f"GRANT INSERT ON t TO {GAPP}, {GRO}, {GOTHER};"),
    "an_extra_grant_made_by_another_grantee_is_revoked_as_that_grantee": chained(
        CHAIN, CHAIN.split(f"SET ROLE {GRO}")[0] + f"GRANT INSERT ON t TO {GOTHER};"),
    "revoke_cascades_from_the_middle_of_a_chain": chained(
        CHAIN, PLAIN + f"GRANT SELECT, UPDATE (note) ON t TO {GAPP} WITH GRANT OPTION;\nGRANT INSERT ON t TO {GRO};\n"
                       f"GRANT SELECT ON t TO {GOTHER};"),
    "view_recreated_whose_grant_was_granted_on": chained(
        f"CREATE TABLE t (id int, a int);\nCREATE VIEW v AS SELECT id, a FROM t;\n"
        f"GRANT SELECT ON v TO {GAPP} WITH GRANT OPTION;\nSET ROLE {GAPP};\nGRANT SELECT ON v TO {GRO};\nRESET ROLE;",
        f"CREATE TABLE t (id int, a int);\nCREATE VIEW v AS SELECT id FROM t;\n"
        f"GRANT SELECT ON v TO {GAPP} WITH GRANT OPTION;\nGRANT SELECT ON v TO {GRO};"),
}
