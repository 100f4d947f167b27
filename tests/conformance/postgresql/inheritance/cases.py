"""Table inheritance (INHERITS)."""
from tests.conformance.cases import Case

PAR = "CREATE TABLE par (id int, note text);\n"

CASES = {
    "inherit_added": Case(a=PAR + "CREATE TABLE chi (id int, note text, extra int);",
                          b=PAR + "CREATE TABLE chi (extra int) INHERITS (par);",
                          xfail="the child's inherited columns stay local (attislocal) after ALTER TABLE INHERIT; "
                                "pg_dump writes them in the child"),
    "inherit_removed": Case(a=PAR + "CREATE TABLE chi (extra int) INHERITS (par);",
                            b=PAR + "CREATE TABLE chi (id int, note text, extra int);"),
    "child_missing": Case(a=PAR, b=PAR + "CREATE TABLE chi (extra int) INHERITS (par);",
                          xfail="a missing child table is created with its inherited columns as its own columns, then "
                                "INHERIT: pg_dump sees local columns"),
    "second_parent": Case(a=PAR + "CREATE TABLE p2 (z int);\nCREATE TABLE chi (extra int) INHERITS (par);",
                          b=PAR + "CREATE TABLE p2 (z int);\nCREATE TABLE chi (extra int, z int) INHERITS (par, p2);"),
}
