"""Per-file results cached by content hash, so rescanning an unchanged tree is near-instant.

One SQLite file under ``$REMEDY_HOME/cache/`` (or ``./.remedy-cache/``); a key is the hash of
the file's bytes, its language, the dialect and the extractor version. A cache that cannot be
opened or written is silently skipped: caching never breaks a scan.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3

VERSION = "code-2"


def cache_dir(explicit: str | None = None) -> str:
    if explicit:
        return explicit
    home = os.environ.get("REMEDY_HOME")
    return os.path.join(home, "cache") if home else ".remedy-cache"


def file_key(data: bytes, language: str, dialect: str) -> str:
    digest = hashlib.sha256(data)
    digest.update(f"\0{language}\0{dialect}\0{VERSION}".encode())
    return digest.hexdigest()


class Cache:
    def __init__(self, directory: str | None):
        self._db = None
        self._pending: list[tuple[str, str]] = []
        if directory is None:
            return
        try:
            os.makedirs(directory, exist_ok=True)
            self._db = sqlite3.connect(os.path.join(directory, "code.sqlite"), timeout=5)
            self._db.execute("CREATE TABLE IF NOT EXISTS files (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        except (OSError, sqlite3.Error):
            self._db = None

    def get_many(self, keys: list[str]) -> dict[str, dict]:
        if self._db is None or not keys:
            return {}
        found: dict[str, dict] = {}
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                marks = ",".join("?" * len(chunk))
                for key, value in self._db.execute(f"SELECT key, value FROM files WHERE key IN ({marks})", chunk):
                    found[key] = json.loads(value)
        except (sqlite3.Error, ValueError):
            return found
        return found

    def put(self, key: str, value: dict) -> None:
        if self._db is not None:
            self._pending.append((key, json.dumps(value, separators=(",", ":"))))

    def close(self) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO files (key, value) VALUES (?, ?)", self._pending)
        except sqlite3.Error:
            pass
        self._db.close()
        self._db = None
