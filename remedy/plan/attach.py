"""A detached partition attached again, only where PostgreSQL would take it.

ATTACH PARTITION comes late (rank ``attach``: after the plan has added, retyped and dropped the table's columns
and added its checks; remedy.diff.detached compares them). PostgreSQL refuses a table with a column its parent
lacks or lacks one of the parent's, of another type or collation, nullable where the parent's is NOT NULL, or
without one of the parent's checks. Where the plan leaves the table so (a finding on it skipped: an extra column
is dropped only by a drop decision or --allow-destructive), the ATTACH is not planned, and a comment says why.
"""
from __future__ import annotations

from dataclasses import replace
from itertools import chain

from remedy.diff.columns import attributes_in, extra_in, missing_in
from remedy.diff.constraints import checks_in
from remedy.diff.context import make_context
from remedy.diff.detached import as_partition
from remedy.findings import Finding
from remedy.model import Schema, Table
from remedy.plan import ops as o
from remedy.plan.object_ops import AttachPartition

_REFUSED = frozenset({"missing_column", "extra_column", "type_mismatch", "column_kind_mismatch", "missing_check",
                      "constraint_mismatch"})


def attach_where_it_can(ops: list[o.Operation], live: Schema, expected: Schema | None) -> list[o.Operation]:
    """``ops``, each ATTACH carrying the table as the plan leaves it, or a comment where it would be refused."""
    if expected is None or not any(isinstance(op, AttachPartition) and not op.detach for op in ops):
        return ops
    model, out = live, []
    for op in ops:
        if isinstance(op, AttachPartition) and not op.detach:
            have = model.table(op.obj.schema, op.obj.name)
            op = replace(op, definition=have) if have is not None else op
            refused = _refusals(expected, model, op, have)
            if refused:
                out.append(o.Comment(schema=op.schema, table=op.table, finding_ids=op.finding_ids, text=(
                    f"{op.obj.qualified} not attached to {op.obj.property('parent')}: PostgreSQL would refuse it, as "
                    f"{'; '.join(refused)} (an extra column is dropped by a drop decision, or --allow-destructive)")))
                continue
        out.append(op)
        model = op.apply_to(model)
    return out


def _refusals(expected: Schema, model: Schema, op: AttachPartition, have: Table | None) -> list[str]:
    """What of the table as the plan leaves it PostgreSQL would refuse to attach (the findings' messages)."""
    want = as_partition(expected, op.obj, have) if have is not None else None
    if want is None:
        return []
    ctx = make_context(expected, model)
    found = chain(missing_in(ctx, want, have), extra_in(ctx, want, have), attributes_in(ctx, want, have),
                  checks_in(ctx, want, have))
    return [f.message for f in found if _refused(f)]


def _refused(f: Finding) -> bool:
    return f.kind in _REFUSED or (f.kind == "nullability_mismatch" and (f.expected or {}).get("nullable") is False)
