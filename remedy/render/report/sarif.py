"""SARIF 2.1.0 for code-scanning UIs: one rule per finding kind, one result per finding.

A result points at its first code evidence (file:line); without code evidence, at the
expected schema's DDL line for the table/column when the catalog recorded one; failing
that (an extra table), at line 1 of the first DDL file. Every result also carries a
logical location (schema.table.column).
"""
from __future__ import annotations

import json
from urllib.parse import quote

from remedy.findings import KINDS, Finding, ScanResult
from remedy.model import Evidence
from remedy.render.report.common import describe_pair, kind_title, not_compared_text, ordered, tool_version

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"critical": "error", "warning": "warning", "info": "note"}
RULE_HELP = {
    "missing_table": "A table the expected schema declares does not exist in the database.",
    "extra_table": "The database has a table the expected schema does not declare.",
    "missing_column": "A column the expected schema or the application's SQL needs does not exist.",
    "extra_column": "The database has a column the expected schema does not declare.",
    "type_mismatch": "A column's type differs from the expected type.",
    "nullability_mismatch": "A column's NULL / NOT NULL differs from the expected schema.",
    "default_mismatch": "A column's default differs from the expected default.",
    "missing_primary_key": "A table has no primary key, or a different one.",
    "missing_foreign_key": "A foreign key the expected schema declares is missing.",
    "missing_unique": "A unique constraint the expected schema declares is missing.",
    "missing_index": "An index the expected schema declares is missing.",
    "missing_check": "A check constraint the expected schema declares is missing.",
    "missing_enum_value": "An enum type lacks a value the expected schema declares.",
    "missing_enum": "An enum type the expected schema declares does not exist.",
    "extra_enum": "The database has an enum type the expected schema does not declare.",
    "missing_exclusion": "An exclusion constraint the expected schema declares is missing.",
    "missing_schema": "A schema the expected side declares does not exist in the database.",
    "extra_schema": "The database has a schema the expected side does not declare.",
    "missing_extension": "A database extension the expected schema needs is not installed.",
    "extra_extension": "A database extension is installed that the expected schema does not name.",
    "extra_primary_key": "The database has a primary key the expected schema does not declare.",
    "extra_unique": "The database has a unique constraint the expected schema does not declare.",
    "extra_foreign_key": "The database has a foreign key the expected schema does not declare.",
    "extra_check": "The database has a check constraint the expected schema does not declare.",
    "extra_exclusion": "The database has an exclusion constraint the expected schema does not declare.",
    "extra_index": "The database has an index the expected schema does not declare.",
    "constraint_mismatch": "A constraint exists under the expected name with another definition.",
    "index_mismatch": "An index exists under the expected name with another definition.",
    "name_mismatch": "A constraint or index exists with the expected definition under another name.",
    "column_kind_mismatch": "A column is serial, identity or generated differently than expected.",
    "column_visibility_mismatch": "A column is INVISIBLE (or visible) differently than expected.",
    "table_option_mismatch": "A table's engine, default charset or collation, or row format differs.",
    "table_flag_mismatch": "A table is created with other flags (UNLOGGED; AUTOINCREMENT, STRICT, WITHOUT ROWID) than expected.",
}
_DEFAULT_LEVEL = {"missing_table": "error", "missing_column": "error", "type_mismatch": "error",
                  "extra_table": "note", "extra_column": "note", "missing_index": "note"}


def render_sarif(result: ScanResult) -> str:
    return json.dumps(sarif_dict(result), indent=2, ensure_ascii=False) + "\n"


def sarif_dict(result: ScanResult) -> dict:
    findings = ordered(result.findings)
    kinds = list(KINDS) + sorted({f.kind for f in findings} - set(KINDS))
    used = [k for k in kinds if any(f.kind == k for f in findings)]
    index = {kind: i for i, kind in enumerate(used)}
    driver = {
        "name": "remedy",
        "version": tool_version(),
        "informationUri": "https://pypi.org/project/remedy/",
        "rules": [_rule(kind) for kind in used],
    }
    run = {
        "tool": {"driver": driver},
        "results": [_result(f, index[f.kind], result.expected) for f in findings],
        "properties": {"database": result.database_url, "expected": result.expected_source,
                       "fingerprint": result.fingerprint, "notCompared": [p.to_json() for p in result.not_compared]},
    }
    if result.code_coverage is not None:
        run["properties"]["code_coverage"] = result.code_coverage.to_json()
        run["invocations"] = [{"executionSuccessful": True,
                               "toolExecutionNotifications": [_unread(s) for s in result.code_coverage.unread]}]
    texts = ([f"not compared: {not_compared_text(result)}"] if result.not_compared else []) + list(result.notes)
    if texts:  # a viewer shows notifications: what was not looked at is not hidden in properties
        run.setdefault("invocations", [{"executionSuccessful": True, "toolExecutionNotifications": []}])
        run["invocations"][0]["toolExecutionNotifications"] += [{"level": "note", "message": {"text": t}}
                                                                for t in texts]
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _unread(site) -> dict:
    """An SQL site remedy could not read: a notification at its file:line (not a finding)."""
    return {"level": "warning", "message": {"text": f"SQL not read: {site.reason}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": quote(site.file)},
                                                "region": {"startLine": max(site.line, 1)}}}]}


def _rule(kind: str) -> dict:
    title = kind_title(kind)
    return {
        "id": kind,
        "name": "".join(word.capitalize() for word in kind.split("_")),
        "shortDescription": {"text": title},
        "fullDescription": {"text": RULE_HELP.get(kind, title)},
        "defaultConfiguration": {"level": _DEFAULT_LEVEL.get(kind, "warning")},
        "properties": {"tags": ["schema-drift", "database"]},
    }


def _result(finding: Finding, rule_index: int, expected) -> dict:
    result = {
        "ruleId": finding.kind,
        "ruleIndex": rule_index,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": _message(finding)},
        "locations": [_location(finding, expected)],
        "partialFingerprints": {"remedyFindingId/v1": finding.id},
        "properties": _properties(finding),
    }
    related = [_physical(e, i) for i, e in enumerate(finding.evidence[1:], 1)]
    if related:
        result["relatedLocations"] = related
    return result


def _message(finding: Finding) -> str:
    text = finding.message or f"{kind_title(finding.kind)}: {finding.target}"
    if finding.rename_candidates:
        best = finding.rename_candidates[0]
        text += f" (rename candidate: {best.column}, score {best.score:.2f})"
    return text


def _location(finding: Finding, expected) -> dict:
    evidence = finding.evidence[:1] or _declared_at(finding, expected) or _schema_file(expected)
    location = _physical(evidence[0]) if evidence else {}
    parts = [p for p in (finding.schema, finding.table, finding.column or finding.object) if p]
    location["logicalLocations"] = [{
        "fullyQualifiedName": ".".join(parts) or finding.id,
        "kind": "member" if finding.column else "type",
    }]
    return location


def _declared_at(finding: Finding, expected) -> tuple[Evidence, ...]:
    """The DDL line where the expected schema declares the finding's table or column."""
    table = expected.table(finding.schema, finding.table) if hasattr(expected, "table") else None
    if table is None:
        return ()
    column = table.column(finding.column, expected.name_key) if finding.column else None
    found = (column.evidence if column is not None else ()) or table.evidence
    return tuple(e for e in found if e.file)[:1]


def _schema_file(expected) -> tuple[Evidence, ...]:
    """Line 1 of the first file declaring the expected schema: where an undeclared table would go.

    Code-scanning uploads want a file for every result; extra tables have no line of their own.
    """
    files = sorted({e.file for t in getattr(expected, "tables", {}).values() for e in t.evidence if e.file})
    return (Evidence(files[0], 1),) if files else ()


def _physical(evidence: Evidence, related_id: int | None = None) -> dict:
    region = {"startLine": max(evidence.line, 1)}
    if evidence.snippet:
        region["snippet"] = {"text": evidence.snippet}
    location: dict = {"physicalLocation": {"artifactLocation": {"uri": _uri(evidence.file)}, "region": region}}
    if related_id is not None:
        location["id"] = related_id
        location["message"] = {"text": "also needed here"}
    return location


def _uri(path: str) -> str:
    if path.startswith("/"):
        return "file://" + quote(path)
    return quote(path.replace("\\", "/"))


def _properties(finding: Finding) -> dict:
    props = {"id": finding.id, "phase": finding.phase, "severity": finding.severity}
    expected, actual = describe_pair(finding)
    if expected is not None or actual is not None:
        props["expected"] = expected or "not declared"
        props["actual"] = actual or "missing"
    if finding.rename_candidates:
        props["renameCandidates"] = [c.to_json() for c in finding.rename_candidates]
    if finding.verdict:
        props["verdict"] = finding.verdict
    return props
