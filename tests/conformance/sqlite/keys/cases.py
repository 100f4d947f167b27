"""Primary keys and UNIQUE constraints (changed through the table rebuild); INTEGER PRIMARY KEY stays the rowid."""
from tests.conformance.cases import Case

CASES = {
    "integer_primary_key_kept_on_rebuild": Case(a="CREATE TABLE t (id INTEGER PRIMARY KEY, n TEXT);",
                                                b="CREATE TABLE t (id INTEGER PRIMARY KEY, n INT);"),
    "missing_primary_key": Case(a="CREATE TABLE t (id INT NOT NULL, n INT);",
                                b="CREATE TABLE t (id INT NOT NULL PRIMARY KEY, n INT);"),
    "extra_primary_key": Case(a="CREATE TABLE t (id INT NOT NULL PRIMARY KEY, n INT);",
                              b="CREATE TABLE t (id INT NOT NULL, n INT);"),
    "composite_primary_key_changed": Case(a="CREATE TABLE t (a INT, b INT, PRIMARY KEY (a));",
                                          b="CREATE TABLE t (a INT, b INT, PRIMARY KEY (a, b));"),
    "missing_unique": Case(a="CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT);",
                           b="CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT UNIQUE);"),
    "extra_unique": Case(a="CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT UNIQUE);",
                         b="CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT);"),
    "unique_columns_changed": Case(a="CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, b INT, UNIQUE (a));",
                                   b="CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, b INT, UNIQUE (a, b));"),
    "autoincrement_added": Case(a="CREATE TABLE t (id INTEGER PRIMARY KEY, n INT);",
                                b="CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, n INT);"),
    "one_of_two_unnamed_uniques_dropped": Case(
        a="CREATE TABLE t (id INTEGER PRIMARY KEY, a INT UNIQUE, b INT UNIQUE);",
        b="CREATE TABLE t (id INTEGER PRIMARY KEY, a INT UNIQUE, b INT);"),
    "unnamed_table_unique_dropped": Case(
        a="CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, b INT, UNIQUE (a, b));",
        b="CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, b INT);"),
}
