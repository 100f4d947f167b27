"""What every report format shares: ordering, counts, value descriptions, fix advice.

Pure functions of findings and a ScanResult; no formatting of any one format.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from importlib import metadata

from remedy.findings import SEVERITIES, Finding, Phase, ScanResult

SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
KIND_TITLES = {
    "missing_schema": "Missing schema",
    "extra_schema": "Extra schema",
    "missing_table": "Missing table",
    "extra_table": "Extra table",
    "missing_column": "Missing column",
    "extra_column": "Extra column",
    "type_mismatch": "Type mismatch",
    "nullability_mismatch": "Nullability mismatch",
    "default_mismatch": "Default mismatch",
    "missing_primary_key": "Missing primary key",
    "missing_foreign_key": "Missing foreign key",
    "missing_unique": "Missing unique constraint",
    "missing_index": "Missing index",
    "missing_check": "Missing check constraint",
    "missing_enum_value": "Missing enum value",
    "missing_enum": "Missing enum type",
    "extra_enum": "Extra enum type",
    "missing_exclusion": "Missing exclusion constraint",
    "missing_extension": "Missing extension",
    "extra_extension": "Extra extension",
    "extra_primary_key": "Extra primary key",
    "extra_unique": "Extra unique constraint",
    "extra_foreign_key": "Extra foreign key",
    "extra_check": "Extra check constraint",
    "extra_exclusion": "Extra exclusion constraint",
    "extra_index": "Extra index",
    "constraint_mismatch": "Constraint definition differs",
    "index_mismatch": "Index definition differs",
    "name_mismatch": "Constraint or index name differs",
    "column_kind_mismatch": "Column kind differs (serial / identity / generated)",
    "column_visibility_mismatch": "Column visibility differs (INVISIBLE)",
    "table_option_mismatch": "Table option differs (engine / charset / collation / row format)",
    "table_flag_mismatch": "Table flag differs (UNLOGGED; SQLite: AUTOINCREMENT / STRICT / WITHOUT ROWID)",
}


_PLURALS = {"row_level_security": "tables with row-level security", "statistics": "statistics objects",
            "policy": "policies", "grant_to_missing_role": "grants to roles the live server lacks",
            "grant_to_unnamed_role": "grants to roles the expected schema never names",
            "table_storage_parameters": "tables with storage parameters (WITH (...))",
            "replica_identity": "tables with a REPLICA IDENTITY other than the default",
            "tablespace": "relations in a tablespace of their own",
            "column_storage_setting": "columns with SET STORAGE, STATISTICS or COMPRESSION",
            "partition_index": "indexes of a partition alone", "partition_constraint": "constraints of a partition alone"}

_SINGULARS = {"grant_to_missing_role": "grant to a role the live server lacks",
              "table_storage_parameters": "table with storage parameters (WITH (...))",
              "replica_identity": "table with a REPLICA IDENTITY other than the default",
              "tablespace": "relation in a tablespace of its own",
              "column_storage_setting": "column with SET STORAGE, STATISTICS or COMPRESSION",
              "partition_index": "index of a partition alone", "partition_constraint": "constraint of a partition alone",
              "grant_to_unnamed_role": "grant to a role the expected schema never names"}


def kind_count(kind: str, count: int) -> str:
    """``3 views``, ``1 materialized view``, ``2 policies``."""
    if count != 1 and kind in _PLURALS:
        return f"{count} {_PLURALS[kind]}"
    if kind in _SINGULARS:
        return f"{count} {_SINGULARS[kind]}"
    words = kind.replace("_", " ")
    return f"{count} {words}" + ("" if count == 1 or kind in _PLURALS else "s")


def not_compared_text(result: ScanResult) -> str:
    """``3 views, 1 trigger`` (live database), then what only an expected database holds; "" when nothing."""
    parts = []
    for side, label in (("live", ""), ("expected", "in the expected database: ")):
        counts = Counter()
        for present in result.not_compared:
            if present.side == side:
                counts[present.kind] += present.count
        if counts:
            parts.append(label + ", ".join(kind_count(kind, n) for kind, n in sorted(counts.items())))
    return "; ".join(parts)


def tool_version() -> str:
    try:
        return metadata.version("remedy")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def kind_title(kind: str) -> str:
    return KIND_TITLES.get(kind, kind.replace("_", " ").capitalize())


def sort_key(finding: Finding) -> tuple:
    return (finding.phase, SEVERITY_RANK.get(finding.severity, 9), finding.schema, finding.table, finding.id)


def ordered(findings) -> list[Finding]:
    return sorted(findings, key=sort_key)


@dataclass(frozen=True)
class Summary:
    total: int
    by_phase: dict[str, int]
    by_severity: dict[str, int]
    by_kind: dict[str, int]
    tables: int  # distinct tables with at least one finding

    def severity_line(self) -> str:
        """'23 findings: 9 critical, 10 warning, 4 info'."""
        noun = "finding" if self.total == 1 else "findings"
        parts = [f"{n} {sev}" for sev, n in self.by_severity.items() if n]
        return f"{self.total} {noun}" + (f": {', '.join(parts)}" if parts else "")


def summarize(result: ScanResult) -> Summary:
    findings = result.findings
    by_phase = {str(p.id): 0 for p in result.phases}
    for f in ordered(findings):
        by_phase[str(f.phase)] = by_phase.get(str(f.phase), 0) + 1
    severities = Counter(f.severity for f in findings)
    by_severity = {sev: severities.get(sev, 0) for sev in SEVERITIES}
    by_severity.update({k: v for k, v in severities.items() if k not in by_severity})
    return Summary(
        total=len(findings),
        by_phase=by_phase,
        by_severity=by_severity,
        by_kind=dict(sorted(Counter(f.kind for f in findings).items())),
        tables=len({(f.schema, f.table) for f in findings if f.table}),
    )


def phase_sections(result: ScanResult) -> list[tuple[Phase, list[Finding]]]:
    """Each phase that has findings, in phase order; unknown phase ids get a generic title."""
    groups = result.by_phase()
    known = {p.id: p for p in result.phases}
    sections = []
    for pid in sorted(groups):
        if groups[pid]:
            phase = known.get(pid) or Phase(pid, f"Phase {pid}" if pid else "Not triaged")
            sections.append((phase, ordered(groups[pid])))
    return sections


def spans_schemas(findings, extra_schemas=()) -> bool:
    """True when tables of more than one schema are involved: labels must then say which."""
    return len({f.schema for f in findings if f.table} | set(extra_schemas)) > 1


def by_table(findings: list[Finding], qualify: bool = False) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by their table (schema-qualified when ``qualify``), in first-seen order."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(table_label(f, qualify), []).append(f)
    return list(groups.items())


def table_label(finding: Finding, qualify: bool = False) -> str:
    if finding.kind in ("missing_extension", "extra_extension"):
        return "(database)"
    name = f"{finding.schema}.{finding.table}" if qualify and finding.schema else finding.table
    if finding.kind == "missing_enum_value":
        return f"enum {name}"
    return name or "(database)"


def worst_severity(findings) -> str:
    return min((f.severity for f in findings), key=lambda s: SEVERITY_RANK.get(s, 9), default="")


def describe(value: dict | None, nullable_word: bool = False) -> str:
    """A column-ish expected/actual value as one short phrase: 'text NOT NULL DEFAULT now()'.

    ``nullable_word`` also spells out NULL (for nullability findings, where it is the point).
    """
    if value is None:
        return "missing"
    if not isinstance(value, dict):
        return str(value)
    if "type" in value or "nullable" in value:
        return _describe_column(value, nullable_word)
    shown = {k: v for k, v in value.items() if v not in (None, "", [], ()) and not k.startswith("raw_")}
    return ", ".join(f"{k}={_short(v)}" for k, v in shown.items())


def describe_pair(finding: Finding) -> tuple[str | None, str | None]:
    """The finding's expected and actual values described (None where there is none)."""
    word = finding.kind == "nullability_mismatch"
    pair = (finding.expected, finding.actual)
    if finding.kind == "name_mismatch" and all(isinstance(v, dict) for v in pair):  # one definition, two names
        return tuple(f"name {v.get('name')}" for v in pair)
    if finding.kind == "type_mismatch" and all(isinstance(v, dict) for v in pair) \
            and pair[0].get("type") == pair[1].get("type"):  # types that differ as declared (SQLite: INT, INTEGER)
        pair = tuple({**v, "type": v.get("raw_type") or v.get("type")} for v in pair)
    return tuple(None if v is None else describe(v, word) for v in pair)


def _describe_column(value: dict, nullable_word: bool) -> str:
    words = [str(value.get("type") or "any type")]
    if value.get("nullable") is False:
        words.append("NOT NULL")
    elif value.get("nullable") is True and nullable_word:
        words.append("NULL")
    if value.get("default") is not None:
        words.append(f"DEFAULT {value['default']}")
    extra = {k: v for k, v in value.items() if k not in ("type", "nullable", "default") and not k.startswith("raw_")}
    rest = describe(extra) if extra else ""
    return " ".join(words) + (f" ({rest})" if rest else "")


def _short(value) -> str:
    if isinstance(value, (list, tuple)):
        return "(" + ", ".join(map(str, value)) + ")"
    return str(value)


def candidates_line(finding: Finding) -> str:
    """'campaign_type 0.91 (hint, same type); payload 0.40 (name)'."""
    return "; ".join(
        f"{c.column} {c.score:.2f}" + (f" ({', '.join(c.reasons)})" if c.reasons else "")
        for c in finding.rename_candidates
    )


def evidence_refs(finding: Finding) -> list[str]:
    return [f"{e.file}:{e.line}" if e.line else e.file for e in finding.evidence]


def coverage_lines(result: ScanResult) -> list[str]:
    """What the --code scan read (counts) and each SQL site it did not read fully; [] without --code."""
    coverage = result.code_coverage
    if coverage is None:
        return []
    lines = [f"code: {coverage.counts.line}"]
    for site in coverage.partial:
        certain = f" (certain: {', '.join(site.certain)})" if site.certain else ""
        lines.append(f"  partly read {site.location}: {site.reason}{certain}")
    lines += [f"  unread {site.location}: {site.reason}" for site in coverage.unread]
    return lines


def no_drift_line(result: ScanResult) -> str:
    """The no-drift sentence, which never claims more than was read."""
    coverage = result.code_coverage
    unread = coverage.counts.unread if coverage is not None else 0
    sites = f"{unread} SQL site{'s' if unread != 1 else ''} unread" if unread else ""
    kinds = not_compared_text(result)
    if kinds:
        return f"No drift in what was compared; not compared: {kinds}" + (f"; {sites}." if sites else ".")
    if sites:
        return f"No drift in what could be read: {sites}."
    return "No drift: the live schema matches the expected schema."
