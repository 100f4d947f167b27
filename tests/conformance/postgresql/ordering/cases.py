"""Order from dependencies: dependants are dropped first, columns change, then keys, then the foreign
keys that reference them; a new table's foreign key comes after the unique key it references; a
foreign key redefined under its old name is dropped before it is added again."""
from tests.conformance.cases import Case

CASES = {
    "new_table_references_a_new_unique_key": Case(
        a="CREATE TABLE p (id int PRIMARY KEY, code text);",
        b="CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE); "
          "CREATE TABLE c (id int PRIMARY KEY, code text REFERENCES p (code));"),
    "new_table_references_a_new_primary_key": Case(
        a="CREATE TABLE p (id int NOT NULL);",
        b="CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p);"),
    "new_tables_reference_each_other": Case(
        a="CREATE TABLE other (id int);",
        b="CREATE TABLE other (id int); "
          "CREATE TABLE x (id int PRIMARY KEY, y_id int); CREATE TABLE y (id int PRIMARY KEY, x_id int REFERENCES x); "
          "ALTER TABLE x ADD CONSTRAINT x_y FOREIGN KEY (y_id) REFERENCES y;"),
    "new_table_references_unique_of_another_new_table": Case(
        a="CREATE TABLE other (id int);",
        b="CREATE TABLE other (id int); CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE); "
          "CREATE TABLE c (id int PRIMARY KEY, code text REFERENCES p (code));"),
    "foreign_key_redefined_under_its_name": Case(
        a="CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int, p_id int, "
          "CONSTRAINT c_p FOREIGN KEY (p_id) REFERENCES p (id));",
        b="CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int, p_id int, "
          "CONSTRAINT c_p FOREIGN KEY (p_id) REFERENCES p (id) ON DELETE SET NULL DEFERRABLE);"),
    "foreign_key_moves_to_a_new_unique_key": Case(
        a="CREATE TABLE p (id int PRIMARY KEY, code text); CREATE TABLE c (id int, p_id int, code text, "
          "CONSTRAINT c_p FOREIGN KEY (p_id) REFERENCES p (id));",
        b="CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE); CREATE TABLE c (id int, p_id int, code text, "
          "CONSTRAINT c_p FOREIGN KEY (code) REFERENCES p (code));"),
    "referenced_unique_gets_include": Case(
        a="CREATE TABLE p (id int PRIMARY KEY, code text, n int, CONSTRAINT p_code UNIQUE (code)); "
          "CREATE TABLE c1 (code text REFERENCES p (code)); CREATE TABLE c2 (code text REFERENCES p (code));",
        b="CREATE TABLE p (id int PRIMARY KEY, code text, n int, CONSTRAINT p_code UNIQUE (code) INCLUDE (n)); "
          "CREATE TABLE c1 (code text REFERENCES p (code)); CREATE TABLE c2 (code text REFERENCES p (code));"),
    "referenced_primary_key_changes_columns": Case(
        a="CREATE TABLE p (id int, k int NOT NULL, CONSTRAINT p_pkey PRIMARY KEY (id), CONSTRAINT p_k UNIQUE (id, k)); "
          "CREATE TABLE c (p_id int REFERENCES p (id));",
        b="CREATE TABLE p (id int NOT NULL, k int NOT NULL, CONSTRAINT p_pkey PRIMARY KEY (id, k), "
          "CONSTRAINT p_id UNIQUE (id)); CREATE TABLE c (p_id int REFERENCES p (id));"),
    "extra_primary_key_dropped_before_nullable": Case(
        a="CREATE TABLE t (id int PRIMARY KEY, n int);", b="CREATE TABLE t (id int, n int);"),
    "extra_foreign_key_dropped_before_the_extra_key_it_uses": Case(
        a="CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE); CREATE TABLE c (code text REFERENCES p (code));",
        b="CREATE TABLE p (id int PRIMARY KEY, code text); CREATE TABLE c (code text);"),
    "extra_check_dropped_before_a_type_change": Case(
        a="CREATE TABLE t (id int PRIMARY KEY, n text, CONSTRAINT n_set CHECK (n <> ''));",
        b="CREATE TABLE t (id int PRIMARY KEY, n int);"),
    "extra_index_dropped_before_a_type_change": Case(
        a="CREATE TABLE t (id int PRIMARY KEY, n text); CREATE INDEX t_n ON t (lower(n));",
        b="CREATE TABLE t (id int PRIMARY KEY, n int);"),
    "check_redefined_with_the_column_type": Case(
        a="CREATE TABLE t (id int PRIMARY KEY, n text, CONSTRAINT n_ok CHECK (n <> ''));",
        b="CREATE TABLE t (id int PRIMARY KEY, n int, CONSTRAINT n_ok CHECK (n > 0));"),
    "identity_column_referenced_by_a_foreign_key": Case(
        a="CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p_id int REFERENCES p);",
        b="CREATE TABLE p (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY); CREATE TABLE c (p_id int REFERENCES p);"),
}
