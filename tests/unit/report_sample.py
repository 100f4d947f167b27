"""A hand-built ScanResult shaped like the DomainFlow audit, for the report tests."""
from __future__ import annotations

from remedy.findings import Finding, Phase, RenameCandidate, ScanResult
from remedy.model import Column, Evidence, Table, build_schema

PHASES = (
    Phase(1, "Critical campaign fixes", "What breaks campaign creation and job processing now."),
    Phase(2, "Supporting table fixes", "Keywords, proxies, security audit tables."),
    Phase(3, "Architecture & monitoring", "Architecture tables, indexes and constraints."),
)
DDL = "catalog/domainflow/schema/campaigns.sql"
STORE = "backend/internal/store/postgres/campaign_job_store.go"


def _col(name, type_, line, nullable=True):
    return Column(name, type_, nullable=nullable, raw_type=type_.upper(), evidence=(Evidence(DDL, line),))


EXPECTED = build_schema("postgresql", [
    Table("campaign_jobs", "public", (_col("id", "uuid", 41, False), _col("job_type", "text", 42, False),
                                      _col("business_status", "text", 44))),
    Table("domain_generation_campaign_params", "public",
          (_col("campaign_id", "uuid", 10, False), _col("created_at", "timestamptz", 18, False))),
    Table("keyword_rules", "public", (_col("id", "uuid", 70, False),), evidence=(Evidence(DDL, 69),)),
    Table("http_keyword_campaign_params", "public", (_col("keyword_set_ids", "uuid[]", 90),)),
    Table("personas", "public", (_col("id", "uuid", 100, False),)),
], source="catalog/domainflow")
LIVE = build_schema("postgresql", [
    Table("campaign_jobs", "public", (Column("id", "uuid", False), Column("campaign_type", "text", False))),
    Table("personas", "public", (Column("id", "uuid", False),)),
], server_version="15.20", source="postgresql+psycopg://postgres:***@127.0.0.1:5432/demo")

FINDINGS = (
    Finding("missing_column", "public", "campaign_jobs", "job_type",
            expected={"type": "text", "nullable": False, "default": None}, actual=None,
            message="campaign_jobs.job_type is expected but missing; campaign_type looks like its old name",
            severity="critical", phase=1,
            rename_candidates=(RenameCandidate("campaign_type", 0.91, ("hint", "same type")),
                               RenameCandidate("status", 0.35, ("same type",))),
            evidence=(Evidence(STORE, 57, "SELECT id, job_type FROM campaign_jobs"),
                      Evidence(STORE, 112, "UPDATE campaign_jobs SET job_type = $1")),
            impact="Background job processing is broken."),
    Finding("missing_column", "public", "campaign_jobs", "business_status",
            expected={"type": "text", "nullable": True, "default": None},
            message="campaign_jobs.business_status is expected but missing", severity="critical", phase=1,
            impact="Background job processing is broken."),
    Finding("missing_column", "public", "domain_generation_campaign_params", "created_at",
            expected={"type": "timestamptz", "nullable": False, "default": "now()"},
            message="domain_generation_campaign_params.created_at is expected but missing",
            severity="critical", phase=1,
            evidence=(Evidence("backend/internal/store/postgres/campaign_store.go", 248,
                               verdict="confirmed by the database: 42703"),),
            verdict="confirmed by the database: 42703 column \"created_at\" does not exist"),
    Finding("missing_table", "public", "keyword_rules", message="table keyword_rules is expected but missing",
            severity="critical", phase=2),
    Finding("type_mismatch", "public", "http_keyword_campaign_params", "keyword_set_ids",
            expected={"type": "uuid[]"}, actual={"type": "text"},
            message="http_keyword_campaign_params.keyword_set_ids is text, expected uuid[]",
            severity="warning", phase=2),
    Finding("missing_index", "public", "campaign_jobs", object="idx_campaign_jobs_status",
            expected={"columns": ["status", "scheduled_at"], "unique": False},
            message="index idx_campaign_jobs_status on campaign_jobs(status, scheduled_at) is missing",
            severity="info", phase=3),
    Finding("extra_column", "public", "campaign_jobs", "campaign_type", actual={"type": "text", "nullable": False},
            message="campaign_jobs.campaign_type is not in the expected schema", severity="info", phase=3),
)


def sample_result(findings=FINDINGS) -> ScanResult:
    return ScanResult(
        expected=EXPECTED, live=LIVE, findings=tuple(findings), phases=PHASES,
        database_url="postgresql+psycopg://postgres:***@127.0.0.1:5432/demo",
        expected_source="catalog/domainflow", fingerprint="sha256:abc123",
    )
