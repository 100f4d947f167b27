"""Events (MariaDB/MySQL): body, schedule, status, ON COMPLETION and comment (remedy.sources.events_mysql)."""
from __future__ import annotations

from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.diff.objects import KindRules, compare_kind

EVENT = KindRules("event", "event", "event")


@comparator
def events(ctx: Context):
    yield from compare_kind(ctx, EVENT)
