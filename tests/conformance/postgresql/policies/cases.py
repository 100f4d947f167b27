"""Row-level security: enabled/forced per table, policies (command, roles, USING, WITH CHECK)."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id int PRIMARY KEY, owner name, b int);\n"
RLS = "ALTER TABLE t ENABLE ROW LEVEL SECURITY;\n"
P = "CREATE POLICY own ON t USING (owner = current_user);\n"

CASES = {
    "rls_enabled": Case(a=T, b=T + RLS),
    "rls_disabled": Case(a=T + RLS, b=T),
    "rls_forced": Case(a=T + RLS, b=T + RLS + "ALTER TABLE t FORCE ROW LEVEL SECURITY;"),
    "rls_unforced": Case(a=T + RLS + "ALTER TABLE t FORCE ROW LEVEL SECURITY;", b=T + RLS),
    "policy_missing": Case(a=T + RLS, b=T + RLS + P),
    "policy_extra": Case(a=T + RLS + P, b=T + RLS),
    "policy_using_changed": Case(a=T + RLS + P, b=T + RLS + P.replace("current_user", "session_user")),
    "policy_command": Case(a=T + RLS + P, b=T + RLS + P.replace("ON t USING", "ON t FOR SELECT USING")),
    "policy_with_check": Case(a=T + RLS + "CREATE POLICY ins ON t FOR INSERT WITH CHECK (b > 0);",
                              b=T + RLS + "CREATE POLICY ins ON t FOR INSERT WITH CHECK (b >= 0);"),
    "policy_roles": Case(a=T + RLS + P, b=T + RLS + P.replace("ON t USING", "ON t TO postgres USING")),
    "policy_restrictive": Case(a=T + RLS + P, b=T + RLS + P.replace("ON t USING", "ON t AS RESTRICTIVE USING")),
    "policy_and_rls_missing": Case(a=T, b=T + RLS + P),
    "table_and_policy_missing": Case(a="CREATE TABLE other (id int);", b="CREATE TABLE other (id int);\n" + T + RLS + P),
    "two_policies": Case(a=T + RLS, b=T + RLS + P + "CREATE POLICY upd ON t FOR UPDATE USING (b > 0) WITH CHECK (b > 0);"),
}
