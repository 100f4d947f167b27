"""Default privileges (``--with-privileges``): missing_default_privilege, extra_default_privilege and
default_privilege_mismatch (the grant option), one per (role, schema or the whole database, kind of object,
grantee, privilege), as ``ALTER DEFAULT PRIVILEGES`` sets them.

Each is read as a difference from PostgreSQL's built-in default (remedy/sources/sql/postgresql_default_privileges
.sql): a GRANT row adds a privilege, a REVOKE row takes away one the built-in default gives (PUBLIC's EXECUTE on
functions). The role is part of the identity: a default privilege applies to the objects that role creates, and a
DDL source's ``ALTER DEFAULT PRIVILEGES`` without ``FOR ROLE`` is the scanning role's (the DDL runs as that role in
the scratch database). As for grants, a role the live server lacks (the role or the grantee) can be neither
compared nor planned: it is noted; a live default privilege to a grantee the expected side never names is not an
extra.
"""
from __future__ import annotations

from typing import Iterator

from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.diff.grants import live_roles, named_roles
from remedy.diff.objects import compared, object_finding
from remedy.findings import Finding
from remedy.model import Schema, SchemaObject

KIND = "default_privilege"
# An ALTER DEFAULT PRIVILEGES of the catalog's DDL that could not run on the server for want of a role
UNRESOLVED = "unresolved_default_privilege"


def _roles(obj: SchemaObject) -> set[str]:
    return {obj.property("role"), obj.property("grantee")}


@comparator
def default_privileges(ctx: Context) -> Iterator[Finding]:
    if not compared(ctx, KIND):
        return
    roles, wanted = live_roles(ctx.live), set()
    for obj in ctx.expected.objects_of(KIND):
        schema = ctx.live_schema_name(obj.schema) if obj.schema else ""
        if not _roles(obj) <= roles or (schema and not (ctx.in_scope(obj.schema) or schema in ctx.live.schemas)):
            continue
        wanted.add((KIND, schema, obj.name))
        found = ctx.live.objects.get((KIND, schema, obj.name))
        if found is None:
            yield object_finding(f"missing_{KIND}", schema, obj, None, "warning", f"{_shown(obj, schema)} is expected")
        elif found.definition != obj.definition:
            yield object_finding(f"{KIND}_mismatch", schema, obj, found, "warning",
                                 f"{_shown(found, schema)} differs: expected {obj.definition}")
    if not ctx.partial:
        yield from _extras(ctx, wanted)


def _extras(ctx: Context, wanted: set) -> Iterator[Finding]:
    named = named_roles(ctx.expected)
    mapped = set(ctx.schema_map.values()) | {o.schema for o in ctx.expected.objects.values()}
    for obj in ctx.live.objects_of(KIND):
        if obj.key in wanted or (obj.schema and obj.schema not in mapped) or obj.property("grantee") not in named:
            continue
        yield object_finding(f"extra_{KIND}", obj.schema, None, obj, "warning",
                             f"{_shown(obj, obj.schema)} is not expected")


def _shown(obj: SchemaObject, schema: str) -> str:
    where = f" in schema {schema}" if schema else ""
    return f"default privilege of role {obj.property('role')}{where}: {obj.definition}"


def to_missing_roles(expected: Schema, live: Schema) -> list[SchemaObject]:
    """The expected default privileges (and the DDL's statements that could not run) naming a role the live
    server lacks."""
    roles = live_roles(live)
    return [o for o in expected.objects_of(KIND) if not _roles(o) <= roles] + expected.objects_of(UNRESOLVED)


def to_unnamed_roles(expected: Schema, live: Schema) -> list[SchemaObject]:
    """The live default privileges to a grantee the expected side never names."""
    named = named_roles(expected)
    return [o for o in live.objects_of(KIND) if o.property("grantee") not in named]


def missing_role_names(objects: list[SchemaObject], live: Schema) -> set[str]:
    roles = live_roles(live)
    return {r for o in objects for r in (_roles(o) if o.kind == KIND else {o.property("grantee")}) if r not in roles}
