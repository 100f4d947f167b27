"""Row-level security: policies (command, roles, USING, WITH CHECK) and rls_mismatch (enabled / forced)."""
from __future__ import annotations

from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.diff.objects import KindRules, compare_kind, compared, object_finding
from remedy.model import SchemaObject

POLICY = KindRules("policy", "policy", "policy")


@comparator
def policies(ctx: Context):
    yield from compare_kind(ctx, POLICY)


@comparator
def row_security(ctx: Context):
    """One rls_mismatch per table whose RLS switches differ (a table with none is not listed)."""
    if not compared(ctx, "rls"):
        return
    for schema, name in ctx.expected_keys():
        live_schema = ctx.live_schema_name(schema)
        want = ctx.expected.objects.get(("rls", schema, name))
        have = ctx.live.objects.get(("rls", live_schema, name))
        if _state(want) != _state(have):
            shown = SchemaObject("rls", live_schema, name, name, _state(want))
            yield object_finding("rls_mismatch", live_schema, shown, have or SchemaObject("rls", live_schema, name, name),
                                 "critical" if "forced" in _state(want) else "warning",
                                 f"row-level security on {name}: expected {_state(want) or 'off'}, "
                                 f"is {_state(have) or 'off'}")


def _state(obj: SchemaObject | None) -> str:
    return obj.definition if obj is not None else ""
