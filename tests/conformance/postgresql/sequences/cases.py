"""Standalone sequences: type, start, increment, bounds, cache, cycle."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id int PRIMARY KEY);\n"

CASES = {
    "missing": Case(a=T, b=T + "CREATE SEQUENCE s;"),
    "extra": Case(a=T + "CREATE SEQUENCE s;", b=T),
    "increment": Case(a=T + "CREATE SEQUENCE s;", b=T + "CREATE SEQUENCE s INCREMENT BY 10;"),
    "start": Case(a=T + "CREATE SEQUENCE s;", b=T + "CREATE SEQUENCE s START WITH 1000;"),
    "type": Case(a=T + "CREATE SEQUENCE s AS integer;", b=T + "CREATE SEQUENCE s AS bigint;"),
    # a MINVALUE raised above the current value is refused unless the sequence restarts: it restarts at the bound
    # (every value it gave is below it); one already past the new bound just takes the new bounds
    "bounds": Case(a=T + "CREATE SEQUENCE s;", b=T + "CREATE SEQUENCE s MINVALUE 5 MAXVALUE 500 START 5;"),
    "bounds_already_passed": Case(a=T + "CREATE SEQUENCE s;\nSELECT setval('s', 40);",
                                  b=T + "CREATE SEQUENCE s MINVALUE 5 MAXVALUE 500 START 5;"),
    "descending_bound_lowered": Case(a=T + "CREATE SEQUENCE s INCREMENT BY -1;",
                                     b=T + "CREATE SEQUENCE s INCREMENT BY -1 MINVALUE -900 MAXVALUE -10 START -10;"),
    "cycle": Case(a=T + "CREATE SEQUENCE s;", b=T + "CREATE SEQUENCE s CYCLE;"),
    "cache": Case(a=T + "CREATE SEQUENCE s;", b=T + "CREATE SEQUENCE s CACHE 20;"),
    "descending": Case(a=T, b=T + "CREATE SEQUENCE s INCREMENT BY -1;"),
    "used_by_default": Case(a=T + "CREATE SEQUENCE s;\nCREATE TABLE u (id bigint DEFAULT nextval('s'));",
                            b=T + "CREATE SEQUENCE s INCREMENT BY 2;\nCREATE TABLE u (id bigint DEFAULT nextval('s'));"),
    "other_schema": Case(args=("--schema", "public", "--schema", "app"), a="CREATE SCHEMA app;\n" + T, b="CREATE SCHEMA app;\n" + T + "CREATE SEQUENCE app.s;"),
    # a default drawing from a sequence the column does not own (shared invoice numbers) is a default like any
    # other: it was read as "autoincrement", so one sequence for another compared equal and a missing one was
    # planned as DROP DEFAULT
    "default_added": Case(a=T + "CREATE SEQUENCE s;\nCREATE TABLE u (id int, no bigint);",
                          b=T + "CREATE SEQUENCE s;\nCREATE TABLE u (id int, no bigint DEFAULT nextval('s'));"),
    "default_from_another_sequence": Case(
        a=T + "CREATE SEQUENCE s;\nCREATE SEQUENCE r;\nCREATE TABLE u (id int, no bigint DEFAULT nextval('r'));",
        b=T + "CREATE SEQUENCE s;\nCREATE SEQUENCE r;\nCREATE TABLE u (id int, no bigint DEFAULT nextval('s'));"),
    "default_removed": Case(a=T + "CREATE SEQUENCE s;\nCREATE TABLE u (id int, no bigint DEFAULT nextval('s'));",
                            b=T + "CREATE SEQUENCE s;\nCREATE TABLE u (id int, no bigint);"),
}
