"""Domains: base type, default, NOT NULL and constraints. A domain a column uses cannot be dropped: what
ALTER DOMAIN can change is changed in place."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id int PRIMARY KEY);\n"
D = "CREATE DOMAIN posint AS integer CHECK (VALUE > 0);\n"
U = "CREATE TABLE u (id int PRIMARY KEY, n posint);\nINSERT INTO u VALUES (1, 5);\n"

CASES = {
    "missing": Case(a=T, b=T + D),
    "extra": Case(a=T + D, b=T),
    "check_changed": Case(a=T + D, b=T + D.replace("> 0", ">= 0")),
    "not_null_added": Case(a=T + D, b=T + D.replace("integer", "integer NOT NULL")),
    "default_added": Case(a=T + D, b=T + D.replace("integer", "integer DEFAULT 1")),
    "named_constraint": Case(a=T, b=T + "CREATE DOMAIN email AS text CONSTRAINT email_at CHECK (VALUE LIKE '%@%');"),
    "missing_used_by_new_table": Case(a=T, b=T + D + "CREATE TABLE u (id int, n posint);"),
    "used_by_new_column": Case(a=T + "CREATE TABLE u (id int);", b=T + D + "CREATE TABLE u (id int, n posint);"),
    "used_check_changed": Case(a=T + D + U, b=T + D.replace("> 0", ">= 0") + U),
    "used_check_added": Case(a=T + "CREATE DOMAIN posint AS integer;\n" + U, b=T + D + U),
    "used_check_removed": Case(a=T + D + U, b=T + "CREATE DOMAIN posint AS integer;\n" + U, destructive=False),
    "used_not_null_and_default": Case(a=T + D + U, b=T + D.replace("integer", "integer NOT NULL DEFAULT 1") + U),
    "used_not_null_and_default_dropped": Case(a=T + D.replace("integer", "integer NOT NULL DEFAULT 1") + U,
                                              b=T + D + U),
    "used_two_checks_one_renamed": Case(
        a=T + "CREATE DOMAIN posint AS integer CONSTRAINT a CHECK (VALUE > 0) CONSTRAINT b CHECK (VALUE < 9);\n" + U,
        b=T + "CREATE DOMAIN posint AS integer CONSTRAINT a CHECK (VALUE > 0) CONSTRAINT c CHECK (VALUE < 9);\n" + U),
    "used_base_type_changed": Case(a=T + D + U, b=T + D.replace("integer", "bigint") + U,
                                   xfail="ALTER DOMAIN cannot change a base type, and a domain in use cannot be "
                                         "dropped: the plan's DROP DOMAIN fails (the dry run says so)"),
}
