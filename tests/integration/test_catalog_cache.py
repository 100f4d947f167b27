"""An unchanged catalog is rescanned from its cache, and the cache never hides drift.

The on-call story: the same `remedy scan --expected catalog/` runs again and again during an
incident. The second run reads the parsed catalog from the cache and builds none of its tables
while the database matches; when someone changes the database in between, the rescan reports it.
"""
from __future__ import annotations

import pickle

import pytest

from remedy.scan import scan
from remedy.sources.cache import CachedTables
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


def _built(tables) -> set:
    return set(tables._tables) if isinstance(tables, CachedTables) else set(tables)


def test_a_warm_rescan_of_a_matching_database_builds_no_table(pg_url, catalog, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, DDL)
    cold = scan(pg_url, catalog)
    warm = scan(pg_url, catalog)
    assert cold.findings == () and warm.findings == ()
    assert isinstance(warm.expected.tables, CachedTables)
    assert _built(warm.expected.tables) == set()
    assert warm.expected.table("public", "orders") == cold.expected.table("public", "orders")


def test_drift_made_between_two_scans_is_reported_from_the_cache(pg_url, catalog, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, DDL)
    scan(pg_url, catalog)
    run_sql(pg_url, "ALTER TABLE orders ALTER COLUMN status DROP DEFAULT; DROP INDEX orders_status_idx;"
                    " ALTER TABLE notes RENAME COLUMN body TO text_body;")
    warm = scan(pg_url, catalog)
    assert isinstance(warm.expected.tables, CachedTables)
    assert sorted(f.id for f in warm.findings) == [
        "default_mismatch:public.orders.status", "extra_column:public.notes.text_body",
        "missing_column:public.notes.body", "missing_index:public.orders.orders_status_idx"]
    assert _built(warm.expected.tables) == {("public", "orders"), ("public", "notes")}


def test_a_cached_catalog_travels_as_a_plain_mapping(pg_url, catalog, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, DDL)
    scan(pg_url, catalog)
    warm = scan(pg_url, catalog)
    copy = pickle.loads(pickle.dumps(warm.expected))  # the TUI hands scans to a planner process
    assert type(copy.tables) is dict and copy == warm.expected
