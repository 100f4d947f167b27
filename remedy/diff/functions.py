"""Functions and procedures: identity is the name plus the argument types; the definition is
pg_get_functiondef (body, language, volatility, security definer, search_path, return type)."""
from __future__ import annotations

from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.diff.objects import KindRules, compare_kind

FUNCTION = KindRules("function", "function", "function")
PROCEDURE = KindRules("procedure", "procedure", "procedure")


@comparator
def functions(ctx: Context):
    yield from compare_kind(ctx, FUNCTION)
    yield from compare_kind(ctx, PROCEDURE)
