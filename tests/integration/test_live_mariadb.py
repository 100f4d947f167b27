"""read_live on a real MariaDB/MySQL: information_schema in bulk."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.conftest import run_sql
from remedy.db import make_engine
from remedy.errors import ConnectionFailed
from remedy.sources.live import read_live

pytestmark = pytest.mark.mariadb

DDL = """
CREATE TABLE accounts (
    id int AUTO_INCREMENT PRIMARY KEY,
    email varchar(255) NOT NULL,
    price decimal(10,2) CHECK (price > 0),
    status varchar(10) DEFAULT 'new',
    doc json, active boolean DEFAULT false, ratio double, big bigint unsigned, note text,
    created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, day date, at datetime(3),
    kind enum('a','b') DEFAULT 'a', maybe int DEFAULT NULL,
    UNIQUE KEY accounts_email_key (email),
    CONSTRAINT accounts_status_check CHECK (status IN ('new', 'old'))
);
CREATE TABLE orders (
    id bigint AUTO_INCREMENT PRIMARY KEY,
    account_id int NOT NULL,
    sku varchar(100),
    CONSTRAINT orders_account_fk FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE,
    INDEX orders_sku_idx (sku, account_id),
    INDEX orders_sku_prefix (sku(10))
);
"""


@pytest.fixture
def my_schema(mariadb_url):
    run_sql(mariadb_url, DDL)
    return read_live(make_engine(mariadb_url))


def test_reads_tables_in_current_database(my_schema, mariadb_url):
    db = sa.engine.make_url(mariadb_url).database
    assert set(my_schema.tables) == {(db, "accounts"), (db, "orders")}
    assert my_schema.schemas == (db,) and my_schema.dialect == "mysql"


def test_columns(my_schema):
    (table,) = [t for t in my_schema.iter_tables() if t.name == "accounts"]
    cols = {c.name: c for c in table.columns}
    assert (cols["id"].type, cols["id"].identity, cols["id"].default) == ("integer", True, "autoincrement")
    assert cols["doc"].type == "json"  # MariaDB: LONGTEXT + CHECK (json_valid(doc))
    assert cols["status"].default == "'new'" and cols["maybe"].default is None
    assert cols["active"].type == "boolean" and cols["active"].default == "false"
    assert cols["created_at"].default == "now()" and not cols["created_at"].nullable
    assert cols["price"].type == "numeric(10,2)" and cols["kind"].raw_type == "enum('a','b')"


def test_constraints_and_indexes(my_schema):
    tables = {t.name: t for t in my_schema.iter_tables()}
    accounts, orders = tables["accounts"], tables["orders"]
    assert accounts.primary_key.columns == ("id",)
    assert [u.columns for u in accounts.uniques] == [("email",)]
    assert {c.expression for c in accounts.checks} == {"price > 0", "status in ('new', 'old')"}
    (fk,) = orders.foreign_keys
    assert (fk.columns, fk.ref_table, fk.ref_columns, fk.on_delete, fk.on_update) == (
        ("account_id",), "accounts", ("id",), "CASCADE", None)
    assert [(i.name, i.columns) for i in orders.indexes] == [
        ("orders_sku_idx", ("sku", "account_id")), ("orders_sku_prefix", ("sku(10)",))]
    assert orders.column("id").identity


def test_empty_database(mariadb_url):
    assert read_live(make_engine(mariadb_url)).tables == {}


def test_wrong_password_is_one_line(mariadb_url):
    url = sa.engine.make_url(mariadb_url).set(username="nobody", password="pw").render_as_string(False)
    with pytest.raises(ConnectionFailed) as err:
        read_live(make_engine(url))
    assert "authentication failed" in str(err.value) and "pw@" not in str(err.value)
