"""Comments on tables, views, columns, sequences, functions and types (cosmetic: the last phase)."""
from __future__ import annotations

from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.diff.objects import KindRules, compare_kind

COMMENT = KindRules("comment", "comment on", "comment", missing_severity="info", mismatch_severity="info")


@comparator
def comments(ctx: Context):
    yield from compare_kind(ctx, COMMENT)
