"""Issue 11.1: ``remedy catalog init`` writes schema names through the dialect's preparer.

It wrote ``CREATE SCHEMA IF NOT EXISTS "<name>"`` by hand: a schema named ``x"; DROP TABLE y; --``
made schema.sql drop a table when run.
"""
from __future__ import annotations

from remedy.model import Column, Table, build_schema
from remedy.sources.ddl import schema_from_ddl
from remedy.sources.snapshot import render_ddl

HOSTILE = 'x"; DROP TABLE y; --'


def test_catalog_init_quotes_schema_names():
    tables = [Table("t", schema="public", columns=(Column("id", "integer", raw_type="integer"),)),
              Table("u", schema=HOSTILE, columns=(Column("id", "integer", raw_type="integer"),))]
    ddl = render_ddl(build_schema("postgresql", tables, schemas=("public", HOSTILE)), "public")
    assert 'CREATE SCHEMA IF NOT EXISTS "x""; DROP TABLE y; --";' in ddl
    assert sorted(schema_from_ddl(ddl, "schema.sql").tables) == [("public", "t"), (HOSTILE, "u")]
