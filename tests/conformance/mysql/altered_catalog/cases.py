"""A hand-written catalog that creates its tables and then alters them (MODIFY, CHANGE, ADD/DROP COLUMN, ADD/DROP/
RENAME INDEX, DROP PRIMARY KEY / FOREIGN KEY, RENAME COLUMN / TABLE): the catalog path reads the tables as the server
leaves them after the statements. B is that end state written out; the catalog (Case.catalog) gets there by ALTERs."""
from tests.conformance.cases import Case

CASES = {
    "modify_restates_the_column": Case(
        a="CREATE TABLE t (id INT PRIMARY KEY, a INT DEFAULT 1 COMMENT 'old');",
        b="CREATE TABLE t (id INT PRIMARY KEY, a BIGINT NOT NULL);",
        catalog="CREATE TABLE t (id INT PRIMARY KEY, a INT DEFAULT 1 COMMENT 'old');\n"
                "ALTER TABLE t MODIFY COLUMN a BIGINT NOT NULL;"),
    "change_renames_and_retypes": Case(
        a="CREATE TABLE t (id INT PRIMARY KEY, b VARCHAR(10), KEY t_b (b));",
        b="CREATE TABLE t (id INT PRIMARY KEY, bee VARCHAR(20) CHARACTER SET latin1, KEY t_b (bee));",
        catalog="CREATE TABLE t (id INT PRIMARY KEY, b VARCHAR(10) CHECK (b <> ''), KEY t_b (b));\n"
                "ALTER TABLE t CHANGE b bee VARCHAR(20) CHARACTER SET latin1;"),
    "columns_and_indexes_added_and_dropped": Case(
        a="CREATE TABLE t (id INT PRIMARY KEY, a INT);",
        b="CREATE TABLE t (id INT PRIMARY KEY, a INT, e INT INVISIBLE, KEY t_ad (a), KEY t_e (e));",
        catalog="CREATE TABLE t (id INT PRIMARY KEY, a INT, d INT, KEY t_ad (a, d), CONSTRAINT d_pos CHECK (d > 0));\n"
                "ALTER TABLE t DROP COLUMN d, ADD COLUMN e INT INVISIBLE AFTER a, ADD INDEX t_e (e);"),
    "index_renamed_and_foreign_key_dropped": Case(
        a="CREATE TABLE p (id INT PRIMARY KEY);\nCREATE TABLE t (id INT PRIMARY KEY, c INT, p_id INT, "
          "UNIQUE KEY t_c (c), CONSTRAINT t_p FOREIGN KEY (p_id) REFERENCES p (id));",
        b="CREATE TABLE p (id INT PRIMARY KEY);\nCREATE TABLE t (id INT PRIMARY KEY, c INT, p_id INT, "
          "UNIQUE KEY t_c2 (c), KEY t_p (p_id));",
        catalog="CREATE TABLE p (id INT PRIMARY KEY);\nCREATE TABLE t (id INT PRIMARY KEY, c INT, p_id INT, "
                "UNIQUE KEY t_c (c), CONSTRAINT t_p FOREIGN KEY (p_id) REFERENCES p (id));\n"
                "ALTER TABLE t RENAME INDEX t_c TO t_c2, DROP FOREIGN KEY t_p;"),
    "column_and_table_renamed": Case(
        a="",
        b="CREATE TABLE parent (id INT PRIMARY KEY);\nCREATE TABLE c (id INT PRIMARY KEY, parent_id INT, "
          "KEY c_pid (parent_id), CONSTRAINT c_fk FOREIGN KEY (parent_id) REFERENCES parent (id));",
        catalog="CREATE TABLE p (id INT PRIMARY KEY);\nCREATE TABLE c (id INT PRIMARY KEY, pid INT, "
                "KEY c_pid (pid), CONSTRAINT c_fk FOREIGN KEY (pid) REFERENCES p (id));\n"
                "ALTER TABLE c RENAME COLUMN pid TO parent_id;\nRENAME TABLE p TO parent;"),
    "primary_key_replaced": Case(
        a="CREATE TABLE t (id INT PRIMARY KEY, a INT);",
        b="CREATE TABLE t (id INT NOT NULL, a INT NOT NULL, PRIMARY KEY (id, a));",
        catalog="CREATE TABLE t (id INT NOT NULL, a INT, PRIMARY KEY (id));\n"
                "ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (id, a);"),
    "unique_key_dropped_by_drop_index": Case(
        a="CREATE TABLE t (id INT PRIMARY KEY, c INT, UNIQUE KEY t_c (c), KEY t_k (c));",
        b="CREATE TABLE t (id INT PRIMARY KEY, c INT, KEY t_k (c));",
        catalog="CREATE TABLE t (id INT PRIMARY KEY, c INT, UNIQUE KEY t_c (c), KEY t_k (c));\n"
                "DROP INDEX t_c ON t;"),
}
