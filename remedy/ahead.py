"""What the diff and the fingerprint need of a side's tables, made while the server still reads the rest of it.

A read has its tables complete long before it ends: on PostgreSQL a third of it is the server working through the
dependent objects, grants and owners, while the client waits. Each table's signature (remedy.diff.signature)
and its part of the fingerprint's text (remedy.fingerprint) are made meanwhile, in a thread of their own
(:meth:`Ahead.start`), and kept beside the tables in the mapping the Schema holds. Either is used only for the
very table object it was made from: a table replaced since (a scope, a mapping, a rebase) is done again when
asked, so what is kept can be stale but never wrong. The scan's serial tail (the diff, then the fingerprint)
used to spend most of its time on exactly these.
"""
from __future__ import annotations

import threading
from typing import Mapping

from remedy.model import Table


class Ahead(dict):
    """Tables keyed by (namespace, name), with what was made of them ahead, by the table's identity."""

    def __init__(self, tables: Mapping[tuple[str, str], Table], dialect: str):
        super().__init__(tables)
        self.dialect = dialect
        self._made: dict[int, tuple[Table, bytes | None, str | None]] = {}
        self._thread: threading.Thread | None = None

    def start(self, texts: bool = True) -> "Ahead":
        """Make every table's signature (and its fingerprint text, for a side that will be fingerprinted: the live
        one) in a thread; :meth:`done` waits for it."""
        self._thread = threading.Thread(target=self._make, args=(texts,), name="remedy-ahead", daemon=True)
        self._thread.start()
        return self

    def done(self) -> "Ahead":
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        return self

    def _make(self, texts: bool) -> None:
        from remedy.diff.signature import signature
        from remedy.fingerprint import table_text

        made = self._made
        for table in list(self.values()):
            made[id(table)] = (table, signature(table, self.dialect), table_text(table) if texts else None)

    def made(self, table: Table) -> tuple[Table, bytes | None, str | None] | None:
        found = self._made.get(id(table)) if self._thread is None else None
        return found if found is not None and found[0] is table else None

    def __reduce__(self):  # pickled (a catalog's cache) as the plain tables: what was made is for this run
        return dict, (dict(self),)


def signature_of(tables: Mapping, table: Table, dialect: str) -> bytes | None:
    """``table``'s signature, made ahead where ``tables`` kept it."""
    found = tables.made(table) if isinstance(tables, Ahead) and tables.dialect == dialect else None
    if found is not None:
        return found[1]
    from remedy.diff.signature import signature

    return signature(table, dialect)


def table_text_of(tables: Mapping, table: Table) -> str:
    """``table``'s part of the fingerprint's text, made ahead where ``tables`` kept it."""
    found = tables.made(table) if isinstance(tables, Ahead) else None
    if found is not None and found[2] is not None:
        return found[2]
    from remedy.fingerprint import table_text

    return table_text(table)
