"""Columns: missing, extra, type, nullability and default drift on one table."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id int PRIMARY KEY{});"

CASES = {
    "missing_column": Case(a=T.format(""), b=T.format(", note text")),
    "missing_not_null_column_with_default": Case(a=T.format(""), b=T.format(", n int NOT NULL DEFAULT 0")),
    "extra_column": Case(a=T.format(", legacy text"), b=T.format("")),
    "nullability_tightened": Case(a=T.format(", note text"), b=T.format(", note text NOT NULL")),
    "nullability_loosened": Case(a=T.format(", note text NOT NULL"), b=T.format(", note text")),
    "default_added": Case(a=T.format(", n int"), b=T.format(", n int DEFAULT 7")),
    "default_dropped": Case(a=T.format(", n int DEFAULT 7"), b=T.format(", n int")),
    "default_changed": Case(a=T.format(", s text DEFAULT 'a'"), b=T.format(", s text DEFAULT 'b'")),
    "type_changed_text_to_int": Case(a=T.format(", n text"), b=T.format(", n int")),
    "column_in_the_middle": Case(a="CREATE TABLE t (id int PRIMARY KEY, z text);",
                                 b="CREATE TABLE t (id int PRIMARY KEY, m int, z text);"),
}
