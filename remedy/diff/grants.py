"""Privileges (``--with-privileges``): missing_grant, extra_grant and grant_mismatch (the grant option), one per
object, grantee and privilege, on tables, views, sequences, columns, functions, procedures and schemas.

Compared only when asked: without the flag the scan takes "grant" out of the expected side's objects_read, and
the grants present are listed as not compared. The owner of an object holds every privilege on it implicitly, so
the owner's own rows are left out on both sides, and a grant to the live owner is never missing. Only the roles the
expected side names (and PUBLIC) are compared: a live grant to a role it never mentions (a DBA's monitoring role)
is not an extra, and ``grant_notes`` says so. A grant to a role the live server does not have can be neither
compared nor planned: it is noted, never reported as missing.
"""
from __future__ import annotations

from typing import Iterator

from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.diff.objects import compared, object_finding
from remedy.findings import Finding
from remedy.model import Schema, SchemaObject

PUBLIC = "PUBLIC"
# A grant the catalog's DDL could not run on the server because its role does not exist there
# (remedy.sources.scratch): kept as an object of this kind, with its statement and file:line.
UNRESOLVED = "unresolved_grant"


def target(obj: SchemaObject) -> tuple[str, str]:
    """(schema, what the grant is on): a relation, ``f(args)``, or "" for the schema itself."""
    return obj.schema, obj.table


def shown_target(obj: SchemaObject) -> str:
    on = obj.property("on")
    if on == "SCHEMA":
        return f"schema {obj.schema}"
    what = f"{obj.schema}.{obj.table}"
    return f"{what} ({obj.property('column')})" if on == "COLUMN" else what


def held(schema: Schema) -> dict[tuple[str, str], SchemaObject]:
    """The grants of a side that are not its owners' own, by (schema, name)."""
    return {(o.schema, o.name): o for o in schema.objects_of("grant") if o.property("grantee") != o.property("owner")}


def owners(schema: Schema) -> dict[tuple[str, str], str]:
    return {target(o): o.property("owner") for o in schema.objects_of("grant")}


def named_roles(expected: Schema) -> frozenset[str]:
    """The roles the expected side names: its grantees, and the roles and grantees of its default privileges."""
    defaults = expected.objects_of("default_privilege")
    return frozenset(o.property("grantee") for o in held(expected).values()) | {PUBLIC} \
        | {o.property("grantee") for o in defaults} | {o.property("role") for o in defaults}


def live_roles(live: Schema) -> frozenset[str]:
    return frozenset(o.name for o in live.objects_of("role")) | {PUBLIC}


@comparator
def grants(ctx: Context) -> Iterator[Finding]:
    if not compared(ctx, "grant"):
        return
    have, roles, live_owner = held(ctx.live), live_roles(ctx.live), owners(ctx.live)
    wanted = set()
    for obj in held(ctx.expected).values():
        schema = ctx.live_schema_name(obj.schema)
        if not (ctx.in_scope(obj.schema) or schema in ctx.live.schemas) or obj.property("grantee") not in roles:
            continue
        wanted.add((schema, obj.name))
        if live_owner.get((schema, obj.table)) == obj.property("grantee"):
            continue  # the live owner holds it implicitly
        found = have.get((schema, obj.name))
        if found is None:
            yield object_finding("missing_grant", schema, obj, None, "critical",
                                 f"role {obj.property('grantee')} lacks {_privilege(obj)} on {shown_target(_at(obj, schema))}")
        elif found.definition != obj.definition:
            yield object_finding("grant_mismatch", schema, obj, found, "warning",
                                 f"role {obj.property('grantee')} holds {_privilege(obj)} on {shown_target(found)} "
                                 f"{'without' if 'GRANT OPTION' in obj.definition else 'with'} the grant option")
    if not ctx.partial:
        yield from _extras(ctx, have, wanted)


def _extras(ctx: Context, have: dict, wanted: set) -> Iterator[Finding]:
    named, expected_owner = named_roles(ctx.expected), owners(ctx.expected)
    targets = {(ctx.live_schema_name(s), t): owner for (s, t), owner in expected_owner.items()}
    mapped = set(ctx.schema_map.values()) | {o.schema for o in ctx.expected.objects.values()}
    for key, obj in have.items():
        if key in wanted or obj.schema not in mapped or obj.property("grantee") not in named:
            continue
        if target(obj) not in targets or targets[target(obj)] == obj.property("grantee"):
            continue  # on an object the expected side lacks (that finding covers it), or its owner's
        yield object_finding("extra_grant", obj.schema, None, obj, "warning",
                             f"role {obj.property('grantee')} holds {_privilege(obj)} on {shown_target(obj)}, "
                             f"which is not expected")


def _privilege(obj: SchemaObject) -> str:
    return obj.property("privilege")


def _at(obj: SchemaObject, schema: str) -> SchemaObject:
    from dataclasses import replace

    return obj if obj.schema == schema else replace(obj, schema=schema)


def to_missing_roles(expected: Schema, live: Schema) -> list[SchemaObject]:
    """The expected grants (and the catalog's statements that could not run) to roles the live server lacks."""
    roles = live_roles(live)
    return [o for o in held(expected).values() if o.property("grantee") not in roles] + expected.objects_of(UNRESOLVED)


def to_unnamed_roles(expected: Schema, live: Schema) -> list[SchemaObject]:
    """The live grants to roles the expected side never names."""
    named = named_roles(expected)
    return [o for o in held(live).values() if o.property("grantee") not in named]


def grant_notes(expected: Schema, live: Schema) -> tuple[str, ...]:
    """What the grant comparison left out, naming the roles (not_compared counts them). Only when grants were
    compared."""
    if "grant" not in expected.objects_read or "grant" not in live.objects_read:
        return ()
    out = []
    absent = sorted({o.property("grantee") for o in to_missing_roles(expected, live)})
    if absent:
        out.append(f"grants to role(s) {', '.join(absent)} not compared: the role does not exist on the live server "
                   f"(roles are server-wide; create it, then scan again)")
    skipped = sorted({o.property("grantee") for o in to_unnamed_roles(expected, live)})
    if skipped:
        out.append(f"live grants to role(s) {', '.join(skipped)}, which the expected schema never names, not compared")
    return tuple(out) + _default_privilege_notes(expected, live)


def _default_privilege_notes(expected: Schema, live: Schema) -> tuple[str, ...]:
    from remedy.diff import default_privileges as dp

    if dp.KIND not in expected.objects_read or dp.KIND not in live.objects_read:
        return ()
    out = []
    absent = sorted(dp.missing_role_names(dp.to_missing_roles(expected, live), live))
    if absent:
        out.append(f"default privileges naming role(s) {', '.join(absent)} not compared: the role does not exist "
                   f"on the live server")
    skipped = sorted({o.property("grantee") for o in dp.to_unnamed_roles(expected, live)})
    if skipped:
        out.append(f"live default privileges to role(s) {', '.join(skipped)}, which the expected schema never "
                   f"names, not compared")
    return tuple(out)
