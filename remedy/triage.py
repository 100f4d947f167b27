"""How urgent a finding is: its phase, and the catalog's impact note.

Catalog phases match by table glob and finding kind (first match wins; what no
phase matches goes to the last). Without catalog phases, the default triage:
what breaks the application now -> integrity -> performance and extras.
"""
from __future__ import annotations

from dataclasses import replace
from fnmatch import fnmatchcase
from typing import Mapping

from remedy.findings import DEFAULT_PHASES, Finding, Phase

INTEGRITY_KINDS = frozenset({"missing_primary_key", "missing_foreign_key", "missing_unique", "missing_check",
                             "nullability_mismatch", "default_mismatch", "type_mismatch", "missing_enum_value",
                             "missing_extension", "constraint_mismatch", "column_kind_mismatch",
                             "extra_primary_key", "extra_unique", "extra_foreign_key", "extra_check",
                             "extra_exclusion", "column_visibility_mismatch", "table_option_mismatch",
                             "table_flag_mismatch"})
# What a changed view, function, trigger, policy... does: it behaves differently now (a missing one is
# critical and goes first; comments and extras are cosmetic and go last).
INTEGRITY_KINDS |= frozenset(f"{kind}_mismatch" for kind in (
    "view", "materialized_view", "function", "procedure", "trigger", "policy", "rls", "sequence", "domain",
    "partition", "partition_key", "inheritance", "enum_order", "extension_version", "type_definition", "grant",
    "event"))
SEVERITY_ORDER = {"critical": 0, "warning": 1, "info": 2}


def triage(findings: list[Finding], phases: tuple[Phase, ...] = (), notes: Mapping | None = None) -> list[Finding]:
    phases = phases or DEFAULT_PHASES
    custom = phases is not DEFAULT_PHASES
    out = []
    for f in findings:
        phase = _catalog_phase(f, phases) if custom else default_phase(f)
        impact = _impact(f, notes or {})
        out.append(replace(f, phase=phase, impact=impact or f.impact))
    return sorted(out, key=sort_key)


def sort_key(f: Finding):
    return (f.phase, SEVERITY_ORDER.get(f.severity, 9), f.schema, f.table, f.kind != "missing_table", f.id)


def default_phase(f: Finding) -> int:
    if f.severity == "critical":
        return 1
    if f.kind in INTEGRITY_KINDS:
        return 2
    return 3


def _catalog_phase(f: Finding, phases: tuple[Phase, ...]) -> int:
    for phase in phases:
        tables_ok = not phase.tables or any(fnmatchcase(f.table.lower(), p.lower()) for p in phase.tables)
        kinds_ok = not phase.kinds or f.kind in phase.kinds
        if tables_ok and kinds_ok:
            return phase.id
    return phases[-1].id


def _impact(f: Finding, notes: Mapping) -> str:
    note = notes.get(f.table) or notes.get(f.table.lower())
    return getattr(note, "impact", "") if note else ""
