"""missing_/extra_ view and materialized_view, view_mismatch: compared by PostgreSQL's own deparse
(pg_get_viewdef on both sides; a catalog's views are deparsed in a scratch database), with a view's
options and a materialized view's indexes."""
from __future__ import annotations

from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.diff.objects import KindRules, compare_kind

VIEW = KindRules("view", "view", "view")
MATERIALIZED_VIEW = KindRules("materialized_view", "materialized view", "materialized_view")


@comparator
def views(ctx: Context):
    yield from compare_kind(ctx, VIEW)
    yield from compare_kind(ctx, MATERIALIZED_VIEW)
