"""What breaks the application now, among the findings on views, policies, triggers and functions.

Two ways an object is an incident rather than a difference to tidy up, each said in the finding's impact and made
critical (so the default triage puts it in phase 1; catalog phases still decide where it goes):

* live: a trigger's PL/pgSQL function uses ``NEW.x`` or ``OLD.x`` and the trigger's table has no column ``x``
  (PostgreSQL does not check a PL/pgSQL body when it is created; the trigger fails when it fires). The finding on
  that function or trigger, and the missing_column finding of ``x``, say so.
* expected: a view, materialized view, policy, trigger or SQL-standard function reads (pg_depend) a table or
  column the live database lacks.

String literals and comments in a body are left out, so a name inside them is never taken for a use.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterator

from remedy.diff.context import Context, make_context
from remedy.findings import Finding
from remedy.model import Schema, SchemaObject

READERS = frozenset({"view", "materialized_view", "policy", "trigger", "function", "procedure"})
_IDENT = r'"(?:[^"]|"")+"|[A-Za-z_][\w$]*'
_EXECUTES = re.compile(rf"EXECUTE (?:FUNCTION|PROCEDURE) ({_IDENT})\.({_IDENT})\(")
_BODY = re.compile(r"(?s)\bAS (\$\w*\$)(.*)\1")
_NOISE = re.compile(r"(?s)'(?:[^']|'')*'|--[^\n]*|/\*.*?\*/")
_ROW_FIELD = re.compile(rf"(?i)\b(NEW|OLD)\.({_IDENT})")


@dataclass(frozen=True)
class Broken:
    obj: SchemaObject  # the live function or trigger
    column: tuple[str, str, str]  # (schema, table, column) the table lacks
    reason: str


def breaks_now(findings: list[Finding], expected: Schema, live: Schema) -> list[Finding]:
    """``findings`` with those that break the application now made critical, and why in their impact."""
    readers = {id(f) for f in findings if f.kind == "missing_column" or _reader(f.actual) or _reader(f.expected)}
    if not readers:
        return findings
    broken = list(_broken_triggers(live))
    ctx = make_context(expected, live)
    index = {(k[0], ctx.live_schema_name(k[1]), k[2]): o for k, o in expected.objects.items() if k[0] in READERS}
    return [_marked(f, _reasons(f, broken, ctx, index)) if id(f) in readers else f for f in findings]


def _reader(data: dict | None) -> bool:
    return bool(data) and data.get("kind") in READERS


def _marked(f: Finding, reasons: list[str]) -> Finding:
    if not reasons:
        return f
    impact = "; ".join(dict.fromkeys(([f.impact] if f.impact else []) + reasons))
    return replace(f, severity="critical", impact=impact)


def _reasons(f: Finding, broken: list[Broken], ctx: Context, index: dict) -> list[str]:
    out = []
    if f.kind == "missing_column":
        out += [b.reason for b in broken if b.column == (f.schema, f.table, f.column)]
    if _reader(f.actual):
        out += [b.reason for b in broken if b.obj.key == (f.actual["kind"], f.schema, f.actual["name"])]
    if _reader(f.expected):
        obj = index.get((f.expected["kind"], f.schema, f.expected["name"]))
        out += list(_reads_missing(obj, ctx)) if obj is not None else []
    return out


# --- live: PL/pgSQL trigger functions ---------------------------------------------------------------

def _broken_triggers(live: Schema) -> Iterator[Broken]:
    for trigger in live.objects_of("trigger"):
        function = _function_of(trigger, live)
        table = live.table(trigger.schema, trigger.table)
        if function is None or table is None or function.property("language") != "plpgsql":
            continue
        for written, name in _row_fields(function.definition):
            if table.column(name) is None:
                shown = f"{trigger.schema}.{trigger.table}"
                reason = (f"trigger {trigger.name.split('.', 1)[-1]} on {shown} runs {function.schema}."
                          f"{function.name}, which uses {written}; {shown} has no column {name}: the trigger "
                          f"fails when it fires")
                column = (trigger.schema, trigger.table, name)
                yield Broken(trigger, column, reason)
                yield Broken(function, column, reason)


def _function_of(trigger: SchemaObject, live: Schema) -> SchemaObject | None:
    found = _EXECUTES.search(trigger.definition)
    if found is None:
        return None
    schema, name = (_unquoted(part) for part in found.groups())
    return live.objects.get(("function", schema, f"{name}()"))


def _row_fields(definition: str) -> list[tuple[str, str]]:
    """(as written, column name) of each NEW.x / OLD.x the body uses, outside strings and comments."""
    body = _BODY.search(definition)
    text = _NOISE.sub(" ", body.group(2)) if body else ""
    seen = {}
    for match in _ROW_FIELD.finditer(text):
        written = f"{match.group(1).upper()}.{match.group(2)}"
        seen.setdefault(written, _unquoted(match.group(2)))
    return list(seen.items())


def _unquoted(name: str) -> str:
    return name[1:-1].replace('""', '"') if name.startswith('"') else name.lower()


# --- expected: what the expected definition reads ---------------------------------------------------

def _reads_missing(obj: SchemaObject, ctx: Context) -> Iterator[str]:
    for schema, relation, column in obj.depends_on:
        if (schema, relation) == (obj.schema, obj.name):
            continue  # a view's own columns
        live_schema = ctx.live_schema_name(schema)
        table = ctx.live.table(live_schema, relation)
        if table is None and not _live_relation(ctx.live, live_schema, relation):
            yield f"reads {live_schema}.{relation}, which the live database lacks"
        elif table is not None and column and table.column(column) is None:
            yield f"reads {live_schema}.{relation}.{column}, which the live database lacks"


def _live_relation(live: Schema, schema: str, name: str) -> bool:
    return any((kind, schema, name) in live.objects for kind in ("view", "materialized_view", "sequence", "partition"))
