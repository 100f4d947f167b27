"""Detached partitions: a live plain table that holds the name of an expected partition the live database lacks
(DETACH PARTITION was run by hand, or by a half-run migration). Its missing_partition says it, and the plan
attaches the table again; PostgreSQL attaches only a table whose columns are its parent's (names, types and
collations, the parent's NOT NULLs) and that has the parent's checks.

So the table is compared, as any pair, with the table the partition is (``as_partition``): the parent's columns
and checks under the partition's name, as PostgreSQL gives them to a partition it makes (PARTITION OF) and leaves
them when it is detached. A serial column keeps the parent's nextval default and an identity column is a plain
NOT NULL one (PostgreSQL 15 and 18 alike): where the detached table has such a column, its numbering (kind and
default) is taken as it is, not compared. The partition's keys, foreign keys and indexes are not compared: ATTACH
makes or attaches them from the parent's (its own extra ones are, as for any partition, not compared).
"""
from __future__ import annotations

from dataclasses import replace

from remedy.diff.context import Context
from remedy.diff.objects import compared
from remedy.model import SERIAL, Column, Schema, SchemaObject, Table

_DEPTH = 8  # a partition of a partition of ...: deeper than any real tree


def detached_partitions(ctx: Context) -> set[tuple[str, str]]:
    """(live schema, name) of every expected partition the live database lacks (a live table of that name, if
    any, is the partition detached)."""
    return set(_detached(ctx))


def _detached(ctx: Context) -> dict[tuple[str, str], SchemaObject]:
    if not compared(ctx, "partition"):
        return {}
    return ctx.once("detached partitions", lambda: {
        (schema, obj.name): obj for obj in ctx.expected.objects_of("partition")
        if ("partition", schema := ctx.live_schema_name(obj.schema), obj.name) not in ctx.live.objects})


def detached_pairs(ctx: Context) -> list[tuple[Table, Table]]:
    """(the table the partition is, the live table detached) for every detached partition."""
    def build() -> list[tuple[Table, Table]]:
        found = []
        for key, obj in sorted(_detached(ctx).items()):
            live = ctx.live.table(*key)
            want = as_partition(ctx.expected, obj, live) if live is not None else None
            if want is not None:
                found.append((want, live))
        return found
    return ctx.once("detached pairs", build)


def expected_partition(expected: Schema, schema: str, name: str) -> Table | None:
    """The table the expected partition ``name`` is (None: no such partition), for a plan's finding on it."""
    found = [o for o in expected.objects_of("partition") if o.name == name]
    obj = next((o for o in found if o.schema == schema), found[0] if len(found) == 1 else None)
    return as_partition(expected, obj) if obj is not None else None


def as_partition(expected: Schema, obj: SchemaObject, live: Table | None = None, depth: int = 0) -> Table | None:
    """The partition ``obj`` as a table: its parent's columns and checks (a partition's parent may itself be a
    partition). ``live``: the detached table, whose numbered columns keep their own numbering."""
    if not obj.depends_on or depth > _DEPTH:
        return None
    schema, name, _ = obj.depends_on[0]
    parent = expected.table(schema, name)
    if parent is None:
        above = expected.objects.get(("partition", schema, name))
        parent = as_partition(expected, above, depth=depth + 1) if above is not None else None
    if parent is None:
        return None
    have = {c.name: c for c in live.columns} if live is not None else {}
    columns = tuple(_as_partition_column(c, have.get(c.name)) for c in parent.columns)
    return Table(obj.name, obj.schema, columns=columns, checks=parent.checks, evidence=obj.evidence)


def _as_partition_column(col: Column, live: Column | None) -> Column:
    """A parent's column as a partition of it has it once detached: a serial keeps its nextval default, an
    identity is plain NOT NULL; the live column's own numbering where it has one (not compared)."""
    if col.kind != SERIAL and not col.kind.startswith("identity") and not col.identity:
        return col
    if live is not None:
        return replace(col, kind=live.kind, kind_options=live.kind_options, identity=live.identity,
                       default=live.default, raw_default=live.raw_default, nullable=False)
    nextval = col.raw_default if col.kind == SERIAL else None
    return replace(col, kind="", kind_options="", identity=False, default=nextval, raw_default=nextval,
                   nullable=False)
