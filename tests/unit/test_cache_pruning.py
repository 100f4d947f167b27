"""Caches stay bounded: every edit of a catalog or a source file adds an entry, and an on-call
laptop that scans for months must not fill up with parsed catalogs nobody will load again."""
from __future__ import annotations

import os
import sqlite3

from remedy.model import Column, Table, build_schema
from remedy.sources import cache as catalog_cache
from remedy.sources.code.cache import Cache


def _schema(i: int):
    return build_schema("postgresql", [Table(f"t{i}", "public", columns=(Column("id", "integer"),))])


def test_the_catalog_cache_keeps_the_most_recently_used(tmp_path):
    for i in range(catalog_cache.KEEP):
        catalog_cache.store_cached(tmp_path / f"catalog-{i:02}.pickle", _schema(i))
        os.utime(tmp_path / f"catalog-{i:02}.pickle", (1_000_000 + i, 1_000_000 + i))
    assert catalog_cache.load_cached(tmp_path / "catalog-00.pickle") is not None  # the oldest, used again now
    catalog_cache.store_cached(tmp_path / "catalog-new.pickle", _schema(99))
    kept = sorted(p.name for p in tmp_path.glob("catalog-*.pickle"))
    assert len(kept) == catalog_cache.KEEP
    assert "catalog-00.pickle" in kept and "catalog-new.pickle" in kept and "catalog-01.pickle" not in kept


def test_the_code_cache_keeps_the_latest_parsed_files(tmp_path):
    cache = Cache(str(tmp_path))
    for i in range(10):
        cache.put("files", f"file-{i}", {"q": [i]})
    cache.close(keep_files=4)
    rows = sqlite3.connect(tmp_path / "code.sqlite").execute("SELECT key FROM files ORDER BY key").fetchall()
    assert [r[0] for r in rows] == ["file-6", "file-7", "file-8", "file-9"]
    again = Cache(str(tmp_path))
    assert again.get_many("files", ["file-9", "file-0"]) == {"file-9": {"q": [9]}}
    again.close()
