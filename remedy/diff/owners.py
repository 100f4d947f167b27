"""Owners (``--with-owners``, PostgreSQL): owner_mismatch where a schema, table, view, materialized view,
standalone sequence, function, procedure, type or domain is owned by another role than expected, and
missing_owner where the plan creates such an object that the expected side gives to a role (the plan's own
objects are the role's that runs it until then).

Off by default: owners differ legitimately between environments. A DDL source's objects are owned by the role that
scans (the DDL runs as that role in the scratch database) unless the DDL says ``OWNER TO`` (``catalog init`` writes
it for each object the snapshotting role does not own). An owner the live server lacks can be neither compared
nor planned: it is noted, and ``not_compared`` lists it (``owner_to_missing_role``). A sequence linked to a column
follows its table's owner and is not compared apart.
"""
from __future__ import annotations

from typing import Iterator

from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.diff.grants import live_roles
from remedy.diff.objects import compared, object_finding
from remedy.findings import Finding
from remedy.model import Schema, SchemaObject

KIND = "owner"
# An ALTER ... OWNER TO of the catalog's DDL that could not run on the server for want of the role
UNRESOLVED = "unresolved_owner"


@comparator
def owners(ctx: Context) -> Iterator[Finding]:
    if not compared(ctx, KIND):
        return
    roles = live_roles(ctx.live)
    for obj in ctx.expected.objects_of(KIND):
        schema = ctx.live_schema_name(obj.schema)
        if obj.definition not in roles or not (ctx.in_scope(obj.schema) or schema in ctx.live.schemas):
            continue
        found = ctx.live.objects.get((KIND, schema, obj.name))
        if found is None:
            yield object_finding(f"missing_{KIND}", schema, obj, None, "info",
                                 f"{_shown(obj, schema)} is to be owned by {obj.definition}")
        elif found.definition != obj.definition:
            yield object_finding(f"{KIND}_mismatch", schema, obj, found, "warning",
                                 f"{_shown(obj, schema)} is owned by {found.definition}, expected {obj.definition}")


def _shown(obj: SchemaObject, schema: str) -> str:
    on = obj.property("on").lower()
    return f"schema {schema}" if on == "schema" else f"{on} {schema}.{obj.name}"


def to_missing_roles(expected: Schema, live: Schema) -> list[SchemaObject]:
    """The expected owners the live server lacks (and the DDL's OWNER TO statements that could not run)."""
    roles = live_roles(live)
    return [o for o in expected.objects_of(KIND) if o.definition not in roles] + expected.objects_of(UNRESOLVED)


def owner_notes(expected: Schema, live: Schema) -> tuple[str, ...]:
    if KIND not in expected.objects_read or KIND not in live.objects_read:
        return ()
    absent = sorted({o.definition if o.kind == KIND else o.property("grantee") for o in to_missing_roles(expected, live)})
    if not absent:
        return ()
    return (f"owners {', '.join(absent)} not compared: the role does not exist on the live server (roles are "
            f"server-wide; create it, then scan again)",)
