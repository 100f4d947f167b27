"""A MariaDB/MySQL DDL file that creates its tables and then alters them is read as the server leaves them;
an ALTER that cannot be read exactly is refused naming the statement (exit 2), never ignored."""
from __future__ import annotations

import pytest

from remedy.errors import SourceError
from remedy.sources.ddl import schema_from_ddl


def read(ddl: str):
    return schema_from_ddl(ddl, "schema.sql", "mysql", "")


def table(ddl: str, name: str = "t"):
    return read(ddl).tables[("", name)]


def test_modify_restates_the_whole_column_in_its_place():
    t = table("CREATE TABLE t (id INT PRIMARY KEY, a INT DEFAULT 1 COMMENT 'old', b INT);\n"
              "ALTER TABLE t MODIFY COLUMN a BIGINT NOT NULL;")
    a = t.column("a")
    assert (a.type, a.nullable, a.default, a.comment) == ("bigint", False, None, None)
    assert [c.name for c in t.columns] == ["id", "a", "b"]


def test_change_renames_the_column_in_its_keys_and_drops_its_own_check():
    t = table("CREATE TABLE t (id INT PRIMARY KEY, b VARCHAR(10) CHECK (b <> ''), KEY t_b (b), UNIQUE KEY t_u (b));\n"
              "ALTER TABLE t CHANGE b bee VARCHAR(20) CHARACTER SET latin1;")
    bee = t.column("bee")
    assert (bee.raw_type, bee.charset, t.checks) == ("VARCHAR(20)", "latin1", ())
    assert [i.columns for i in t.indexes] == [("bee",)] and [u.columns for u in t.uniques] == [("bee",)]


def test_drop_column_leaves_its_keys_and_the_checks_on_it_alone():
    t = table("CREATE TABLE t (id INT PRIMARY KEY, a INT, d INT, KEY t_ad (a, d), KEY t_d (d), UNIQUE KEY t_u (d),"
              " CONSTRAINT d_pos CHECK (d > 0));\nALTER TABLE t DROP COLUMN d;")
    assert [(i.name, i.columns) for i in t.indexes] == [("t_ad", ("a",))]
    assert (t.uniques, t.checks) == ((), ())


def test_rename_index_drop_index_and_drop_primary_key():
    t = table("CREATE TABLE t (id INT NOT NULL, c INT, PRIMARY KEY (id), UNIQUE KEY t_c (c), KEY t_k (c));\n"
              "ALTER TABLE t RENAME INDEX t_c TO t_c2, DROP PRIMARY KEY;\nDROP INDEX t_k ON t;")
    assert t.primary_key is None and [u.name for u in t.uniques] == ["t_c2"] and t.indexes == ()


def test_a_dropped_foreign_key_leaves_the_index_innodb_made_for_it():
    t = table("CREATE TABLE p (id INT PRIMARY KEY);\nCREATE TABLE t (id INT PRIMARY KEY, p_id INT,"
              " CONSTRAINT t_p FOREIGN KEY (p_id) REFERENCES p (id));\nALTER TABLE t DROP FOREIGN KEY t_p;")
    assert t.foreign_keys == () and [(i.name, i.columns) for i in t.indexes] == [("t_p", ("p_id",))]


def test_renamed_columns_and_tables_are_followed_by_the_foreign_keys_naming_them():
    schema = read("CREATE TABLE p (id INT PRIMARY KEY);\nCREATE TABLE c (id INT PRIMARY KEY, pid INT,"
                  " CONSTRAINT c_fk FOREIGN KEY (pid) REFERENCES p (id));\n"
                  "ALTER TABLE p RENAME COLUMN id TO pk;\nRENAME TABLE p TO parent;")
    fk = schema.tables[("", "c")].foreign_keys[0]
    assert (fk.ref_table, fk.ref_columns) == ("parent", ("pk",)) and ("", "parent") in schema.tables


def test_a_unique_key_keeps_its_name():
    assert table("CREATE TABLE t (id INT PRIMARY KEY, c INT, UNIQUE KEY t_c (c));").uniques[0].name == "t_c"


@pytest.mark.parametrize("ddl, why", [
    ("CREATE TABLE t (id INT PRIMARY KEY, a INT, KEY t_a (a));\nALTER TABLE t ALTER INDEX t_a INVISIBLE;",
     "not read"),
    ("CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, CHECK (a < b));\nALTER TABLE t RENAME COLUMN a TO z;",
     "a CHECK or generated column names a"),
    ("CREATE TABLE t (id INT PRIMARY KEY, a INT, g INT AS (a + 1));\nALTER TABLE t CHANGE a z INT;",
     "a CHECK or generated column names a"),
    ("CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, CHECK (a < b));\nALTER TABLE t DROP COLUMN a;",
     "names the dropped column"),
], ids=["alter_index", "rename_in_check", "change_in_generated", "drop_in_check"])
def test_an_alter_that_cannot_be_read_exactly_is_refused_naming_it(ddl, why):
    with pytest.raises(SourceError) as refused:
        read(ddl)
    assert str(refused.value).startswith("schema.sql:2: cannot read 'ALTER TABLE t ") and why in str(refused.value)


def test_add_column_if_not_exists_adds_nothing_over_a_column_of_that_name():
    t = table("CREATE TABLE t (id INT PRIMARY KEY, a INT);\nALTER TABLE t ADD COLUMN IF NOT EXISTS a BIGINT;")
    assert [(c.name, c.type) for c in t.columns] == [("id", "integer"), ("a", "integer")]
