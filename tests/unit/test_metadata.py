"""schema_from_metadata / metadata_from_schema / python:module:attr, without a database."""
from __future__ import annotations

import sys
import textwrap

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.schema import CreateTable

from remedy.errors import SourceError
from remedy.model import Column, PrimaryKey, Table, build_schema
from remedy.sources.metadata import (
    load_python_source, metadata_from_schema, sa_dialect, schema_from_metadata, translate_type,
)


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(255), unique=True)
    status: Mapped[str] = mapped_column(sa.Text, server_default="new")
    created_at = mapped_column(sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False)
    mood = mapped_column(sa.Enum("sad", "ok", name="mood"))
    price = mapped_column(sa.Numeric(10, 2))
    __table_args__ = (sa.CheckConstraint("price > 0", name="accounts_price_check"),)


class Order(Base):
    __tablename__ = "orders"
    id = mapped_column(sa.BigInteger, primary_key=True)
    account_id = mapped_column(sa.ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    tags = mapped_column(sa.ARRAY(sa.Text))
    doc = mapped_column(sa.JSON)
    __table_args__ = (sa.Index("orders_tags_partial", "account_id", postgresql_where=sa.text("id > 5")),)


def test_declarative_base_reads_as_postgresql():
    schema = schema_from_metadata(Base.metadata)
    accounts, orders = schema.table("public", "accounts"), schema.table("public", "orders")
    cols = {c.name: c for c in accounts.columns}
    assert (cols["id"].type, cols["id"].identity, cols["id"].default) == ("integer", True, "autoincrement")
    assert cols["email"].type == "varchar(255)" and cols["created_at"].type == "timestamptz"
    assert cols["status"].default == "'new'" and cols["created_at"].default == "now()"
    assert cols["mood"].type == "mood" and schema.enums[("public", "mood")].values == ("sad", "ok")
    assert [c.expression for c in accounts.checks] == ["price > 0"]
    assert [u.columns for u in accounts.uniques] == [("email",)]
    assert orders.column("tags").type == "text[]" and orders.column("doc").type == "json"
    (fk,) = orders.foreign_keys
    assert (fk.ref_table, fk.ref_columns, fk.on_delete) == ("accounts", ("id",), "CASCADE")
    assert {i.name: i.where for i in orders.indexes} == {"ix_orders_account_id": None,
                                                         "orders_tags_partial": "id > 5"}


def test_other_dialects_compile_types_their_way():
    schema = schema_from_metadata(Base.metadata, "mysql")
    assert schema.table("", "accounts").column("created_at").type in ("timestamp", "timestamptz")
    assert schema.table("", "accounts").column("mood").type == "enum"


def test_metadata_from_schema_renders_for_every_dialect():
    schema = build_schema("postgresql", [Table("t", "public", columns=(
        Column("id", "integer", False, "autoincrement", "integer", "nextval('t_id_seq'::regclass)", 1, True),
        Column("doc", "jsonb", True, None, "jsonb"),
        Column("name", "varchar(20)", False, "'x'", "character varying(20)", "'x'::character varying"),
    ), primary_key=PrimaryKey(("id",)))], schemas=("public",))
    md = metadata_from_schema(schema)
    table = md.tables["t"]
    pg = str(CreateTable(table).compile(dialect=sa_dialect("postgresql")))
    assert "id SERIAL NOT NULL" in pg and "doc jsonb" in pg and "character varying(20)" in pg
    my = str(CreateTable(table).compile(dialect=sa_dialect("mysql")))
    assert "AUTO_INCREMENT" in my and "JSON" in my and "VARCHAR(20)" in my


@pytest.mark.parametrize("text,target,expected", [
    ("character varying(20)", "mysql", "VARCHAR(20)"), ("jsonb", "mysql", "JSON"),
    ("timestamp with time zone", "sqlite", "TIMESTAMP"), ("text", "postgresql", "text"),
])
def test_translate_type(text, target, expected):
    assert translate_type(text, "postgresql", target) == expected


def test_python_source(tmp_path, monkeypatch):
    (tmp_path / "remedy_models_fixture.py").write_text(textwrap.dedent("""
        import sqlalchemy as sa
        md = sa.MetaData()
        sa.Table("things", md, sa.Column("id", sa.Integer, primary_key=True), sa.Column("n", sa.Text))
    """))
    monkeypatch.syspath_prepend(str(tmp_path))
    schema = load_python_source("python:remedy_models_fixture:md")
    assert schema.table("public", "things").column("n").type == "text"
    sys.modules.pop("remedy_models_fixture", None)


@pytest.mark.parametrize("source,message", [
    ("python:nope_no_such_module:md", "cannot import"),
    ("python:sqlalchemy:no_such_attr", "has no attribute"),
    ("python:sqlalchemy:Integer", "neither a MetaData"),
    ("python:justamodule", "expected python:"),
])
def test_python_source_errors_are_one_line(source, message):
    with pytest.raises(SourceError, match=message) as err:
        load_python_source(source)
    assert "\n" not in str(err.value)
