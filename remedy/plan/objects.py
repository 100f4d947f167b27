"""Plan steps for PostgreSQL's dependent objects, and the drop-and-recreate of dependants.

Builders: a missing object is created, an extra one dropped (only by decision or --allow-destructive),
a changed one replaced. ``with_dependants``: every plan that drops or retypes a column, or drops a
table or view, that a live view, materialized view, policy, trigger or SQL-standard function reads
drops those first (dependants before what they read) and recreates them at the end (in pg_depend
order), marked as dependants, with a hazard each.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from remedy.decisions import Decision
from remedy.errors import RemedyError
from remedy.findings import Finding
from remedy.model import Schema, SchemaObject, Table
from remedy.plan import ops as o
from remedy.plan.object_ops import AttachPartition, CreateObject, DropObject, ReplaceObject, RevokeCascade, label
from remedy.sources.object_ddl import EARLY_KINDS, creation_order, fire_order, granted_by_the_plan, replaced_in_place

DEPENDANT_KINDS = frozenset({"view", "materialized_view", "policy", "trigger", "function", "procedure"})


def object_rank(kind: str) -> str:
    return "early_object" if kind in EARLY_KINDS else "object"


def is_object_finding(finding: Finding) -> bool:
    return bool(finding.expected and "definition" in finding.expected or finding.actual
                and "definition" in finding.actual)


def object_ops(f: Finding, d: Decision, live: Schema, expected: Schema) -> Iterator[tuple[str, o.Operation]]:
    from remedy.plan.partitions import is_partitioning, repartition_ops

    if is_partitioning(f, live):  # MariaDB/MySQL: with the table, all of its partitions at once
        yield from repartition_ops(f, d, live, expected)
        return
    want = _object(expected, f.expected, f)
    have = _object(live, f.actual, f, schema=f.schema)
    at = {"schema": f.schema, "table": (want or have).table}
    revoked = public_default_revoked(want, expected) if want is not None and have is None else None
    if want is not None:
        want = granted_by_the_plan(_in_schema(want, f.schema)) if want.kind == "grant" else _in_schema(want, f.schema)
    if have is None and want.kind == "inheritance" and live.table(want.schema, want.name) is None:
        return  # a missing table is made with its parents (CREATE TABLE ... INHERITS: remedy.plan.build)
    if have is None and want.kind == "partition" and live.table(want.schema, want.name) is not None:
        yield "attach", AttachPartition(**at, obj=want, definition=live.table(want.schema, want.name))
    elif have is None:
        yield _rank(want, None), CreateObject(**at, obj=want)
        if revoked is not None:
            yield "object", DropObject(**at, obj=_in_schema(revoked, f.schema))
    elif want is None:
        yield "drop_object", DropObject(**at, obj=have)
    elif have.kind == "partition_key" or not have.name:
        yield "object", o.Comment(text=f"{label(want)}: PostgreSQL cannot change this in place; recreate the "
                                       f"table by hand ({have.definition or 'none'} -> {want.definition})")
    else:
        yield _rank(want, have), ReplaceObject(**at, old=have, new=want)


# What PostgreSQL gives PUBLIC on each new object of these kinds (acldefault), by what a grant says it is on, and
# the kinds of object (remedy.model.SchemaObject.kind; "enum" for an enum, which is not an object) that have one.
PUBLIC_DEFAULTS = {"FUNCTION": "EXECUTE", "PROCEDURE": "EXECUTE", "TYPE": "USAGE", "DOMAIN": "USAGE"}
PUBLIC_DEFAULT_KINDS = frozenset({"function", "procedure", "type", "domain", "enum"})


def public_default_revoked(created: SchemaObject, expected: Schema) -> SchemaObject | None:
    """PUBLIC's default privilege on an object the plan creates (EXECUTE on a function, USAGE on a type), as a live
    grant the plan then revokes, where the expected side compares grants (--with-privileges) and took it away
    (``REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC``); None where it keeps it, or grants are not compared. The
    revoke is no finding of its own: the object is missing, and made as expected."""
    if created.kind not in PUBLIC_DEFAULT_KINDS or "grant" not in expected.objects_read:
        return None  # the grants are read (and sorted) only for an object that has a default of PUBLIC's
    rows = [g for g in expected.objects_of("grant") if (g.schema, g.table) == (created.schema, created.name)]
    owner = next((g for g in rows if g.property("privilege") == "OWNER"), None)
    privilege = PUBLIC_DEFAULTS.get(owner.property("on")) if owner is not None else None
    if privilege is None or owner.property("default") or any(
            g.property("grantee") == "PUBLIC" and g.property("privilege") == privilege for g in rows):
        return None
    props = {**dict(owner.properties), "privilege": privilege, "grantee": "PUBLIC", "grantors": ""}
    return replace(owner, name=f"{owner.table}.{privilege} to PUBLIC", definition=f"{privilege} TO PUBLIC",
                   properties=tuple(sorted(props.items())))


def _rank(want: SchemaObject, have: SchemaObject | None) -> str:
    """A default privilege taken away goes first, before the plan creates anything that would be given it; one
    added goes last, after everything the plan creates (which the expected side made without it, or granted)."""
    if want.kind == "default_privilege" and (want.property("action") == "REVOKE" or (
            have is not None and have.property("action") == "GRANT OPTION" and want.property("action") == "GRANT")):
        return "drop_object"
    return object_rank(want.kind)


def _object(model: Schema, data: dict | None, f: Finding, schema: str | None = None) -> SchemaObject | None:
    if not data:
        return None
    if data.get("kind") == "rls" and not data.get("definition"):
        return SchemaObject("rls", f.schema, data["name"], data["name"]) if schema is None else None
    key = (data["kind"], schema if schema is not None else _expected_schema(model, data, f), data["name"])
    found = model.objects.get(key)
    if found is None and data.get("kind") == "rls":
        return SchemaObject("rls", f.schema, data["name"], data["name"], data.get("definition", ""))
    if found is None:
        raise RemedyError(f"{f.id}: the {data['kind']} {data['name']} is not in the "
                          f"{'live' if schema is not None else 'expected'} schema")
    return found


def _expected_schema(model: Schema, data: dict, f: Finding) -> str:
    matches = [k[1] for k in model.objects if k[0] == data["kind"] and k[2] == data["name"]]
    return f.schema if f.schema in matches or not matches else matches[0]


def _in_schema(obj: SchemaObject, schema: str) -> SchemaObject:
    """The expected object in the live namespace its finding names (with what it reads there too): a mapped
    schema, or MariaDB's database / SQLite's main for unqualified DDL ("")."""
    if obj.schema == schema:
        return obj
    reads = tuple((schema if s == obj.schema else s, r, c) for s, r, c in obj.depends_on)
    return replace(obj, schema=schema, depends_on=reads)


def sort_objects(ops: list[o.Operation]) -> list[o.Operation]:
    """Creation order: by kind (functions before the triggers that call them), views after the views
    they read; anything else keeps its place at the end."""
    objs = {id(op): _op_object(op) for op in ops}
    position = {obj.key: i for i, obj in enumerate(creation_order(o for o in objs.values() if o is not None))}
    ranked = sorted((op for op in ops if objs[id(op)] is not None), key=lambda op: position[objs[id(op)].key])
    return ranked + [op for op in ops if objs[id(op)] is None]


def _op_object(op: o.Operation) -> SchemaObject | None:
    if isinstance(op, (CreateObject, DropObject)):
        return op.obj
    return op.new if isinstance(op, ReplaceObject) else None


# --- trigger order (MariaDB/MySQL) -----------------------------------------------------------------

def with_trigger_order(ops: list[o.Operation], live: Schema) -> list[o.Operation]:
    """``ops``, and after them the triggers that would not fire in the expected order dropped and created again in
    it: a trigger created (or replaced by drop and create) fires after its table's others of the same timing and
    event, so the plan's order is followed through, and from the first place it differs from the expected one
    (every trigger the plan creates carries its expected place) the rest is created again, in order."""
    firing: dict[tuple, list[tuple]] = {}  # group -> trigger keys in the order they fire, as the plan goes
    for t in sorted(live.objects_of("trigger"), key=fire_order):
        firing.setdefault(_trigger_group(t), []).append(t.key)
    touched: dict[tuple, tuple[str, ...]] = {}  # group -> the findings that (re)create a trigger in it
    model = live
    for op in ops:
        for obj, made in _trigger_steps(op):
            group = firing.setdefault(_trigger_group(obj), [])
            if obj.key in group:
                group.remove(obj.key)
            if made:
                group.append(obj.key)
                touched[_trigger_group(obj)] = touched.get(_trigger_group(obj), ()) + op.finding_ids
        model = op.apply_to(model)
    again = []
    for group, ids in touched.items():
        wanted = [t for t in sorted(model.objects_of("trigger"), key=fire_order) if _trigger_group(t) == group]
        differs = [i for i, (have, want) in enumerate(zip(firing[group], wanted)) if have != want.key]
        again += [ReplaceObject(schema=t.schema, table=t.table, old=t, new=t, finding_ids=ids)
                  for t in (wanted[differs[0]:] if differs else ())]
    return ops + again


def _trigger_steps(op: o.Operation) -> list[tuple[SchemaObject, bool]]:
    """(trigger, made): what an operation does to a MariaDB/MySQL trigger's place (made: it fires last now)."""
    if isinstance(op, CreateObject) and op.obj.kind == "trigger" and fire_order(op.obj):
        return [(op.obj, True)]
    if isinstance(op, DropObject) and op.obj.kind == "trigger" and fire_order(op.obj):
        return [(op.obj, False)]
    if isinstance(op, ReplaceObject) and op.new.kind == "trigger" and fire_order(op.new):
        return [(op.old, False), (op.new, True)]
    return []


def _trigger_group(obj: SchemaObject) -> tuple:
    """A MariaDB/MySQL trigger's table, timing and event (its definition starts ``BEFORE INSERT ON``)."""
    return (obj.schema, obj.table, tuple(obj.definition.upper().split()[:2]))


# --- dependants ----------------------------------------------------------------------------------

def with_dependants(ops: list[o.Operation], live: Schema) -> list[o.Operation]:
    """``ops`` with the live objects that block them dropped first and recreated last (with their grants), and
    the grants of an object replaced by drop and create granted again after it."""
    touched = _touched(ops)
    found = _dependants(live, touched)
    if not found:
        return _regranted(ops, live)
    dropped = {op.obj.key for op in ops if isinstance(op, DropObject)}
    replaced = {op.old.key: op for op in ops if isinstance(op, ReplaceObject)}
    rest = [op for op in ops if not (isinstance(op, (DropObject, ReplaceObject)) and _key_of(op) in found)]
    order = [obj.key for obj in creation_order(found.values())]
    drops = [_drop_first(found[key], ops) for key in reversed(order)]
    creates = [_recreate(found[key], replaced.get(key)) for key in order if key not in dropped]
    kept = {found[key] for key in order if key not in dropped}
    comments = [_recreate(c, None) for c in _comments_on(live, kept)]
    recreated = kept | {op.old for op in rest if _dropped_and_created(op)}
    return _kept_grants(drops + rest + creates + comments, live, recreated)


def _regranted(ops: list[o.Operation], live: Schema) -> list[o.Operation]:
    return _kept_grants(ops, live, {op.old for op in ops if _dropped_and_created(op)})


def _dropped_and_created(op: o.Operation) -> bool:
    return isinstance(op, ReplaceObject) and op.old.kind in DEPENDANT_KINDS and not replaced_in_place(op.old, op.new)


def _kept_grants(ops: list[o.Operation], live: Schema, recreated: set[SchemaObject]) -> list[o.Operation]:
    """The privileges and owners of objects the plan drops and creates again, as they were: each grant revoked
    before (so that the downgrade grants it again too) and granted after; a function's EXECUTE that PUBLIC had
    been denied (a new function gives it to PUBLIC) granted before and revoked after; the owner given back after
    (whoever runs the plan owns what it creates), and in the downgrade too (its drop before says nothing: the
    object's own drop takes the owner with it)."""
    grants, withheld = _grants_on(live, recreated), _public_execute_withheld(live, recreated)
    owners = _owners_of(live, recreated, ops)
    before = [_grant_op(DropObject, g) for g in grants] + [_grant_op(CreateObject, w) for w in withheld] \
        + [_grant_op(DropObject, w) for w in owners]
    after = [_grant_op(CreateObject, w) for w in owners] + [_grant_op(DropObject, w) for w in withheld] \
        + [_grant_op(CreateObject, g) for g in grants]
    return before + ops + after


def _owners_of(live: Schema, objects: set[SchemaObject], ops: list[o.Operation]) -> list[SchemaObject]:
    """The live owners of these views and functions, but those the plan changes itself (--with-owners)."""
    changed = {op.obj.key for op in ops if isinstance(op, (CreateObject, DropObject))} \
        | {op.new.key for op in ops if isinstance(op, ReplaceObject)}
    keys = sorted({("owner", obj.schema, obj.name) for obj in objects if obj.kind != "trigger"})
    return [live.objects[key] for key in keys if key in live.objects and key not in changed]


def _grant_op(op, grant: SchemaObject) -> o.Operation:
    made = grant if op is DropObject else granted_by_the_plan(grant)
    return op(schema=grant.schema, table=grant.table, obj=made, dependant=True)


def _public_execute_withheld(live: Schema, objects: set[SchemaObject]) -> list[SchemaObject]:
    """PUBLIC's EXECUTE on each of these functions whose privileges were set and leave it out."""
    from remedy.diff.grants import PUBLIC, target

    names = {(obj.schema, obj.name) for obj in objects if obj.kind in ("function", "procedure")}
    rows: dict[tuple[str, str], list[SchemaObject]] = {}
    for g in live.objects_of("grant"):
        if target(g) in names:
            rows.setdefault(target(g), []).append(g)
    return [_public_execute(found[0]) for found in rows.values()
            if not found[0].property("default") and not any(g.property("grantee") == PUBLIC for g in found)]


def _public_execute(row: SchemaObject) -> SchemaObject:
    props = dict(row.properties) | {"privilege": "EXECUTE", "grantee": "PUBLIC", "column": "", "grantors": ""}
    return replace(row, name=f"{row.table}.EXECUTE to PUBLIC", definition="EXECUTE TO PUBLIC",
                   properties=tuple(sorted(props.items())))


def _grants_on(live: Schema, objects: set[SchemaObject]) -> list[SchemaObject]:
    """The grants a dropped view or function takes with it (on it, or on a view's columns), but the owner's and
    those a new object has anyway (its default privileges)."""
    return _held_on(live, {(obj.schema, obj.name) for obj in objects if obj.kind != "trigger"})


def held_with(live: Schema, table: Table) -> tuple[SchemaObject, ...]:
    """A table's owner and the grants on it and its columns (but the owner's own), as the plan would give them
    (remedy.sources.object_ddl): what a dropped table takes with it, and its downgrade gives back."""
    owner = live.objects.get(("owner", table.schema, table.name))
    grants = [granted_by_the_plan(g) for g in _held_on(live, {(table.schema, table.name)})]
    return ((owner,) if owner is not None else ()) + tuple(grants)


def _held_on(live: Schema, targets: set[tuple[str, str]]) -> list[SchemaObject]:
    """The grants on these (schema, what they are on), in key order: the owner's own left out (remedy.diff.grants:
    held), and those an object has by default."""
    index = _grants_by_target(live.objects)
    found = [g for t in targets for g in index.get(t, ())
             if g.property("grantee") != g.property("owner") and not g.property("default")]
    return sorted(found, key=lambda g: g.key)


_BY_TARGET: tuple = (None, {})  # the objects mapping last indexed, and its grants by (schema, target)


def _grants_by_target(objects) -> dict[tuple[str, str], list[SchemaObject]]:
    """A side's grants by what they are on, in key order: made once per side (a plan drops tables by the dozen,
    and a side of 5,000 tables holds 15,000 objects)."""
    global _BY_TARGET
    indexed, index = _BY_TARGET
    if indexed is not objects:
        index = {}
        for key in sorted(k for k in objects if k[0] == "grant"):
            grant = objects[key]
            index.setdefault((grant.schema, grant.table), []).append(grant)
        _BY_TARGET = (objects, index)
    return index


def _comments_on(live: Schema, objects: set[SchemaObject]) -> list[SchemaObject]:
    """The comments a dropped view or function takes with it (on it, or on a view's columns)."""
    names = {(obj.schema, obj.name.partition("(")[0]) for obj in objects if obj.kind != "trigger"}
    return [c for c in live.objects_of("comment")
            if (c.schema, c.property("relation")) in names and c.property("on") != "TABLE"]


def _key_of(op: o.Operation) -> tuple:
    return op.obj.key if isinstance(op, DropObject) else op.old.key


def _touched(ops: list[o.Operation]) -> set[tuple[str, str, str]]:
    """(schema, relation, column) that the plan drops or retypes; column "" = the whole relation."""
    out = set()
    for op in ops:
        if isinstance(op, o.DropTable):
            out.add((op.schema, op.table, ""))
        elif isinstance(op, o.DropColumn):
            out.add((op.schema, op.table, op.column.name))
        elif isinstance(op, o.AlterColumnType):
            out.add((op.schema, op.table, op.column))
        elif isinstance(op, (DropObject, ReplaceObject)) and _key_obj(op).kind in ("view", "materialized_view"):
            out.add((_key_obj(op).schema, _key_obj(op).name, ""))
    return out


def _key_obj(op: o.Operation) -> SchemaObject:
    return op.obj if isinstance(op, DropObject) else op.old


def _dependants(live: Schema, touched: set) -> dict[tuple, SchemaObject]:
    """Every live object reading something touched, and (transitively) what reads those views."""
    found: dict[tuple, SchemaObject] = {}
    frontier = set(touched)
    while frontier:
        fresh = set()
        for obj in live.objects.values():
            if obj.kind in DEPENDANT_KINDS and obj.key not in found and _reads(obj, frontier):
                found[obj.key] = obj
                if obj.kind in ("view", "materialized_view"):
                    fresh.add((obj.schema, obj.name, ""))
        frontier = fresh
    return found


def _reads(obj: SchemaObject, touched: set) -> bool:
    for schema, relation, column in obj.depends_on:
        if (schema, relation, "") in touched and obj.table != relation:  # a dropped table takes its own triggers
            return True
        if column and (schema, relation, column) in touched:
            return True
    return False


def _hazard(obj: SchemaObject) -> o.Hazard:
    return o.Hazard("dependant", f"{label(obj)} reads what this plan changes: dropped first and recreated "
                                 f"after, with its owner, grants and comments")


def _drop_first(obj: SchemaObject, ops: list[o.Operation]) -> DropObject:
    planned = next((op for op in ops if isinstance(op, DropObject) and op.obj.key == obj.key), None)
    if planned is not None:
        return planned
    return DropObject(schema=obj.schema, table=obj.table, obj=obj, dependant=True, hazards=(_hazard(obj),))


def _recreate(obj: SchemaObject, replaced: ReplaceObject | None) -> CreateObject:
    if replaced is not None:
        return CreateObject(schema=obj.schema, table=obj.table, obj=replaced.new, dependant=True,
                            finding_ids=replaced.finding_ids, hazards=(_hazard(obj),))
    return CreateObject(schema=obj.schema, table=obj.table, obj=obj, dependant=True, hazards=(_hazard(obj),))


# --- grants granted on ---------------------------------------------------------------------------

def with_cascades(ops: list[o.Operation], live: Schema) -> list[o.Operation]:
    """Each revoke of a grant, or of its grant option, whose grantee granted the privilege on to others made a
    revoke with CASCADE (a plain one fails: "dependent privileges exist"), with a hazard; what the cascade takes
    from others is granted again after it, unless the plan revokes that too (that revoke is the cascade's: it
    could not run after it, as the grantor it runs as has lost the grant option). A later change to a grant
    granted again is one to the plan's own grant."""
    grants = live.objects_of("grant")
    revoked = {op.obj.key for op in ops if isinstance(op, DropObject) and op.obj.kind == "grant"}
    lost = {id(op): regranted_from(taken[0], grants) for op in ops if (taken := _option_taken(op))}
    taken_along = {g.key for found in lost.values() for g in found}
    folded: dict[tuple, tuple[str, ...]] = {}
    for op in ops:
        if isinstance(op, DropObject) and op.obj.key in taken_along:
            folded[op.obj.key] = op.finding_ids
    out = []
    for op in ops:
        if isinstance(op, DropObject) and op.obj.key in folded:
            continue
        if isinstance(op, ReplaceObject) and op.old.key in taken_along:
            op = replace(op, old=granted_by_the_plan(op.old))
        if not lost.get(id(op)):
            out.append(op)
            continue
        out.append(_cascade(op, _option_taken(op), lost[id(op)], revoked, folded))
    return out


def _cascade(op: o.Operation, taken: tuple, lost: list[SchemaObject], revoked: set,
             folded: dict[tuple, tuple[str, ...]]) -> RevokeCascade:
    kept = tuple(granted_by_the_plan(g) for g in lost if g.key not in revoked)
    ids = op.finding_ids + tuple(i for g in lost for i in folded.get(g.key, ()))
    return RevokeCascade(schema=op.schema, table=op.table, obj=taken[0], new=taken[1] or SchemaObject("", "", ""),
                         kept=kept, finding_ids=tuple(dict.fromkeys(ids)),
                         hazards=op.hazards + (_cascade_hazard(taken[0], lost, kept),))


def _option_taken(op: o.Operation) -> tuple[SchemaObject, SchemaObject | None] | None:
    """(the live grant, the grant it becomes or None) of an op that takes a grant option away."""
    if isinstance(op, DropObject) and op.obj.kind == "grant" and _grantable(op.obj):
        return op.obj, None
    if isinstance(op, ReplaceObject) and op.old.kind == "grant" and _grantable(op.old) and not _grantable(op.new):
        return op.old, op.new
    return None


def _grantable(grant: SchemaObject) -> bool:
    return grant.definition.endswith("WITH GRANT OPTION")


def regranted_from(grant: SchemaObject, grants: list[SchemaObject]) -> list[SchemaObject]:
    """The live grants of the same privilege on the same object that ``grant``'s grantee granted, and those their
    grantees granted in turn: what a revoke with CASCADE takes."""
    same = [g for g in grants if g.key != grant.key and _privilege_of(g) == _privilege_of(grant)]
    lost: list[SchemaObject] = []
    grantors = {grant.property("grantee")}
    while grantors:
        found = [g for g in same if g not in lost and grantors & set(g.property("grantors").split(","))]
        lost += found
        grantors = {g.property("grantee") for g in found}
    return lost


def _privilege_of(grant: SchemaObject) -> tuple[str, ...]:
    return grant.schema, grant.table, grant.property("on"), grant.property("column"), grant.property("privilege")


def _cascade_hazard(grant: SchemaObject, lost: list[SchemaObject], kept: tuple[SchemaObject, ...]) -> o.Hazard:
    names = ", ".join(sorted(g.property("grantee") for g in lost))
    again = (f"granted again after it to {', '.join(sorted(g.property('grantee') for g in kept))} by the role that "
             f"runs the plan (the grantor is not kept)") if kept else "not granted again (not expected)"
    return o.Hazard("cascade", f"{grant.property('grantee')} granted {grant.property('privilege')} on to {names}: "
                               f"the revoke uses CASCADE, which takes it from them too; {again}")
