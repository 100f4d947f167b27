"""read_live on SQLite files: sqlite_master joined with the pragma table functions."""
from __future__ import annotations

import pytest

from tests.conftest import run_sql
from remedy.db import make_engine
from remedy.errors import ConnectionFailed
from remedy.sources.live import read_live

DDL = """
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    email varchar(255) NOT NULL UNIQUE,
    price numeric(10,2) CHECK (price > 0),
    status text DEFAULT 'new',
    active boolean DEFAULT 0,
    created_at timestamp DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT accounts_status_check CHECK (status IN ('new', 'old'))
);
CREATE TABLE orders (
    a int, b int, account_id int REFERENCES accounts ON DELETE CASCADE,
    PRIMARY KEY (a, b)
);
CREATE INDEX orders_account ON orders (account_id) WHERE account_id > 0;
CREATE UNIQUE INDEX orders_ba ON orders (b, a);
"""


@pytest.fixture
def lite(sqlite_url):
    run_sql(sqlite_url, DDL)
    return read_live(make_engine(sqlite_url))


def test_tables_and_columns(lite):
    assert set(lite.tables) == {("main", "accounts"), ("main", "orders")}
    cols = {c.name: c for c in lite.table("main", "accounts").columns}
    assert (cols["id"].identity, cols["id"].nullable) == (True, False)  # rowid alias
    assert cols["email"].type == "varchar(255)" and not cols["email"].nullable
    assert cols["active"].default == "false" and cols["created_at"].default == "now()"


def test_constraints(lite):
    accounts, orders = lite.table("main", "accounts"), lite.table("main", "orders")
    assert [u.columns for u in accounts.uniques] == [("email",)]
    assert {(c.name, c.expression) for c in accounts.checks} == {
        (None, "price > 0"), ("accounts_status_check", "status in ('new', 'old')")}
    assert orders.primary_key.columns == ("a", "b")
    (fk,) = orders.foreign_keys
    assert (fk.ref_table, fk.ref_columns, fk.on_delete) == ("accounts", ("id",), "CASCADE")
    indexes = {i.name: i for i in orders.indexes}
    assert indexes["orders_account"].where == "account_id > 0"
    assert indexes["orders_ba"].unique and indexes["orders_ba"].columns == ("b", "a")


def test_empty_file(sqlite_url):
    assert read_live(make_engine(sqlite_url)).tables == {}


def test_missing_file(tmp_path):
    with pytest.raises(ConnectionFailed, match="not found"):
        read_live(make_engine(f"sqlite:///{tmp_path}/nope.db"))


def test_expression_index_keys(sqlite_url):
    run_sql(sqlite_url, "CREATE TABLE t (name text, status text);\nCREATE INDEX t_expr ON t (lower(name), status DESC)")
    (index,) = read_live(make_engine(sqlite_url)).table("main", "t").indexes
    assert index.columns == ("lower(name)", "status desc")
