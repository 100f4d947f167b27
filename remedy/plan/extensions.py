"""Live extensions the plan drops (extra_extension): in an order PostgreSQL accepts, and not while something the
plan keeps uses what they provide.

DROP EXTENSION is planned without CASCADE. The live reader says what uses each extension
(``SchemaObject.used_by``). An extension another dropped one requires is dropped after it. Where an index, column,
table, view or extension among the users is still there, unchanged, once the plan's operations are applied to the
live model, the drop is replaced by a line that says why (PostgreSQL would refuse it when the script runs). What
the plan changes, and users of other kinds (a default, a function), are not judged here: PostgreSQL's refusal in
the dry run says it.
"""
from __future__ import annotations

from remedy.model import Schema
from remedy.plan import ops as o

Users = tuple[tuple[str, str, str, str, str], ...]


def settle_extension_drops(ops: list[o.Operation], live: Schema) -> list[o.Operation]:
    drops = [op for op in ops if isinstance(op, o.DropExtension) and op.version]
    if not drops:
        return ops
    after = live
    for op in ops:
        after = op.apply_to(after)
    ordered = iter(_dependants_first(drops, live))
    return [_refused(next(ordered), live, after) if op in drops else op for op in ops]


def _users(live: Schema, name: str) -> Users:
    have = live.objects.get(("extension", "", name))
    return have.used_by if have is not None else ()


def _dependants_first(drops: list[o.DropExtension], live: Schema) -> list[o.DropExtension]:
    """The drops, each after those of the extensions that require it (earthdistance before cube)."""
    by_name = {op.name: op for op in drops}
    done: list[o.DropExtension] = []

    def visit(op: o.DropExtension, seen: frozenset[str]) -> None:
        if op in done or op.name in seen:
            return
        for kind, _, _, name, _ in _users(live, op.name):
            if kind == "extension" and name in by_name:
                visit(by_name[name], seen | {op.name})
        done.append(op)

    for op in drops:
        visit(op, frozenset())
    return done


def _refused(op: o.DropExtension, live: Schema, after: Schema) -> o.Operation:
    kept = [said for kind, schema, table, name, said in _users(live, op.name)
            if _kept(kind, schema, table, name, live, after)]
    if not kept:
        return op
    one = len(kept) == 1
    them, use = ("it", "uses") if one else ("them", "use")
    return o.Comment(finding_ids=op.finding_ids,
                     text=f"extension {op.name} not dropped: {', '.join(kept)} {use} what it provides, and the plan "
                          f"keeps {them} (drop {them} too, or keep the extension)")


def _kept(kind: str, schema: str, table: str, name: str, live: Schema, after: Schema) -> bool:
    """Whether the user is still there after the plan, as it is now (changed, it may no longer use the extension)."""
    now = _find(live, kind, schema, table, name)
    return now is not None and _find(after, kind, schema, table, name) == now


def _find(model: Schema, kind: str, schema: str, table: str, name: str):
    if kind == "extension":
        return name if name in model.extensions else None
    if kind in ("view", "materialized_view"):
        return model.objects.get((kind, schema, table))
    found = model.tables.get((schema, table))
    if found is None or kind == "table":
        return found
    if kind == "column":
        return found.column(name)
    if kind == "index":
        keys = (*found.indexes, *found.uniques, *found.exclusions, *((found.primary_key,) if found.primary_key else ()))
        return next((k for k in keys if k.name == name), None)
    return None
