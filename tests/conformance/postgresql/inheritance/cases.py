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
    # made with INHERITS: made apart and then given its parent, its inherited columns would be its own
    "child_missing": Case(a=PAR, b=PAR + "CREATE TABLE chi (extra int) INHERITS (par);"),
    "parent_and_child_missing": Case(a="CREATE TABLE t (id int);",
                                     b="CREATE TABLE t (id int);\n" + PAR +
                                       "CREATE TABLE chi (extra int CHECK (extra > 0)) INHERITS (par);"),
    # a column of its own as well as its parent's (merged), and the parent's check and NOT NULL it inherits
    "child_missing_with_a_merged_column": Case(
        a="CREATE TABLE par (id int NOT NULL, note text CHECK (note <> ''));",
        b="CREATE TABLE par (id int NOT NULL, note text CHECK (note <> ''));\n"
          "CREATE TABLE chi (note text, extra int) INHERITS (par);"),
    "child_of_two_parents_missing": Case(
        a=PAR + "CREATE TABLE p2 (z int);",
        b=PAR + "CREATE TABLE p2 (z int);\nCREATE TABLE chi (extra int) INHERITS (par, p2);"),
    "second_parent": Case(a=PAR + "CREATE TABLE p2 (z int);\nCREATE TABLE chi (extra int) INHERITS (par);",
                          b=PAR + "CREATE TABLE p2 (z int);\nCREATE TABLE chi (extra int, z int) INHERITS (par, p2);"),
}
