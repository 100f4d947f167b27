"""Per-file results cached by content hash, so rescanning an unchanged tree is near-instant.

One SQLite file in the per-user cache dir (``remedy.paths.cache_dir()``) with two tables:
``files`` holds each file's parsed queries (key: hash of its bytes, language, dialect and the
extractor version), ``resolved`` the same resolved against one set of known tables (key: the
file key plus a fingerprint of the live and catalog tables; only the latest fingerprint is
kept). Values are ``marshal`` blobs sealed with this user's key (``remedy.sealing``: a row the key did
not seal is never unmarshalled; the Python version is part of every key). A cache that
cannot be opened or written is silently skipped: caching never breaks a scan.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sqlite3
import sys

from remedy import paths
from remedy.sealing import seal, unseal

VERSION = f"code-21-py{sys.version_info[0]}.{sys.version_info[1]}"  # 21: gorm TableName() constants, schema prefixes
TABLES = ("files", "resolved")


def cache_dir(explicit: str | None = None) -> str:
    if explicit:
        return explicit
    return str(paths.cache_dir())


def file_key(data: bytes, language: str, dialect: str) -> str:
    digest = hashlib.sha256(data)
    digest.update(f"\0{language}\0{dialect}\0{VERSION}".encode())
    return digest.hexdigest()


class Cache:
    def __init__(self, directory: str | None):
        self._db = None
        self._pending: dict[str, list[tuple[str, bytes]]] = {t: [] for t in TABLES}
        self.fingerprint = ""
        if directory is None:
            return
        try:
            os.makedirs(directory, exist_ok=True)
            self._db = sqlite3.connect(os.path.join(directory, "code.sqlite"), timeout=5)
            for table in TABLES:
                self._db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        except (OSError, sqlite3.Error):
            self._db = None

    def get_many(self, table: str, keys: list[str]) -> dict[str, object]:
        if self._db is None or not keys:
            return {}
        found: dict[str, object] = {}
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                marks = ",".join("?" * len(chunk))
                for key, value in self._db.execute(f"SELECT key, value FROM {table} WHERE key IN ({marks})", chunk):
                    blob = unseal(value)
                    if blob is not None:  # a row this user's key did not seal is never unmarshalled
                        found[key] = marshal.loads(blob)
        except (sqlite3.Error, ValueError, EOFError, TypeError):
            return found
        return found

    def put(self, table: str, key: str, value: object) -> None:
        sealed = seal(marshal.dumps(value)) if self._db is not None else None
        if sealed is not None:
            self._pending[table].append((key, sealed))

    def close(self, keep_resolved: str = "", keep_files: int = 0) -> None:
        """Write what was put; ``keep_resolved`` drops resolved entries of other fingerprints;
        ``keep_files`` caps the parsed files kept (the ones written longest ago go first: every
        edit of a file adds an entry, and nothing else would ever remove the old ones)."""
        if self._db is None:
            return
        try:
            with self._db:
                if keep_resolved and self._pending["resolved"]:
                    self._db.execute("DELETE FROM resolved WHERE key NOT LIKE ?", (f"%:{keep_resolved}",))
                for table, rows in self._pending.items():
                    self._db.executemany(f"INSERT OR REPLACE INTO {table} (key, value) VALUES (?, ?)", rows)
                if keep_files and self._pending["files"]:
                    self._db.execute("DELETE FROM files WHERE rowid <= (SELECT max(rowid) FROM files) - ?",
                                     (keep_files,))
        except sqlite3.Error:
            pass
        self._db.close()
        self._db = None
