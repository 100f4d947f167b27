"""missing_index, extra_index and index_mismatch.

With the server's definitions on both sides (remedy.diff.constraints.exact_sides), an index is present
when the live table has one with the same definition (method, keys with their collation, operator
class and order, INCLUDE, NULLS NOT DISTINCT, WITH (...), predicate); otherwise when one with the same
columns, method and predicate exists. An expected name found with another definition is a mismatch."""
from __future__ import annotations

import re
from dataclasses import replace

from remedy import dialects
from remedy.diff import comparator
from remedy.diff.constraints import (definition_of, exact_sides, name_holders, names_compared, names_cross, pair_up,
                                     same_named, unique_pairing)
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
        changed, missing, free = index_pairing(ctx, table, live)
        _, missing_uniques, free_uniques = unique_pairing(ctx, table, live) if names_cross(ctx, table, live) \
            else ((), (), ())
        holders = name_holders(ctx, missing, free_uniques)
        taken = name_holders(ctx, missing_uniques, free)
        for want, have in changed:
            yield _index_finding("index_mismatch", live, have.name, _index_json(want), _index_json(have),
                                 f"{live.name}: index {have.name} is {_shown(have)} but {_shown(want)} is expected",
                                 "warning", table)
        for index in missing:
            holder = holders.get(ctx.key(index.name))
            yield _index_finding(
                "missing_index", live, index.name, _index_json(index),
                {"name_held_by": "unique", "definition": definition_of(holder)} if holder else None,
                f"{live.name} lacks {'unique ' if index.unique else ''}index {index.name}"
                f" on ({', '.join(index.columns)})" + (
                    f"; the unique key {holder.name} holds the name and is replaced" if holder else ""),
                "warning" if index.unique or holder else "info", table)
        for have in free:
            if ctx.key(have.name) in taken:
                continue  # the expected unique key of its name replaces it (missing_unique says so)
            yield _index_finding("extra_index", live, have.name, None, _index_json(have),
                                 f"{live.name} has {'unique ' if have.unique else ''}index {have.name}"
                                 f" {_shown(have)} that is not expected", "info")


def index_pairing(ctx: Context, table: Table, live: Table):
    """(changed, missing, free) indexes of a table pair: the missing and free ones that are findings."""
    same = lambda index, other: same_index(ctx, index, other, live)
    _, changed, missing, free = pair_up(ctx, table.indexes, live.indexes, same)
    staying = _with_staying_foreign_keys(ctx, table, live)
    missing = [index for index in missing
               if exact_sides(ctx) or not _covered(ctx, index, same_named(ctx, staying, index.name))]
    free = [have for have in free if not _backs_expected_foreign_key(ctx, have, table)
            and (exact_sides(ctx) or not _serves_expected(ctx, have, same_named(ctx, table, have.name)))]
    return changed, missing, free


def _with_staying_foreign_keys(ctx: Context, table: Table, live: Table) -> Table:
    """The live table with only the foreign keys the expected table has too: InnoDB's index for a key that goes
    goes with it, so it stands in for no expected index."""
    same = lambda fk, want: _cols(ctx, fk.columns) == _cols(ctx, want.columns) and \
        ctx.key(fk.name or "") == ctx.key(want.name or fk.name or "")  # noqa: E731
    return replace(live, foreign_keys=tuple(fk for fk in live.foreign_keys
                                            if any(same(fk, want) for want in table.foreign_keys)))


def _index_finding(kind, live: Table, name: str, expected, actual, message: str, severity: str,
                   table: Table | None = None) -> Finding:
    return Finding(kind=kind, schema=live.schema, table=live.name, object=name, expected=expected, actual=actual,
                   message=message, severity=severity, evidence=table.evidence if table is not None else ())


def _shown(index: Index) -> str:
    return ("UNIQUE " if index.unique else "") + (index.definition or f"({', '.join(index.columns)})")


def same_index(ctx: Context, index: Index, other: Index, live: Table | None = None) -> bool:
    if index.definition and other.definition:
        return index.unique == other.unique and index.definition == other.definition
    return _covers(ctx, index, other, live)


def _backs_expected_foreign_key(ctx: Context, have: Index, table: Table) -> bool:
    """InnoDB creates an index for every foreign key that has none: the expected key brings it along."""
    if not dialects.get(ctx.live.dialect).foreign_keys_keep_an_index or have.unique or have.where:
        return False
    mine = _cols(ctx, have.columns)
    return any(_cols(ctx, fk.columns) == mine for fk in table.foreign_keys)


def _serves_expected(ctx: Context, have: Index, table: Table) -> bool:
    """A live index that stands in for an expected key or index of the same columns (parsed catalogs)."""
    one = Table(table.name, indexes=(have,))
    if any(_covered(ctx, want, one) for want in table.indexes):
        return True
    keys = [u.columns for u in table.uniques] + ([table.primary_key.columns] if table.primary_key else [])
    mine = frozenset(_cols(ctx, have.columns))
    return have.unique and not have.where and any(frozenset(_cols(ctx, k)) == mine for k in keys)


def _index_json(index: Index) -> dict:
    data = {"columns": list(index.columns), "unique": index.unique, "where": index.where, "method": index.method}
    if index.definition:
        data["definition"] = index.definition
    return data


def _predicate(ctx: Context, where: str | None, dialect: str) -> str | None:
    return normalize_check(where, dialect) if where else None


def _cols(ctx: Context, cols: tuple[str, ...]) -> tuple[str, ...]:
    """Comparable index columns: quotes dropped, MySQL prefix lengths (title(20)) ignored but between two
    MariaDB/MySQL sides (where title(10) is not title(20)), and DESC
    where the server cannot keep it (MariaDB before 10.8, MySQL before 8.0 build the key ascending)."""
    keep_prefix = ctx.expected.dialect == ctx.live.dialect and dialects.get(ctx.live.dialect).index_prefix_keys
    bare = lambda c: c.replace('"', "").replace("`", "").strip()
    out = tuple(ctx.key(bare(c) if keep_prefix else _PREFIX.sub(r"\1", bare(c))) for c in cols)
    if not stores_descending_keys(ctx.live.dialect, ctx.live.server_version):
        out = tuple(c.removesuffix(" desc") for c in out)
    return out


def _same_method(ctx: Context, want: str, have: str) -> bool:
    """PostgreSQL: the access method. MariaDB/MySQL: FULLTEXT and SPATIAL are kinds of their own; the
    engine may store a HASH index as BTREE, so those two are one. SQLite has one kind."""
    return dialects.get(ctx.live.dialect).same_index_method(want, have)


def _covers(ctx: Context, index: Index, other: Index, live: Table | None = None) -> bool:
    if _cols(ctx, _server_prefixed(other, index, live)) != _cols(ctx, index.columns) \
            or (index.unique and not other.unique):
        return False
    if names_compared(ctx) and index.unique != other.unique:
        return False  # MariaDB: a unique index of that name is not the plain one expected
    if not _same_method(ctx, (index.method or "btree").lower(), (other.method or "btree").lower()):
        return False
    return _predicate(ctx, index.where, ctx.expected.dialect) == _predicate(ctx, other.where, ctx.live.dialect)


_WHOLE_UNINDEXABLE = re.compile(r"(?i)^(tiny|medium|long)?(text|blob)\b")


def _server_prefixed(have: Index, want: Index, live: Table | None) -> tuple[str, ...]:
    """The live key texts, without the prefix length the server chose for a TEXT/BLOB column that the expected
    key names with none (MariaDB indexes such a column only by a prefix: the expected side leaves it to it)."""
    if live is None or len(have.keys) != len(want.keys):
        return have.columns
    def text(mine, wanted):
        column = live.column(mine.column) if mine.column and mine.prefix and not wanted.prefix else None
        unindexable = column is not None and _WHOLE_UNINDEXABLE.match(column.raw_type or column.type)
        return replace(mine, prefix=0).text if unindexable else mine.text
    return tuple(text(mine, wanted) for mine, wanted in zip(have.keys, want.keys))


def _covered(ctx: Context, index: Index, live: Table) -> bool:
    want = _cols(ctx, index.columns)
    method = (index.method or "btree").lower()
    if any(_covers(ctx, index, other, live) for other in live.indexes):
        return True
    if index.where or method != "btree":
        return False
    backing = [u.columns for u in live.uniques] + ([live.primary_key.columns] if live.primary_key else [])
    if names_compared(ctx) and not index.unique:
        backing = []  # (where names are compared, a unique key of the name is not the plain index expected)
    if dialects.get(ctx.live.dialect).foreign_keys_keep_an_index and not index.unique:  # InnoDB keeps an index on every foreign key's
        backing += [fk.columns for fk in live.foreign_keys]  # columns (the live reader folds it into the key)
    return any(_cols(ctx, cols) == want for cols in backing)
