"""An unchanged catalog is rescanned from its cache, and the cache never hides drift.

The on-call story: the same `remedy scan --expected catalog/` runs again and again during an
incident. The first run lets the server read the catalog (a scratch database); the second takes that
reading from the cache and creates no scratch database. When someone changes the database in between,
the rescan reports it; when someone edits the catalog, the server reads it again.
"""
from __future__ import annotations

import pickle

import pytest

from remedy.scan import scan
from tests.conftest import run_sql

DDL = """
CREATE TABLE customers (id bigint PRIMARY KEY, email varchar(200) NOT NULL UNIQUE);
CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  status varchar(20) NOT NULL DEFAULT 'new',
  total numeric(10,2) CHECK (total >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_status_idx ON orders (status) WHERE status <> 'done';
CREATE TABLE notes (id int PRIMARY KEY, body text);
"""


@pytest.fixture
def catalog(tmp_path):
    root = tmp_path / "catalog"
    (root / "schema").mkdir(parents=True)
    (root / "catalog.toml").write_text('[catalog]\nname = "shop"\ndialect = "postgres"\n')
    (root / "schema" / "shop.sql").write_text(DDL)
    return str(root)


@pytest.fixture
def scratch_databases(monkeypatch):
    """The scratch databases remedy creates to let PostgreSQL read the catalog (counted, still created)."""
    from remedy.sources import scratch

    created: list[str] = []
    real = scratch._admin

    def counting(engine, sql, quiet=False):
        if sql.startswith("CREATE DATABASE"):
            created.append(sql)
        return real(engine, sql, quiet)

    monkeypatch.setattr(scratch, "_admin", counting)
    return created


def test_a_warm_rescan_of_a_matching_database_loads_the_catalog_from_the_cache(
        pg_url, catalog, tmp_path, monkeypatch, scratch_databases):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, DDL)
    cold = scan(pg_url, catalog)
    assert len(scratch_databases) == 1  # the server read the catalog once
    warm = scan(pg_url, catalog)
    assert cold.findings == () and warm.findings == ()
    assert len(scratch_databases) == 1  # ...and the rescan took that reading from the cache
    assert warm.expected.server_read
    assert warm.expected.table("public", "orders") == cold.expected.table("public", "orders")


def test_drift_made_between_two_scans_is_reported_from_the_cache(
        pg_url, catalog, tmp_path, monkeypatch, scratch_databases):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, DDL)
    scan(pg_url, catalog)
    run_sql(pg_url, "ALTER TABLE orders ALTER COLUMN status DROP DEFAULT; DROP INDEX orders_status_idx;"
                    " ALTER TABLE notes RENAME COLUMN body TO text_body;")
    warm = scan(pg_url, catalog)
    assert len(scratch_databases) == 1
    assert sorted(f.id for f in warm.findings) == [
        "default_mismatch:public.orders.status", "extra_column:public.notes.text_body",
        "missing_column:public.notes.body", "missing_index:public.orders.orders_status_idx"]


def test_an_edited_catalog_is_read_by_the_server_again(pg_url, catalog, tmp_path, monkeypatch, scratch_databases):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, DDL)
    scan(pg_url, catalog)
    shop = tmp_path / "catalog" / "schema" / "shop.sql"
    shop.write_text(shop.read_text().replace("CREATE TABLE notes (id int PRIMARY KEY, body text);",
                                             "CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL);"))
    edited = scan(pg_url, catalog)
    assert len(scratch_databases) == 2
    assert [f.id for f in edited.findings] == ["nullability_mismatch:public.notes.body"]


def test_a_cached_catalog_travels_as_a_plain_mapping(pg_url, catalog, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, DDL)
    scan(pg_url, catalog)
    warm = scan(pg_url, catalog)
    copy = pickle.loads(pickle.dumps(warm.expected))  # the TUI hands scans to a planner process
    assert type(copy.tables) is dict and copy == warm.expected
