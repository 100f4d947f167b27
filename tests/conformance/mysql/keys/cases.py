"""Primary keys and unique keys: missing, extra (dropped with --allow-destructive) and changed."""
from tests.conformance.cases import Case

CASES = {
    "missing_primary_key": Case(a="CREATE TABLE t (id INT NOT NULL, n INT);",
                                b="CREATE TABLE t (id INT NOT NULL PRIMARY KEY, n INT);"),
    "extra_primary_key": Case(a="CREATE TABLE t (id INT NOT NULL PRIMARY KEY, n INT);",
                              b="CREATE TABLE t (id INT NOT NULL, n INT);"),
    "primary_key_columns_changed": Case(a="CREATE TABLE t (a INT NOT NULL, b INT NOT NULL, PRIMARY KEY (a));",
                                        b="CREATE TABLE t (a INT NOT NULL, b INT NOT NULL, PRIMARY KEY (a, b));"),
    "primary_key_moved": Case(a="CREATE TABLE t (a INT NOT NULL, b INT NOT NULL, PRIMARY KEY (a));",
                              b="CREATE TABLE t (a INT NOT NULL, b INT NOT NULL, PRIMARY KEY (b));"),
    "auto_increment_primary_key_moved": Case(
        a="CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, code INT NOT NULL);",
        b="CREATE TABLE t (id INT NOT NULL, code INT NOT NULL AUTO_INCREMENT PRIMARY KEY);"),
    "missing_unique": Case(a="CREATE TABLE t (id INT PRIMARY KEY, email VARCHAR(50));",
                           b="CREATE TABLE t (id INT PRIMARY KEY, email VARCHAR(50), UNIQUE KEY t_email (email));"),
    "extra_unique": Case(a="CREATE TABLE t (id INT PRIMARY KEY, email VARCHAR(50), UNIQUE KEY t_email (email));",
                         b="CREATE TABLE t (id INT PRIMARY KEY, email VARCHAR(50));"),
    "unique_columns_changed": Case(
        a="CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, UNIQUE KEY t_ab (a));",
        b="CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, UNIQUE KEY t_ab (a, b));"),
    "unique_renamed": Case(a="CREATE TABLE t (id INT PRIMARY KEY, a INT, UNIQUE KEY t_a_old (a));",
                           b="CREATE TABLE t (id INT PRIMARY KEY, a INT, UNIQUE KEY t_a_new (a));"),
    "unique_to_plain_index": Case(a="CREATE TABLE t (id INT PRIMARY KEY, a INT, UNIQUE KEY t_a (a));",
                                  b="CREATE TABLE t (id INT PRIMARY KEY, a INT, KEY t_a (a));"),
    "plain_index_to_unique": Case(a="CREATE TABLE t (id INT PRIMARY KEY, a INT, KEY t_a (a));",
                                  b="CREATE TABLE t (id INT PRIMARY KEY, a INT, UNIQUE KEY t_a (a));"),
    # the same two without --allow-destructive: the key or index that holds the name is replaced by the finding
    # that needs it (it used to stay, and ADD UNIQUE failed with "Duplicate key name 't_a'")
    "unique_to_plain_index_dropping_nothing": Case(
        a="CREATE TABLE t (id INT PRIMARY KEY, a INT, UNIQUE KEY t_a (a));",
        b="CREATE TABLE t (id INT PRIMARY KEY, a INT, KEY t_a (a));", destructive=False),
    "plain_index_to_unique_dropping_nothing": Case(
        a="CREATE TABLE t (id INT PRIMARY KEY, a INT, KEY t_a (a));",
        b="CREATE TABLE t (id INT PRIMARY KEY, a INT, UNIQUE KEY t_a (a));", destructive=False),
    "unnamed_unique_column_level": Case(a="CREATE TABLE t (id INT PRIMARY KEY, a INT);",
                                        b="CREATE TABLE t (id INT PRIMARY KEY, a INT UNIQUE);"),
    # an expected unique key named like a live plain index on other columns: the index that holds the name is
    # replaced (dropped without --allow-destructive: the key needs its name), or moved to the name B gives it
    "unique_named_like_an_index_on_other_columns": Case(
        a="CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, KEY t_a (b));",
        b="CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, UNIQUE KEY t_a (a));", destructive=False),
    "unique_named_like_an_index_that_moves": Case(
        a="CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, KEY t_a (b));",
        b="CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, UNIQUE KEY t_a (a), KEY t_b (b));", destructive=False),
}
