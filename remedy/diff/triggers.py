"""Triggers: timing, events, columns, WHEN and function, as pg_get_triggerdef says them, and whether they fire."""
from __future__ import annotations

from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.diff.objects import KindRules, compare_kind

TRIGGER = KindRules("trigger", "trigger", "trigger")


@comparator
def triggers(ctx: Context):
    yield from compare_kind(ctx, TRIGGER)
