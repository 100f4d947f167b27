"""Recommended fixes, derived from finding kinds: one line per (kind, table) group.

Used by the markdown report; phrased as the audit's "Recommended Fixes" lists.
"""
from __future__ import annotations

from remedy.findings import Finding
from remedy.render.report.common import spans_schemas, table_label

# kind -> (verb phrase with {table}, whether items are listed per table)
_ADVICE = {
    "missing_table": "Create the missing tables",
    "extra_table": "Review the tables the expected schema does not declare (keep, or drop with --allow-destructive)",
    "missing_column": "Add the missing columns to {table}",
    "extra_column": "Review the extra columns on {table} (renamed, or obsolete)",
    "type_mismatch": "Change the column types on {table}",
    "nullability_mismatch": "Align nullability on {table} (backfill NULLs before SET NOT NULL)",
    "default_mismatch": "Align column defaults on {table}",
    "missing_primary_key": "Add the missing primary keys",
    "missing_foreign_key": "Add the missing foreign keys on {table} (check for orphan rows first)",
    "missing_unique": "Add the missing unique constraints on {table} (check for duplicates first)",
    "missing_index": "Create the missing indexes on {table}",
    "missing_check": "Add the missing check constraints on {table}",
    "missing_enum_value": "Add the missing values to enum {table}",
    "missing_enum": "Create the missing enum types",
    "extra_enum": "Review the enum types the expected schema does not declare",
    "missing_exclusion": "Add the missing exclusion constraints on {table}",
    "missing_schema": "Create the missing schemas",
    "extra_schema": "Review the schemas the expected side does not declare",
    "missing_extension": "Install the missing extensions",
    "extra_extension": "Review the extensions the expected schema does not name (what they provide may be in use)",
    "extra_primary_key": "Review the primary keys the expected schema does not declare",
    "extra_unique": "Review the extra unique constraints on {table}",
    "extra_foreign_key": "Review the extra foreign keys on {table}",
    "extra_check": "Review the extra check constraints on {table}",
    "extra_exclusion": "Review the extra exclusion constraints on {table}",
    "extra_index": "Review the extra indexes on {table}",
    "constraint_mismatch": "Redefine the constraints on {table} (dropped, then added as expected)",
    "index_mismatch": "Rebuild the indexes on {table} as expected",
    "name_mismatch": "Rename the constraints and indexes on {table} as expected",
    "column_kind_mismatch": "Align serial / identity / generated columns on {table}",
    "column_visibility_mismatch": "Make the columns of {table} visible or INVISIBLE as expected",
    "table_option_mismatch": "Set the table options of {table} as expected",
    "table_flag_mismatch": "Give {table} the expected flags (PostgreSQL: SET LOGGED / UNLOGGED; SQLite rebuilds it: AUTOINCREMENT, STRICT, WITHOUT ROWID)",
}
_PER_DATABASE = ("missing_table", "extra_table", "missing_primary_key", "missing_extension",
                 "extra_extension")


def recommended_fixes(findings: list[Finding], all_findings=()) -> list[str]:
    """Markdown lines (without list markers) for a phase's findings, renames first.

    Extra columns that are the best rename candidate of some missing column (in
    ``all_findings``, any phase) are covered by the rename line and not repeated.
    """
    qualify = spans_schemas((*findings, *all_findings))
    renames = [f for f in findings if f.kind == "missing_column" and f.rename_candidates]
    sources = {(f.schema, f.table, f.rename_candidates[0].column)
               for f in (*findings, *all_findings) if f.kind == "missing_column" and f.rename_candidates}
    lines = [_rename_line(f, qualify) for f in renames]
    renamed = {f.id for f in renames}
    groups: dict[tuple[str, str], list[str]] = {}
    for f in findings:
        if f.id in renamed or (f.kind == "extra_column" and (f.schema, f.table, f.column) in sources):
            continue
        scope = "" if f.kind in _PER_DATABASE else table_label(f, qualify)
        groups.setdefault((f.kind, scope), []).append(_item(f, qualify))
    for (kind, table), items in groups.items():
        advice = _ADVICE.get(kind, f"Resolve {kind.replace('_', ' ')} on {{table}}")
        lines.append(f"{advice.format(table=f'`{table}`')}: {', '.join(_unique(items))}")
    return lines


def _rename_line(finding: Finding, qualify: bool) -> str:
    best = finding.rename_candidates[0]
    return (f"Rename `{table_label(finding, qualify)}.{best.column}` to `{finding.column}` "
            f"(score {best.score:.2f}; keeps the data — confirm, or add the column instead)")


def _item(finding: Finding, qualify: bool) -> str:
    if finding.kind in ("missing_table", "extra_table", "missing_primary_key"):
        return f"`{table_label(finding, qualify)}`"
    return f"`{finding.column or finding.object or finding.table}`"


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
