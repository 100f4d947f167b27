"""Composite and range types."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id int PRIMARY KEY);\n"

CASES = {
    "composite_missing": Case(a=T, b=T + "CREATE TYPE pair AS (x int, y text);"),
    "composite_extra": Case(a=T + "CREATE TYPE pair AS (x int, y text);", b=T),
    "composite_changed": Case(a=T + "CREATE TYPE pair AS (x int, y text);", b=T + "CREATE TYPE pair AS (x int, y varchar(10));"),
    "composite_attribute_added": Case(a=T + "CREATE TYPE pair AS (x int);", b=T + "CREATE TYPE pair AS (x int, y int);"),
    "range_missing": Case(a=T, b=T + "CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);"),
    "range_extra": Case(a=T + "CREATE TYPE floatrange AS RANGE (subtype = float8);", b=T),
    "composite_used_by_new_table": Case(a=T, b=T + "CREATE TYPE pair AS (x int, y text);\nCREATE TABLE u (p pair);"),
    "function_on_composite": Case(a=T, b=T + "CREATE TYPE pair AS (x int, y int);\n"
                                             "CREATE FUNCTION total(p pair) RETURNS int LANGUAGE sql AS $$ SELECT p.x + p.y $$;"),
}
