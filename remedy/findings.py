"""What differs between the expected and the live schema: data only.

How urgent a finding is (phase, severity) is decided in ``triage``; rename
candidates are scored in ``renames``. Both return new values with
``dataclasses.replace`` so re-triage never re-diffs.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from remedy.model import Evidence

KINDS = (
    "missing_schema",
    "extra_schema",
    "missing_table",
    "extra_table",
    "missing_column",
    "extra_column",
    "type_mismatch",
    "nullability_mismatch",
    "default_mismatch",
    "missing_primary_key",
    "missing_foreign_key",
    "missing_unique",
    "missing_index",
    "missing_check",
    "missing_enum_value",
    "missing_extension",
    "missing_enum",
    "missing_exclusion",
    "extra_primary_key",
    "extra_unique",
    "extra_foreign_key",
    "extra_check",
    "extra_exclusion",
    "extra_index",
    "constraint_mismatch",
    "index_mismatch",
    "name_mismatch",
    "column_kind_mismatch",
    "column_visibility_mismatch",
    "table_option_mismatch",
    "table_flag_mismatch",
)

SEVERITIES = ("critical", "warning", "info")


@dataclass(frozen=True)
class RenameCandidate:
    column: str
    score: float
    reasons: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"column": self.column, "score": round(self.score, 2), "reasons": list(self.reasons)}


@dataclass(frozen=True)
class Finding:
    kind: str
    schema: str
    table: str  # for missing_enum_value: the enum name; for missing_extension: ""
    column: str | None = None
    object: str | None = None  # index / constraint / enum value / extension name
    expected: dict | None = None
    actual: dict | None = None
    message: str = ""
    severity: str = "warning"
    phase: int = 0
    rename_candidates: tuple[RenameCandidate, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    impact: str = ""
    verdict: str = ""  # proof by the database, when there is one

    @property
    def id(self) -> str:
        parts = [p for p in (self.schema, self.table, self.column, self.object) if p]
        return f"{self.kind}:{'.'.join(parts)}"

    @property
    def target(self) -> str:
        """The object the finding is about, for display: table.column etc."""
        parts = [p for p in (self.table, self.column or self.object) if p]
        return ".".join(parts)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "phase": self.phase,
            "severity": self.severity,
            "schema": self.schema,
            "table": self.table,
            "column": self.column,
            "object": self.object,
            "expected": self.expected,
            "actual": self.actual,
            "rename_candidates": [c.to_json() for c in self.rename_candidates],
            "evidence": [e.to_json() for e in self.evidence],
            "impact": self.impact or None,
            "verdict": self.verdict or None,
            "message": self.message,
        }


@dataclass(frozen=True)
class Phase:
    id: int
    title: str
    description: str = ""
    tables: tuple[str, ...] = ()  # names or globs; empty = any
    kinds: tuple[str, ...] = ()  # finding kinds; empty = any

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "description": self.description}


DEFAULT_PHASES = (
    Phase(1, "Breaks the application now",
          "Missing tables and columns, incompatible types, NOT NULL columns the code does not fill."),
    Phase(2, "Integrity", "Keys, constraints, nullability and defaults."),
    Phase(3, "Performance and extras", "Indexes, and objects the application does not declare."),
)


@dataclass(frozen=True)
class ScanResult:
    """Everything one scan produced: the two schemas, the findings, the phases."""

    expected: object  # remedy.model.Schema
    live: object  # remedy.model.Schema
    findings: tuple[Finding, ...]
    phases: tuple[Phase, ...] = DEFAULT_PHASES
    database_url: str = ""  # masked
    expected_source: str = ""
    fingerprint: str = ""
    timings: dict = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # e.g. "3 column references could not be pinned to one table"
    code_coverage: object = None  # remedy.sources.code.values.CoverageReport when --code was read
    not_compared: tuple = ()  # remedy.sources.inventory.Present: kinds present that no comparator compares

    def by_phase(self) -> dict[int, list[Finding]]:
        groups: dict[int, list[Finding]] = {p.id: [] for p in self.phases}
        for f in self.findings:
            groups.setdefault(f.phase, []).append(f)
        return groups

    def finding(self, finding_id: str) -> Finding | None:
        return next((f for f in self.findings if f.id == finding_id), None)
