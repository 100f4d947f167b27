"""name_mismatch: a key, check, exclusion constraint, index or (PostgreSQL 18) NOT NULL constraint that is there,
with the expected definition, under another name.

A migration names what it drops or alters (``ALTER TABLE t DROP CONSTRAINT orders_user_fkey``): under another
name it fails, so a name that differs is drift, and it is renamed in place (remedy.plan: RenameConstraint), never
dropped and made again. Compared where the dialect keeps names and renames in place (remedy.dialects:
``renames_constraints``) and both sides carry the server's own definitions (a live database, another database, a
catalog the server loaded), and only the names the expected side gives: every name of a database, and of a
catalog the names its DDL states (``CONSTRAINT name``, ``CREATE INDEX name``; ``Table.stated_names``). An unnamed
key, check or index in a catalog leaves its name to the server, and any name satisfies it. A catalog compared as
written (the server could not load it) or a SQLAlchemy model: names are not compared (the scan's note says so).

Items are paired as the other comparators pair them (remedy.diff.constraints.pair_up: one of the expected name
first, else one of the same definition); a pair under two names is this finding. NOT NULL names are read from
PostgreSQL 18 on (pg_constraint contype 'n'); a server before 18 has none, and they are compared only where both
sides have them.
"""
from __future__ import annotations

from remedy import dialects
from remedy.diff import comparator
from remedy.diff.columns import compared_pairs
from remedy.diff.constraints import same_check, same_fk, same_unique, exact_sides, pair_up
from remedy.diff.context import Context
from remedy.diff.indexes import same_index
from remedy.findings import Finding
from remedy.model import CheckConstraint, Schema, Table

NOT_NULL = "not null"


def names_compared_here(ctx: Context) -> bool:
    """Both sides of one dialect that keeps names and renames in place, both read by the server."""
    return ctx.expected.dialect == ctx.live.dialect and dialects.get(ctx.live.dialect).renames_constraints \
        and exact_sides(ctx)


def name_notes(expected: Schema, live: Schema) -> tuple[str, ...]:
    """What of names the scan did not compare, and why."""
    rules = dialects.get(live.dialect)
    if not rules.renames_constraints or expected.partial or not expected.table_count:
        return ()
    if not (expected.server_read and live.server_read and expected.dialect == live.dialect):
        return ("the names of keys, checks and indexes are not compared: the expected side was not read by a "
                f"{live.dialect} server, so the names it leaves to the server are not known",)
    if rules.names_not_null(live.server_version) and not rules.names_not_null(expected.server_version):
        return (f"the names of NOT NULL constraints are not compared: the expected side's server "
                f"({expected.server_version}) has none",)
    return ()


@comparator
def names(ctx: Context):
    if ctx.partial or not names_compared_here(ctx):
        return
    for table, live in ctx.pairs():
        yield from _key_names(ctx, table, live)
    for table, live in compared_pairs(ctx):
        yield from _not_null_names(ctx, table, live)


def _key_names(ctx: Context, table: Table, live: Table):
    want, have = table.primary_key, live.primary_key
    if want is not None and have is not None and want.definition and want.definition == have.definition:
        yield from _differ(ctx, table, live, "primary key", want, have)
    kinds = (("foreign key", table.foreign_keys, live.foreign_keys, lambda a, b: same_fk(ctx, a, b)),
             ("unique", table.uniques, live.uniques, lambda a, b: same_unique(ctx, a, b)),
             ("check", table.checks, live.checks, lambda a, b: same_check(ctx, a, b)),
             ("exclusion", table.exclusions, live.exclusions, lambda a, b: a.definition == b.definition),
             ("index", table.indexes, live.indexes, lambda a, b: same_index(ctx, a, b, live)))
    for what, wanted, present, same in kinds:
        if not wanted or not present:
            continue
        matched, _, _, _ = pair_up(ctx, wanted, present, same)
        for item, found in matched:
            yield from _differ(ctx, table, live, what, item, found)


_SAID = {"unique": "unique key", "check": "check constraint", "exclusion": "exclusion constraint"}


def _stated(table: Table, name: str | None) -> bool:
    """Whether the expected side gives this name (a catalog's unnamed key or index is named by the server)."""
    return bool(name) and (table.stated_names is None or name in table.stated_names)


def _differ(ctx: Context, table: Table, live: Table, what: str, want, have):
    if isinstance(have, CheckConstraint) and have.inherited:
        return  # a child's copy of its parent's check: renamed with the parent's (PostgreSQL refuses it alone)
    if not _stated(table, want.name):
        return  # the catalog leaves the name to the server: any name satisfies it
    if want.name and have.name and ctx.key(want.name) != ctx.key(have.name):
        definition = have.definition or ""
        yield Finding(kind="name_mismatch", schema=live.schema, table=live.name, object=have.name,
                      expected={"kind": what, "name": want.name, "definition": definition},
                      actual={"kind": what, "name": have.name, "definition": definition},
                      message=f"{live.name}: {_SAID.get(what, what)} {have.name} is named {want.name} in the "
                              "expected schema"
                              + (f" ({definition})" if definition else ""),
                      severity="warning", evidence=table.evidence)


def _not_null_names(ctx: Context, table: Table, live: Table):
    for col, actual in ctx.column_match(table, live).pairs:
        if _stated(table, col.not_null_name) and actual.not_null_name and not col.nullable and not actual.nullable \
                and not actual.not_null_inherited \
                and ctx.key(col.not_null_name) != ctx.key(actual.not_null_name):
            yield Finding(kind="name_mismatch", schema=live.schema, table=live.name, column=actual.name,
                          object=actual.not_null_name,
                          expected={"kind": NOT_NULL, "name": col.not_null_name, "definition": f"NOT NULL {col.name}"},
                          actual={"kind": NOT_NULL, "name": actual.not_null_name,
                                  "definition": f"NOT NULL {actual.name}"},
                          message=f"{live.name}.{actual.name}: NOT NULL constraint {actual.not_null_name} is named "
                                  f"{col.not_null_name} in the expected schema",
                          severity="warning", evidence=col.evidence)
