"""SQLite's table rebuild (new table, copy, drop, rename) for what it cannot ALTER: table flags, generated
columns and constraints; and the flags read from a CREATE TABLE statement."""
from __future__ import annotations

import pytest

from remedy import dialects
from remedy.model import GENERATED_VIRTUAL, CheckConstraint, Column, PrimaryKey, Table, build_schema
from remedy.plan import ops as o
from remedy.plan.build import Plan
from remedy.render.sql import statements

T = Table("t", "main", columns=(
    Column("id", "integer", nullable=False, default="autoincrement", raw_type="INTEGER", identity=True),
    Column("a", "integer", raw_type="INT"),
    Column("b", "integer", raw_type="INT", default="generated: a * 2", raw_default="a * 2", kind=GENERATED_VIRTUAL)),
    primary_key=PrimaryKey(("id",)))


def _sql(op: o.Operation, table: Table = T) -> list[str]:
    live = build_schema("sqlite", [table], schemas=("main",))
    return [s.sql for s in statements(Plan((op,), "sqlite", live))]


def test_a_table_made_strict_is_rebuilt_without_copying_into_its_generated_column():
    sql = _sql(o.AlterTableFlag(schema="main", table="t", flag="strict", on=True))
    assert sql[0].startswith("CREATE TABLE _alembic_tmp_t (") and sql[0].endswith("STRICT")
    assert "b INT GENERATED ALWAYS AS (a * 2) VIRTUAL" in sql[0]
    assert sql[1:] == ["INSERT INTO _alembic_tmp_t (id, a) SELECT id, a FROM t", "DROP TABLE t",
                       "ALTER TABLE _alembic_tmp_t RENAME TO t"]


def test_a_table_that_loses_without_rowid_is_rebuilt_as_a_rowid_table():
    keyed = Table("kv", "main", columns=(Column("k", "text", nullable=False, raw_type="TEXT"),),
                  primary_key=PrimaryKey(("k",)), flags=("without_rowid",))
    sql = _sql(o.AlterTableFlag(schema="main", table="kv", flag="without_rowid", on=False), keyed)
    assert "WITHOUT ROWID" not in sql[0] and sql[1] == "INSERT INTO _alembic_tmp_kv (k) SELECT k FROM kv"


def test_an_unnamed_check_is_added_by_the_rebuild_without_a_name():
    check = CheckConstraint("a < 100", None, "a < 100")
    sql = _sql(o.AddConstraint(schema="main", table="t", constraint=check, name="t_a_check"))
    assert "CHECK (a < 100)" in sql[0] and "t_a_check" not in sql[0]


@pytest.mark.parametrize("ddl,flags", [
    ("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT)", ("autoincrement",)),
    ("CREATE TABLE t (k TEXT PRIMARY KEY) WITHOUT ROWID, STRICT", ("strict", "without_rowid")),
    ("create table t (a) strict;", ("strict",)),
    ("CREATE TABLE t (a DEFAULT ') STRICT', \"autoincrement\" INT) -- WITHOUT ROWID", ()),
])
def test_flags_are_read_from_the_create_table_words_not_its_strings_names_or_comments(ddl, flags):
    assert dialects.get("sqlite").flags_of(ddl) == flags


def test_a_column_change_on_a_table_with_a_generated_column_leaves_it_out_of_the_copy():
    """alembic's batch copy would write into b, which SQLite refuses (cannot INSERT into generated column)."""
    retyped = o.AlterColumnType(schema="main", table="t", column="a", from_type=T.columns[1],
                                to_type=Column("a", "text", raw_type="TEXT"))
    assert _sql(retyped)[1] == "INSERT INTO _alembic_tmp_t (id, a) SELECT id, a FROM t"
    assert _sql(o.DropColumn(schema="main", table="t", column=T.columns[1]))[1] == \
        "INSERT INTO _alembic_tmp_t (id) SELECT id FROM t"


def test_an_autoincrement_table_keeps_its_counter_through_the_rebuild():
    """The copy would start sqlite_sequence at the largest id it copied: ids of deleted rows came back."""
    counted = Table("c", "main", columns=T.columns[:2], primary_key=PrimaryKey(("id",)), flags=("autoincrement",))
    sql = _sql(o.AlterTableFlag(schema="main", table="c", flag="strict", on=True), counted)
    assert sql[0] == "CREATE TEMP TABLE remedy_sequence AS SELECT seq FROM sqlite_sequence WHERE name = 'c'"
    assert "AUTOINCREMENT" in sql[1]
    assert sql[-3:] == ["DELETE FROM sqlite_sequence WHERE name = 'c'",
                        "INSERT INTO sqlite_sequence (name, seq) SELECT 'c', seq FROM temp.remedy_sequence",
                        "DROP TABLE temp.remedy_sequence"]


def test_a_collation_change_says_the_collation_in_its_title():
    retyped = o.AlterColumnType(schema="main", table="t", column="a", from_type=Column("a", "text", raw_type="TEXT"),
                                to_type=Column("a", "text", raw_type="TEXT", collation="NOCASE"))
    assert retyped.title == "change type of t.a from TEXT to TEXT COLLATE NOCASE"



@pytest.mark.parametrize("module", ["remedy.dialects.sqlite", "remedy.dialects.mysql",
                                    "remedy.sources.partitions_mysql"])
def test_a_cached_catalog_is_parsed_again_when_a_module_that_reads_ddl_changes(module):
    """SQLite's declared types are read by remedy.dialects.sqlite, a MariaDB PARTITION BY clause by
    remedy.sources.partitions_mysql: a cached parse made before a change to them must not be served after it."""
    import importlib
    import os

    from remedy.sources.catalog import _code_version

    path = importlib.import_module(module).__file__
    before, stat = _code_version(), os.stat(path)
    try:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        assert _code_version() != before
    finally:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
