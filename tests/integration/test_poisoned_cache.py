"""A cache file someone else wrote is data remedy never trusts: it is ignored and rebuilt, and nothing in it runs.

The story: the cache dir is shared (a CI cache restored from another job, a world-writable
XDG_CACHE_HOME), and someone puts a pickle there whose loading would run a command. The next
scan must not run it, must report exactly what a cold scan reports, and must leave a good cache.
"""
from __future__ import annotations

import marshal
import os
import pickle
import sqlite3
from pathlib import Path

import pytest
from cli_run import remedy

from tests.conftest import run_sql

DDL = """
CREATE TABLE customers (id bigint PRIMARY KEY, email varchar(200) NOT NULL UNIQUE);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers(id),
                     status varchar(20) NOT NULL DEFAULT 'new');
"""
CODE = 'Q = "SELECT id, status, shipped_at FROM orders WHERE customer_id = %s"\n'


class Payload:
    """Unpickling this writes the marker file: what a poisoned cache would do."""

    def __init__(self, marker: Path):
        self.marker = str(marker)

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


@pytest.fixture
def session(pg_url, tmp_path, home):
    """A live database with one drift, a catalog and a code tree, and the scan command over them."""
    run_sql(pg_url, DDL.replace("status varchar(20) NOT NULL DEFAULT 'new'", "status text"))
    catalog = tmp_path / "catalog"
    (catalog / "schema").mkdir(parents=True)
    (catalog / "catalog.toml").write_text('[catalog]\nname = "shop"\ndialect = "postgres"\n')
    (catalog / "schema" / "shop.sql").write_text(DDL)
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "orders.py").write_text(CODE)

    def scan():
        proc = remedy("scan", "--db", pg_url, "--expected", str(catalog), "--code", str(tmp_path / "app"),
                      "--format", "json", env={"REMEDY_HOME": str(home)})
        assert proc.returncode == 1 and "internal error" not in proc.stderr, proc.stderr
        return _findings(proc.stdout)

    return scan


def _findings(report: str) -> list:
    import json

    return sorted((f["id"], f.get("verdict")) for f in json.loads(report)["findings"])


def _catalog_caches(home: Path) -> list[Path]:
    return sorted((home / "cache").glob("catalog-*.pickle"))


def test_a_poisoned_catalog_cache_is_ignored_rebuilt_and_never_runs(session, home, tmp_path):
    cold = session()
    [cache] = _catalog_caches(home)
    marker = tmp_path / "pwned"
    poison = pickle.dumps(Payload(marker))
    cache.write_bytes(poison)
    assert session() == cold
    assert not marker.exists()
    assert _catalog_caches(home) == [cache] and cache.read_bytes() != poison  # rebuilt in place
    assert session() == cold and not marker.exists()  # and the rebuilt cache serves the next scan


@pytest.mark.parametrize("tamper", ["header", "tables", "sealed with another user's key", "truncated"])
def test_a_tampered_catalog_cache_is_ignored(session, home, tamper):
    """The header is checked on load; each table when the scan first uses it (the drifted one is)."""
    cold = session()
    [cache] = _catalog_caches(home)
    data = bytearray(cache.read_bytes())
    header_end = 8 + int.from_bytes(data[:8], "big")
    if tamper == "header":
        data[header_end // 2] ^= 0xFF
    elif tamper == "tables":
        for at in range(header_end + 40, len(data), 64):
            data[at] ^= 0xFF
    elif tamper == "sealed with another user's key":
        (home / "cache.key").write_bytes(os.urandom(32))  # as if another user's cache was copied in
    else:
        data = data[: len(data) // 3]
    cache.write_bytes(bytes(data))
    assert session() == cold


def test_a_poisoned_code_cache_is_ignored(session, home, tmp_path):
    cold = session()
    db = sqlite3.connect(home / "cache" / "code.sqlite")
    code_object = marshal.dumps(compile(f"open({str(tmp_path / 'pwned')!r}, 'w')", "x", "exec"))
    with db:
        for table in ("files", "resolved"):
            db.execute(f"UPDATE {table} SET value = ?", (code_object,))
    db.close()
    assert session() == cold
    assert not (tmp_path / "pwned").exists()


def test_the_cache_key_lives_outside_the_cache_dir_and_only_its_user_reads_it(session, home):
    session()
    key = home / "cache.key"
    assert key.exists() and not (home / "cache" / "cache.key").exists()
    assert key.stat().st_mode & 0o077 == 0
