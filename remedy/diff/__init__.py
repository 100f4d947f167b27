"""Compare an expected and a live Schema: one comparator module per object kind.

Each comparator is a pure function ``(Context) -> Iterable[Finding]`` registered
with ``@comparator``; ``diff`` runs them all. Adding a kind means adding a module.
"""
from __future__ import annotations

from typing import Callable, Iterable

from remedy.diff.context import Context, make_context
from remedy.findings import Finding
from remedy.model import Schema

Comparator = Callable[[Context], Iterable[Finding]]
COMPARATORS: list[Comparator] = []
# Object kinds beyond tables, columns, keys, indexes and enums that a registered comparator compares.
# A kind present in a database (remedy.sources.inventory) and not listed here is reported as not compared.
_COMPARED_KINDS: set[str] = set()


def compares(*kinds: str) -> None:
    """Declare that a registered comparator compares these object kinds ("view", "trigger", ...)."""
    _COMPARED_KINDS.update(kinds)


def compared_kinds() -> frozenset[str]:
    return frozenset(_COMPARED_KINDS)


def comparator(fn: Comparator) -> Comparator:
    COMPARATORS.append(fn)
    return fn


def diff(expected: Schema, live: Schema) -> list[Finding]:
    ctx = make_context(expected, live)
    findings: list[Finding] = []
    for compare in COMPARATORS:
        findings.extend(compare(ctx))
    return findings


from remedy.diff import schemas, tables, columns, constraints, indexes, types  # noqa: E402,F401  (registration)
from remedy.diff import views, functions, triggers, policies, comments, sequences, pgtypes, partitions  # noqa: E402,F401,E501
from remedy.diff import grants, attributes, table_options, default_privileges, owners, table_flags  # noqa: E402,F401,E501
from remedy.diff import events, virtual_tables, names  # noqa: E402,F401
