"""Hand-built ScanResult values for TUI tests and the bench (no database)."""
from __future__ import annotations

from remedy.findings import Finding, RenameCandidate, ScanResult
from remedy.model import Column, Evidence, Table, build_schema


def _col(name, type_, nullable=True, default=None):
    return Column(name=name, type=type_, nullable=nullable, default=default, raw_type=type_.upper())


def small_scan() -> ScanResult:
    """campaign_jobs with a renamed column, a missing table, an extra column, a type change."""
    expected = build_schema("postgresql", [
        Table("campaign_jobs", "public", (_col("id", "uuid", False), _col("job_type", "text", False),
                                          _col("business_status", "text"))),
        Table("keyword_rules", "public", (_col("id", "uuid", False), _col("pattern", "text", False))),
        Table("dns_validation_results", "public", (_col("id", "uuid", False), _col("score", "integer"))),
    ], source="catalog/domainflow")
    live = build_schema("postgresql", [
        Table("campaign_jobs", "public", (_col("id", "uuid", False), _col("campaign_type", "text", False),
                                          _col("legacy_flag", "boolean"))),
        Table("dns_validation_results", "public", (_col("id", "uuid", False), _col("score", "text"))),
    ], server_version="16.4")
    findings = (
        Finding("missing_column", "public", "campaign_jobs", "job_type",
                expected={"type": "text", "nullable": False, "default": None},
                message="campaign_jobs.job_type is expected but missing; campaign_type looks like its old name",
                severity="critical", phase=1,
                rename_candidates=(RenameCandidate("campaign_type", 0.91, ("hint", "same type")),
                                   RenameCandidate("legacy_flag", 0.22, ("same table",))),
                evidence=(Evidence("backend/internal/store/postgres/campaign_job_store.go", 57,
                                   "SELECT id, job_type FROM campaign_jobs WHERE id = $1",
                                   "confirmed by the database: 42703"),),
                impact="Background job processing is broken."),
        Finding("missing_column", "public", "campaign_jobs", "business_status",
                expected={"type": "text", "nullable": True, "default": None},
                message="campaign_jobs.business_status is expected but missing", severity="critical", phase=1),
        Finding("missing_table", "public", "keyword_rules", message="keyword_rules is expected but missing",
                severity="critical", phase=1, expected={"columns": ["id", "pattern"]}),
        Finding("type_mismatch", "public", "dns_validation_results", "score",
                expected={"type": "integer", "nullable": True, "default": None},
                actual={"type": "text", "nullable": True, "default": None},
                message="dns_validation_results.score is text, expected integer", severity="warning", phase=2),
        Finding("extra_column", "public", "campaign_jobs", "legacy_flag",
                actual={"type": "boolean", "nullable": True, "default": None},
                message="campaign_jobs.legacy_flag is not in the expected schema", severity="info", phase=3),
    )
    return ScanResult(expected, live, findings, database_url="postgresql+psycopg://postgres:***@127.0.0.1:5432/demo",
                      expected_source="catalog/domainflow", fingerprint="sha256:feedface")


def big_scan(n: int = 5000) -> ScanResult:
    """``n`` findings over n/10 tables whose schemas agree with them, for the bench and scale tests."""
    kinds = ("missing_column", "type_mismatch", "extra_column", "nullability_mismatch")
    expected_tables, live_tables, findings = [], [], []
    for t in range(0, n, 10):
        table, exp_cols, live_cols = f"table_{t // 10:04d}", [_col("id", "integer", False)], [_col("id", "integer", False)]
        for i in range(t, min(t + 10, n)):
            kind, name = kinds[i % 4], f"col_{i:05d}"
            exp, live = _big_columns(kind, name)
            exp_cols += exp
            live_cols += live
            findings.append(_big_finding(i, kind, table, name))
        expected_tables.append(Table(table, "public", tuple(exp_cols)))
        live_tables.append(Table(table, "public", tuple(live_cols)))
    expected = build_schema("postgresql", expected_tables, source="bench")
    live = build_schema("postgresql", live_tables, server_version="16.4")
    return ScanResult(expected, live, tuple(findings), database_url="postgresql://bench@localhost/bench",
                      expected_source="bench", fingerprint="sha256:big")


def _big_columns(kind: str, name: str) -> tuple[list[Column], list[Column]]:
    if kind == "missing_column":
        return [_col(name, "text")], [_col(name.replace("col", "old"), "text")]
    if kind == "type_mismatch":
        return [_col(name, "text")], [_col(name, "integer")]
    if kind == "extra_column":
        return [], [_col(name, "text")]
    return [_col(name, "text", False)], [_col(name, "text", True)]


def _big_finding(i: int, kind: str, table: str, name: str) -> Finding:
    exp = None if kind == "extra_column" else {"type": "text", "nullable": kind != "nullability_mismatch",
                                                "default": None}
    act = None if kind == "missing_column" else {"type": "integer" if kind == "type_mismatch" else "text",
                                                   "nullable": True, "default": None}
    candidates = (RenameCandidate(name.replace("col", "old"), 0.8, ("same type",)),) \
        if kind == "missing_column" and i % 8 == 0 else ()
    return Finding(kind, "public", table, name, expected=exp, actual=act, message=f"{table}.{name}: {kind}",
                   severity=("critical", "warning", "info")[i % 3], phase=1 + i % 3, rename_candidates=candidates)
