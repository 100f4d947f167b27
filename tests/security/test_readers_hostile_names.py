"""Issue 11.1: the readers take hostile names as the database spells them (found by the property test).

The reader found ``CONSTRAINT name CHECK (`` with a regular expression that took only \\w names and
looked inside quoted names and strings too: a check named ``%Z\\x`` was read unnamed, so the expected
check stayed missing after remedy added it, and a column named ``check (`` looked like a check.
"""
from __future__ import annotations

import sqlalchemy as sa

from remedy.sources.live import read_live

DDL = ("CREATE TABLE t (\n"
       '  "check (" INTEGER CHECK ("check (" > 0),\n'
       "  note TEXT DEFAULT 'check (1)',\n"
       '  CONSTRAINT "%Z\\x ""q""" CHECK (length(note) < 10 AND note <> \')\'),\n'
       '  CONSTRAINT [br ack] CHECK ("check (" < 100)\n'
       ")")


def test_sqlite_checks_keep_quoted_names_and_ignore_what_is_quoted(sqlite_url):
    engine = sa.create_engine(sqlite_url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        conn.exec_driver_sql(DDL)
    with engine.connect() as conn:
        table = read_live(conn).table("main", "t")
    engine.dispose()
    assert [(c.name, c.raw_expression) for c in table.checks] == [
        (None, '"check (" > 0'),
        ('%Z\\x "q"', "length(note) < 10 AND note <> ')'"),
        ("br ack", '"check (" < 100'),
    ]


def test_sqlite_catalog_reads_an_integer_primary_key_with_a_quote_in_its_name_as_the_rowid():
    from remedy.sources.ddl import schema_from_ddl

    schema = schema_from_ddl('CREATE TABLE t ("a""b/*" INTEGER PRIMARY KEY, `c``d` INTEGER);', "t.sql", "sqlite", default_schema="main")
    key, other = schema.table("main", "t").columns
    assert (key.identity, key.default) == (True, "autoincrement")
    assert not other.identity


def test_a_quoted_name_holding_a_line_that_starts_with_a_backslash_is_not_a_psql_command():
    from remedy.sources.ddl import schema_from_ddl

    schema = schema_from_ddl('\\restrict abc\nCREATE TABLE "a\n\\x" (id INTEGER);\n\\unrestrict abc\n', "t.sql")
    assert list(schema.tables) == [("public", "a\n\\x")]
