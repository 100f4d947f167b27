"""Domains (base type, default, NOT NULL, constraints), composite types and range types."""
from __future__ import annotations

from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.diff.objects import KindRules, compare_kind

DOMAIN = KindRules("domain", "domain", "domain")
TYPE = KindRules("type", "type", "type", mismatch="type_definition_mismatch")


@comparator
def pg_types(ctx: Context):
    yield from compare_kind(ctx, DOMAIN)
    yield from compare_kind(ctx, TYPE)
