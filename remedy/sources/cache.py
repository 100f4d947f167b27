"""The parsed-catalog cache: a schema pickled table by table, with each table's signature.

Loading it builds no table: ``CachedTables`` unpickles one on first use. The diff compares an
expected table with the live one by signature first (remedy.diff.signature), so an unchanged
catalog rescanned against a database that matches it builds none of its tables; a drifted one
builds only the tables that differ. Anything that walks every table (a report, the plan) gets
them all, one at a time, as it asks.
"""
from __future__ import annotations

import os
import pickle
from dataclasses import replace
from pathlib import Path
from typing import Iterator, Mapping

from remedy.diff.signature import signature
from remedy.gcpause import gc_paused
from remedy.model import Schema, Table


class CachedTables(Mapping):
    """(namespace, name) -> Table, each unpickled on first use; ``signature(key)`` without unpickling."""

    def __init__(self, keys: list, blobs: list[bytes], signatures: list[bytes | None]):
        self._index = {key: i for i, key in enumerate(keys)}
        self._blobs = blobs
        self._signatures = signatures
        self._tables: dict = {}

    def __getitem__(self, key) -> Table:
        table = self._tables.get(key)
        if table is None:
            blob = self._blobs[self._index[key]]  # KeyError for an unknown key, as a dict would
            with gc_paused():  # a table is a few hundred acyclic objects
                table = self._tables[key] = pickle.loads(blob)
        return table

    def __iter__(self) -> Iterator:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, key) -> bool:
        return key in self._index

    def signature(self, key) -> bytes | None:
        return self._signatures[self._index[key]]

    def __reduce__(self):
        return dict, (list(self.items()),)  # pickled elsewhere (e.g. to a worker) as a plain dict


def load_cached(path: Path) -> Schema | None:
    """The cached schema at ``path``, or None when there is none or it cannot be read."""
    try:
        with open(path, "rb") as fh:
            shell, keys, blobs, signatures = pickle.loads(fh.read())
    except Exception:
        return None
    if not isinstance(shell, Schema):
        return None
    _touch(path)
    return replace(shell, tables=CachedTables(keys, blobs, signatures))


def store_cached(path: Path, schema: Schema) -> None:
    keys = list(schema.tables)
    tables = [schema.tables[key] for key in keys]
    blobs = [pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL) for table in tables]
    signatures = [signature(table, schema.dialect) for table in tables]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump((replace(schema, tables={}), keys, blobs, signatures), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        prune(path.parent, path.name.split("-", 1)[0] + "-*.pickle")
    except OSError:
        pass  # a cache that cannot be written only costs time


KEEP = 16  # parsed catalogs kept: every edit of a catalog makes a new one


def prune(directory: Path, pattern: str, keep: int = KEEP) -> None:
    """Delete all but the ``keep`` most recently used cache files matching ``pattern``."""
    found = []
    for entry in directory.glob(pattern):
        try:
            found.append((entry.stat().st_mtime, entry))
        except OSError:
            continue
    for _, entry in sorted(found, reverse=True)[keep:]:
        try:
            entry.unlink()
        except OSError:
            pass


def _touch(path: Path) -> None:
    """Mark a cache file as used now, so pruning keeps it."""
    try:
        os.utime(path)
    except OSError:
        pass
