"""What the per-kind comparators of PostgreSQL's dependent objects share (views.py, functions.py, ...).

An object kind is compared only when both sides could read it (``Schema.objects_read``): a SQLAlchemy
MetaData has no views, and a catalog whose DDL could not be loaded into a scratch database has none
either; those kinds are then not compared rather than reported as extra.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from remedy import dialects
from remedy.diff.context import Context
from remedy.findings import Finding
from remedy.model import SchemaObject


@dataclass(frozen=True)
class KindRules:
    kind: str  # SchemaObject.kind
    label: str  # as a sentence says it: "view", "trigger"
    finding: str  # finding-kind stem: missing_<finding>, extra_<finding>, <finding>_mismatch
    missing_severity: str = "critical"
    mismatch_severity: str = "warning"
    extra_severity: str = "info"
    mismatch: str = ""  # the *_mismatch kind where <finding>_mismatch is taken (type_mismatch is a column's)

    @property
    def mismatch_kind(self) -> str:
        return self.mismatch or f"{self.finding}_mismatch"


def compared(ctx: Context, kind: str) -> bool:
    return kind in ctx.expected.objects_read and kind in ctx.live.objects_read \
        and ctx.expected.dialect == ctx.live.dialect and dialects.get(ctx.live.dialect).dependent_objects


def compare_kind(ctx: Context, rules: KindRules) -> Iterator[Finding]:
    """missing_*, extra_* and *_mismatch findings for one kind of object."""
    if not compared(ctx, rules.kind):
        return
    wanted = {}
    for obj in ctx.expected.objects_of(rules.kind):
        if ctx.in_scope(obj.schema) or not obj.schema or obj.schema in ctx.live.schemas:
            live_key = (rules.kind, _live_schema(ctx, obj.schema), obj.name)
            wanted[live_key] = obj
            have = ctx.live.objects.get(live_key)
            if have is None:
                yield object_finding(f"missing_{rules.finding}", live_key[1], obj, None, rules.missing_severity,
                                     f"{rules.label} {_shown(obj)} is expected but does not exist")
            elif differs(obj, have, dialects.get(ctx.live.dialect).definition_key):
                yield object_finding(rules.mismatch_kind, live_key[1], obj, have, rules.mismatch_severity,
                                     f"{rules.label} {_shown(obj)} differs from its expected definition")
    if not ctx.partial:
        yield from _extras(ctx, rules, wanted)


def _live_schema(ctx: Context, schema: str) -> str:
    """The live namespace of an expected object's: "" stays database-wide where schemas hold tables; elsewhere
    "" is the namespace of unqualified DDL (a .sql file's objects), mapped as its tables are."""
    if schema or dialects.get(ctx.live.dialect).has_schemas:
        return ctx.live_schema_name(schema) if schema else ""
    return ctx.live_schema_name(schema)


def _extras(ctx: Context, rules: KindRules, wanted: dict) -> Iterator[Finding]:
    mapped, expected_tables = _extra_scope(ctx)
    for obj in ctx.live.objects_of(rules.kind):
        if obj.key in wanted or (obj.schema and obj.schema not in mapped):
            continue
        if obj.table and (obj.schema, obj.table) not in expected_tables:
            continue  # it goes with an extra table (that finding covers it)
        yield object_finding(f"extra_{rules.finding}", obj.schema, None, obj, rules.extra_severity,
                             f"{rules.label} {_shown(obj)} exists but is not expected")


def _extra_scope(ctx: Context) -> tuple[set, set]:
    """(the live namespaces an extra object may be in, the expected tables by their live key): the same for every
    kind, so built once per diff."""
    return ctx.once("extra_scope", lambda: (
        set(ctx.schema_map.values()) | {o.schema for o in ctx.expected.objects.values()},
        {(ctx.live_schema_name(s), n) for s, n in ctx.expected_keys()}))


def differs(expected: SchemaObject, actual: SchemaObject, key=str) -> bool:
    """``key``: what the dialect compares of a definition (``Dialect.definition_key``)."""
    return key(expected.definition) != key(actual.definition) or expected.properties != actual.properties


def object_finding(kind: str, schema: str, expected: SchemaObject | None, actual: SchemaObject | None,
                   severity: str, message: str) -> Finding:
    obj = expected or actual
    own = obj.table and obj.name != obj.table  # a trigger, a policy, a column's comment (not a table's own)
    return Finding(kind=kind, schema=schema, table=obj.table or obj.name, object=obj.own_name if own else None,
                   expected=object_json(expected), actual=object_json(actual), message=message, severity=severity,
                   evidence=obj.evidence if expected is not None else ())



def _shown(obj: SchemaObject) -> str:
    return f"{obj.own_name} on {obj.table}" if obj.table and obj.table != obj.name else obj.name


def object_json(obj: SchemaObject | None) -> dict | None:
    if obj is None:
        return None
    data = {"kind": obj.kind, "name": obj.name, "definition": obj.definition}
    data.update(dict(obj.properties))
    return data
