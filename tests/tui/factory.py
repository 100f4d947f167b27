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
    """``n`` findings over n/10 tables, for the bench and scale tests."""
    base = small_scan()
    findings = []
    for i in range(n):
        table = f"table_{i // 10:04d}"
        kind = ("missing_column", "type_mismatch", "extra_column", "missing_index")[i % 4]
        findings.append(Finding(
            kind, "public", table, f"col_{i:05d}" if kind != "missing_index" else None,
            object=f"ix_{i:05d}" if kind == "missing_index" else None,
            expected={"type": "text", "nullable": True, "default": None},
            actual={"type": "integer", "nullable": True, "default": None} if kind == "type_mismatch" else None,
            message=f"{table} finding {i}", severity=("critical", "warning", "info")[i % 3], phase=1 + i % 3,
            rename_candidates=(RenameCandidate(f"old_{i:05d}", 0.8, ("same type",)),) if i % 8 == 0 else ()))
    return ScanResult(base.expected, base.live, tuple(findings), database_url=base.database_url,
                      expected_source="catalog/big", fingerprint="sha256:big")
