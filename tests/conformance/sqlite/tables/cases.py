"""Whole tables: missing and extra."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);"

CASES = {
    "missing_table": Case(a=T, b=T + "\nCREATE TABLE u (id INTEGER PRIMARY KEY);"),
    "extra_table": Case(a=T + "\nCREATE TABLE u (id INTEGER PRIMARY KEY);", b=T),
    "extra_table_with_index": Case(a=T + "\nCREATE TABLE u (id INTEGER PRIMARY KEY, n INT);\nCREATE INDEX u_n ON u (n);",
                                   b=T),
    "two_missing_related": Case(a=T, b=T + "\nCREATE TABLE p (id INTEGER PRIMARY KEY);\n"
                                "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INT REFERENCES p (id));"),
    "no_change": Case(a=T, b=T),
}
