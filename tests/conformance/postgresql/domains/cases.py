"""Domains: base type, default, NOT NULL and constraints."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id int PRIMARY KEY);\n"
D = "CREATE DOMAIN posint AS integer CHECK (VALUE > 0);\n"

CASES = {
    "missing": Case(a=T, b=T + D),
    "extra": Case(a=T + D, b=T),
    "check_changed": Case(a=T + D, b=T + D.replace("> 0", ">= 0")),
    "not_null_added": Case(a=T + D, b=T + D.replace("integer", "integer NOT NULL")),
    "default_added": Case(a=T + D, b=T + D.replace("integer", "integer DEFAULT 1")),
    "named_constraint": Case(a=T, b=T + "CREATE DOMAIN email AS text CONSTRAINT email_at CHECK (VALUE LIKE '%@%');"),
    "missing_used_by_new_table": Case(a=T, b=T + D + "CREATE TABLE u (id int, n posint);"),
    "used_by_new_column": Case(a=T + "CREATE TABLE u (id int);", b=T + D + "CREATE TABLE u (id int, n posint);"),
}
