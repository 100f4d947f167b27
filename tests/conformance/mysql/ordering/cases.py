"""Order by dependency (MariaDB has no transactional DDL, so the order is the only safety): foreign keys are
dropped before the keys and columns they depend on change, and added after."""
from tests.conformance.cases import Case

CASES = {
    "referenced_key_type_change": Case(
        a="CREATE TABLE p (id INT PRIMARY KEY);\nCREATE TABLE c (id INT PRIMARY KEY, p_id INT, "
          "CONSTRAINT c_fk FOREIGN KEY (p_id) REFERENCES p (id));",
        b="CREATE TABLE p (id BIGINT PRIMARY KEY);\nCREATE TABLE c (id INT PRIMARY KEY, p_id BIGINT, "
          "CONSTRAINT c_fk FOREIGN KEY (p_id) REFERENCES p (id));"),
    "drop_primary_key_under_fk": Case(
        a="CREATE TABLE p (id INT NOT NULL, code INT NOT NULL, PRIMARY KEY (id));\n"
          "CREATE TABLE c (id INT PRIMARY KEY, p_id INT, CONSTRAINT c_fk FOREIGN KEY (p_id) REFERENCES p (id));",
        b="CREATE TABLE p (id INT NOT NULL, code INT NOT NULL, PRIMARY KEY (code), UNIQUE KEY p_id (id));\n"
          "CREATE TABLE c (id INT PRIMARY KEY, p_id INT, CONSTRAINT c_fk FOREIGN KEY (p_id) REFERENCES p (id));"),
    "fk_moved_to_new_key": Case(
        a="CREATE TABLE p (id INT PRIMARY KEY, code INT);\nCREATE TABLE c (id INT PRIMARY KEY, p_id INT, "
          "CONSTRAINT c_fk FOREIGN KEY (p_id) REFERENCES p (id));",
        b="CREATE TABLE p (id INT PRIMARY KEY, code INT, UNIQUE KEY p_code (code));\nCREATE TABLE c (id INT PRIMARY KEY, "
          "p_id INT, CONSTRAINT c_fk FOREIGN KEY (p_id) REFERENCES p (code));"),
    "new_table_references_new_table": Case(
        a="CREATE TABLE x (id INT PRIMARY KEY);",
        b="CREATE TABLE x (id INT PRIMARY KEY);\nCREATE TABLE b_parent (id INT PRIMARY KEY);\n"
          "CREATE TABLE a_child (id INT PRIMARY KEY, p INT, CONSTRAINT a_child_fk FOREIGN KEY (p) REFERENCES b_parent (id));"),
    "drop_referenced_table_and_fk": Case(
        a="CREATE TABLE p (id INT PRIMARY KEY);\nCREATE TABLE c (id INT PRIMARY KEY, p_id INT, "
          "CONSTRAINT c_fk FOREIGN KEY (p_id) REFERENCES p (id));",
        b="CREATE TABLE c (id INT PRIMARY KEY, p_id INT);"),
    "auto_increment_moves_between_columns": Case(
        a="CREATE TABLE t (a INT NOT NULL AUTO_INCREMENT, b INT NOT NULL, PRIMARY KEY (a), UNIQUE KEY t_b (b));",
        b="CREATE TABLE t (a INT NOT NULL, b INT NOT NULL AUTO_INCREMENT, PRIMARY KEY (a), UNIQUE KEY t_b (b));"),
    "auto_increment_moves_into_composite_key": Case(
        a="CREATE TABLE t (a INT NOT NULL AUTO_INCREMENT, b INT NOT NULL, PRIMARY KEY (a), UNIQUE KEY t_b (b, a));",
        b="CREATE TABLE t (a INT NOT NULL, b INT NOT NULL AUTO_INCREMENT, PRIMARY KEY (a), UNIQUE KEY t_b (b, a));"),
    "index_redefined_same_name": Case(
        a="CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, KEY same_name (a));",
        b="CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, UNIQUE KEY same_name (b));"),
    "fk_column_type_change_child_only": Case(
        a="CREATE TABLE p (id BIGINT PRIMARY KEY);\nCREATE TABLE c (id INT PRIMARY KEY, p_id BIGINT, "
          "CONSTRAINT c_fk FOREIGN KEY (p_id) REFERENCES p (id) ON DELETE CASCADE);",
        b="CREATE TABLE p (id BIGINT PRIMARY KEY);\nCREATE TABLE c (id INT PRIMARY KEY, p_id BIGINT NOT NULL, "
          "CONSTRAINT c_fk FOREIGN KEY (p_id) REFERENCES p (id) ON DELETE CASCADE);"),
}
