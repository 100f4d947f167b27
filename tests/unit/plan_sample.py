"""A hand-built drifted schema pair and its findings, for the plan and decisions tests."""
from __future__ import annotations

from remedy.findings import Finding, RenameCandidate, ScanResult
from remedy.model import Column, ForeignKey, Index, PrimaryKey, Table, build_schema

_ID = Column("id", "integer", nullable=False, raw_type="integer", identity=True, default="autoincrement")


def expected_schema(dialect: str = "postgresql"):
    jobs = Table("campaign_jobs", "public", columns=(
        _ID,
        Column("job_type", "text", nullable=False, raw_type="text"),
        Column("status", "varchar(32)", nullable=False, default="'pending'", raw_type="varchar(32)",
               raw_default="'pending'"),
        Column("attempts", "integer", nullable=False, default="0", raw_type="integer", raw_default="0"),
        Column("last_attempted_at", "timestamptz", raw_type="timestamptz"),
        Column("campaign_id", "integer", raw_type="integer"),
    ), primary_key=PrimaryKey(("id",)),
        foreign_keys=(ForeignKey(("campaign_id",), "campaigns", ("id",)),),
        indexes=(Index("campaign_jobs_status_idx", ("status",)),))
    campaigns = Table("campaigns", "public", columns=(_ID, Column("name", "text", nullable=False, raw_type="text")),
                      primary_key=PrimaryKey(("id",)))
    return build_schema(dialect, [jobs, campaigns], source="expected.sql")


def live_schema(dialect: str = "postgresql"):
    jobs = Table("campaign_jobs", "public", columns=(
        _ID,
        Column("campaign_type", "text", nullable=False, raw_type="text"),
        Column("status", "text", nullable=True, raw_type="text"),
        Column("attempts", "integer", nullable=False, raw_type="integer"),
        Column("campaign_id", "integer", raw_type="integer"),
        Column("legacy", "text", raw_type="text"),
    ), primary_key=PrimaryKey(("id",)), row_estimate=1200)
    return build_schema(dialect, [jobs], source="postgresql://app@db/app")


def findings() -> tuple[Finding, ...]:
    t = dict(schema="public", table="campaign_jobs")
    return (
        Finding("missing_table", "public", "campaigns", severity="critical", phase=1),
        Finding("missing_column", column="job_type", severity="critical", phase=1,
                rename_candidates=(RenameCandidate("campaign_type", 0.91, ("same type",)),), **t),
        Finding("missing_column", column="last_attempted_at", phase=1, **t),
        Finding("type_mismatch", column="status", phase=1, expected={"type": "varchar(32)"}, **t),
        Finding("nullability_mismatch", column="status", phase=2, **t),
        Finding("default_mismatch", column="status", phase=2, **t),
        Finding("default_mismatch", column="attempts", phase=2, **t),
        Finding("missing_foreign_key", object="campaign_jobs_campaign_id_fkey", phase=2,
                expected={"columns": ["campaign_id"]}, **t),
        Finding("missing_index", object="campaign_jobs_status_idx", phase=3, **t),
        Finding("extra_column", column="campaign_type", phase=3, **t),
        Finding("extra_column", column="legacy", phase=3, **t),
    )


def sample_scan(dialect: str = "postgresql") -> ScanResult:
    return ScanResult(expected=expected_schema(dialect), live=live_schema(dialect), findings=findings(),
                      database_url="postgresql://app@db/app", expected_source="expected.sql",
                      fingerprint="sha256:" + "ab" * 32)
