"""The parsed-catalog cache: a schema pickled table by table, with each table's signature, sealed with
this user's key (``remedy.sealing``): a file the key did not seal is never unpickled, only rebuilt.

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
from typing import Callable, Iterator, Mapping

from remedy.diff.signature import signature
from remedy.errors import RemedyError
from remedy.gcpause import gc_paused
from remedy.model import Schema, Table
from remedy.sealing import seal, unseal


Rebuild = Callable[[], Schema]


class CachedTables(Mapping):
    """(namespace, name) -> Table, each checked and unpickled on first use; ``signature(key)`` without either.

    ``blobs`` is the file's table region; ``spans[i]`` the (start, end) of table i's sealed pickle in it.
    """

    def __init__(self, keys: list, blobs: memoryview, spans: list[tuple[int, int]], signatures: list[bytes | None],
                 rebuild: Rebuild | None = None):
        self._index = {key: i for i, key in enumerate(keys)}
        self._blobs = memoryview(blobs)
        self._spans = spans
        self._signatures = signatures
        self._tables: dict = {}
        self._rebuild = rebuild

    def __getitem__(self, key) -> Table:
        table = self._tables.get(key)
        if table is None:
            start, end = self._spans[self._index[key]]  # KeyError for an unknown key, as a dict would
            blob = unseal(self._blobs[start:end])
            table = self._tables[key] = _unpickle(blob) if blob is not None else self._rebuilt()[key]
        return table

    def _rebuilt(self) -> Mapping:
        """A table was not sealed by this user's key: every table comes from the source again."""
        if self._rebuild is None:
            raise RemedyError("a cached table is not sealed by this user's key", "delete the remedy cache dir")
        self._tables = dict(self._rebuild().tables)
        return self._tables

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


def _unpickle(blob: memoryview) -> Table:
    with gc_paused():  # a table is a few hundred acyclic objects
        return pickle.loads(blob)


_LENGTH = 8  # bytes of the header's length, in front of the file


def load_cached(path: Path, rebuild: Rebuild | None = None) -> Schema | None:
    """The cached schema at ``path``, or None when there is none, it cannot be read, or this user's key did
    not seal its header (``remedy.sealing``). Each table is sealed too and checked when it is first used,
    so a warm scan that uses no table checks only the small header: nothing remedy did not write is
    unpickled. A table that fails its check is never unpickled: ``rebuild()`` gives them all instead."""
    try:
        data = path.read_bytes()
        size = int.from_bytes(data[:_LENGTH], "big")
        header = unseal(memoryview(data)[_LENGTH:_LENGTH + size])
        if header is None:
            return None
        shell, keys, spans, signatures = pickle.loads(header)
    except Exception:
        return None
    if not isinstance(shell, Schema):
        return None
    _touch(path)
    return replace(shell, tables=CachedTables(keys, memoryview(data)[_LENGTH + size:], spans, signatures, rebuild))


def store_cached(path: Path, schema: Schema) -> None:
    keys = list(schema.tables)
    tables = [schema.tables[key] for key in keys]
    blobs = [seal(pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL)) for table in tables]
    if any(blob is None for blob in blobs):
        return  # no key to seal with: not cached
    spans, offset = [], 0
    for blob in blobs:
        spans.append((offset, offset + len(blob)))
        offset += len(blob)
    signatures = [signature(table, schema.dialect) for table in tables]
    header = seal(pickle.dumps((replace(schema, tables={}), keys, spans, signatures), protocol=pickle.HIGHEST_PROTOCOL))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            fh.write(len(header).to_bytes(_LENGTH, "big") + header)
            fh.writelines(blobs)
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
