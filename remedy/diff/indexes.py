"""missing_index: an index is present when one with the same columns, method and predicate exists."""
from __future__ import annotations

import re

from remedy import dialects
from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.findings import Finding
from remedy.model import Index, Table
from remedy.normalize import normalize_check, stores_descending_keys


_PREFIX = re.compile(r"^(\w+)\s*\(\d+\)$")


@comparator
def indexes(ctx: Context):
    if ctx.partial:
        return
    for table, live in ctx.pairs():
        for index in table.indexes:
            if not _covered(ctx, index, live):
                yield Finding(
                    kind="missing_index", schema=live.schema, table=live.name, object=index.name,
                    expected=_index_json(index), actual=None,
                    message=f"{live.name} lacks {'unique ' if index.unique else ''}index {index.name}"
                            f" on ({', '.join(index.columns)})",
                    severity="warning" if index.unique else "info", evidence=table.evidence,
                )


def _index_json(index: Index) -> dict:
    return {"columns": list(index.columns), "unique": index.unique, "where": index.where, "method": index.method}


def _predicate(ctx: Context, where: str | None, dialect: str) -> str | None:
    return normalize_check(where, dialect) if where else None


def _cols(ctx: Context, cols: tuple[str, ...]) -> tuple[str, ...]:
    """Comparable index columns: quotes dropped, MySQL prefix lengths (title(20)) ignored, and DESC
    where the server cannot keep it (MariaDB before 10.8, MySQL before 8.0 build the key ascending)."""
    out = tuple(ctx.key(_PREFIX.sub(r"\1", c.replace('"', "").replace("`", "").strip())) for c in cols)
    if not stores_descending_keys(ctx.live.dialect, ctx.live.server_version):
        out = tuple(c.removesuffix(" desc") for c in out)
    return out


def _same_method(ctx: Context, want: str, have: str) -> bool:
    """PostgreSQL: the access method. MariaDB/MySQL: FULLTEXT and SPATIAL are kinds of their own; the
    engine may store a HASH index as BTREE, so those two are one. SQLite has one kind."""
    return dialects.get(ctx.live.dialect).same_index_method(want, have)


def _covered(ctx: Context, index: Index, live: Table) -> bool:
    want = _cols(ctx, index.columns)
    method = (index.method or "btree").lower()
    for other in live.indexes:
        if _cols(ctx, other.columns) != want or (index.unique and not other.unique):
            continue
        if not _same_method(ctx, method, (other.method or "btree").lower()):
            continue
        if _predicate(ctx, index.where, ctx.expected.dialect) == _predicate(ctx, other.where, ctx.live.dialect):
            return True
    if index.where or method != "btree":
        return False
    backing = [u.columns for u in live.uniques] + ([live.primary_key.columns] if live.primary_key else [])
    if dialects.get(ctx.live.dialect).foreign_keys_keep_an_index and not index.unique:  # InnoDB keeps an index on every foreign key's
        backing += [fk.columns for fk in live.foreign_keys]  # columns (the live reader folds it into the key)
    return any(_cols(ctx, cols) == want for cols in backing)
