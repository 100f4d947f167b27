"""The DomainFlow demo database reproduces every drift the audit names, in its phase, and nothing else.

The intended drift is listed here as data (catalog/domainflow/demo/EXPECTED_DRIFT.md is the
human-readable copy). A finding the scan reports that is not in this list fails the test, and so
does an intended one it misses.
"""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from remedy.demo import demo_sql
from remedy.scan import scan
from remedy.sources.catalog import load_catalog
from tests.conftest import run_sql

CATALOG = Path(__file__).resolve().parents[2] / "catalog" / "domainflow"

# (phase, kind, table, column or object)
INTENDED = {
    # Phase 1: critical campaign fixes
    (1, "missing_column", "campaigns", "estimated_completion_at"),
    (1, "missing_column", "domain_generation_campaign_params", "created_at"),
    (1, "missing_column", "domain_generation_campaign_params", "updated_at"),
    (1, "missing_column", "campaign_jobs", "job_type"),
    (1, "missing_column", "campaign_jobs", "job_payload"),
    (1, "missing_column", "campaign_jobs", "processing_server_id"),
    (1, "missing_column", "campaign_jobs", "business_status"),
    (1, "missing_column", "campaign_jobs", "last_attempted_at"),
    (1, "extra_column", "campaign_jobs", "campaign_type"),
    (1, "extra_column", "campaign_jobs", "payload"),
    (1, "extra_column", "campaign_jobs", "worker_id"),
    (1, "missing_column", "dns_validation_results", "business_status"),
    (1, "missing_column", "http_keyword_results", "extracted_content_snippet"),
    (1, "missing_column", "http_keyword_results", "found_keywords_from_sets"),
    (1, "missing_column", "http_keyword_results", "found_ad_hoc_keywords"),
    (1, "missing_column", "http_keyword_results", "content_hash"),
    (1, "type_mismatch", "dns_validation_params", "persona_ids"),
    (1, "type_mismatch", "http_keyword_campaign_params", "keyword_set_ids"),
    (1, "type_mismatch", "http_keyword_campaign_params", "persona_ids"),
    # Phase 2: supporting table fixes
    (2, "missing_table", "keyword_rules", None),
    (2, "missing_column", "keyword_sets", "rules"),
    (2, "nullability_mismatch", "proxies", "protocol"),
    (2, "missing_column", "proxy_pool_memberships", "is_active"),
    (2, "missing_column", "proxy_pool_memberships", "added_at"),
    (2, "type_mismatch", "security_events", "resource_id"),
    (2, "type_mismatch", "security_events", "request_context"),
    (2, "type_mismatch", "authorization_decisions", "conditions_met"),
    (2, "type_mismatch", "authorization_decisions", "context"),
    # Phase 3: architecture & monitoring, audit logging, indexes and constraints
    (3, "missing_table", "service_architecture_metrics", None),
    (3, "missing_table", "service_dependencies", None),
    (3, "missing_table", "architecture_refactor_log", None),
    (3, "missing_table", "communication_patterns", None),
    (3, "missing_table", "service_capacity_metrics", None),
    (3, "type_mismatch", "audit_logs", "entity_id"),
    (3, "type_mismatch", "audit_logs", "details"),
    (3, "missing_index", "campaign_jobs", "idx_campaign_jobs_status_next_execution"),
    (3, "missing_index", "dns_validation_results", "idx_dns_results_validation_status"),
    (3, "missing_index", "http_keyword_results", "idx_http_results_dns_result"),
    (3, "missing_foreign_key", "generated_domains", "fk_generated_domains_campaign"),
    (3, "missing_foreign_key", "proxy_pool_memberships", "fk_proxy_pool_memberships_proxy"),
    (3, "missing_unique", "personas", "uq_personas_name_type"),
    (3, "missing_unique", "proxy_pool_memberships", "uq_proxy_pool_memberships_pool_proxy"),
    (3, "missing_check", "proxies", "ck_proxies_port"),
}

RENAMES = {"job_type": "campaign_type", "job_payload": "payload", "processing_server_id": "worker_id"}

AUDIT_PHASES = {1: "Critical campaign fixes", 2: "Supporting table fixes", 3: "Architecture & monitoring"}


def _key(finding) -> tuple:
    return (finding.phase, finding.kind, finding.table, finding.column or finding.object)


def _scan_demo(url: str):
    run_sql(url, demo_sql(CATALOG))
    return scan(url, str(CATALOG))


def test_demo_reports_exactly_the_audits_drift(pg_url):
    found = {_key(f) for f in _scan_demo(pg_url).findings}
    assert sorted(found - INTENDED, key=str) == [], "reported but not intended"
    assert sorted(INTENDED - found, key=str) == [], "intended but not reported"


def test_demo_findings_are_grouped_by_the_audits_phases(pg_url):
    result = _scan_demo(pg_url)
    assert {p.id: p.title for p in result.phases} == AUDIT_PHASES
    counts = {phase: len(group) for phase, group in result.by_phase().items()}
    assert counts == {p: sum(1 for k in INTENDED if k[0] == p) for p in AUDIT_PHASES}


def test_every_statement_of_the_demo_backend_gets_the_databases_own_verdict(pg_url):
    """An evidence site the database could not judge reads "static only (the database stopped at ...)": on
    the demo that may only be a statement the database itself refused, never remedy's own proof machinery."""
    result = _scan_demo(pg_url)
    stopped = [e.verdict for f in result.findings for e in f.evidence if "database stopped at" in (e.verdict or "")]
    assert [v for v in stopped if "prepared statement" in v] == []


def test_campaign_jobs_renames_rank_the_old_column_first(pg_url):
    result = _scan_demo(pg_url)
    for new, old in RENAMES.items():
        finding = result.finding(f"missing_column:public.campaign_jobs.{new}")
        assert finding is not None and finding.rename_candidates, new
        assert finding.rename_candidates[0].column == old
        assert finding.impact.startswith("Background job processing completely broken")


def test_demo_rows_stay_visible_under_the_old_column_names(pg_url):
    run_sql(pg_url, demo_sql(CATALOG))
    engine = sa.create_engine(pg_url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        jobs = conn.exec_driver_sql(
            "SELECT count(*) FROM campaign_jobs WHERE campaign_type IS NOT NULL AND payload IS NOT NULL"
        ).scalar()
        tables = conn.exec_driver_sql(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'").scalars().all()
        empty = [t for t in tables if conn.exec_driver_sql(f'SELECT count(*) FROM "{t}"').scalar() < 2]
    engine.dispose()
    assert jobs >= 5
    assert empty == []


def test_every_catalog_table_has_an_audit_impact_note():
    catalog = load_catalog(CATALOG)
    assert catalog.schema.table_count == 22
    assert [t.name for t in catalog.schema.iter_tables() if not catalog.notes_for(t.name).impact] == []


def test_catalog_schema_loaded_into_a_database_scans_clean(pg_url):
    catalog = load_catalog(CATALOG)
    run_sql(pg_url, "\n".join(f.read_text(encoding="utf-8") for f in catalog.ddl_files))
    assert [f.id for f in scan(pg_url, str(CATALOG)).findings] == []


def test_demo_scanned_against_a_snapshot_of_itself_is_clean(pg_url_factory, tmp_path):
    demo, twin = pg_url_factory(), pg_url_factory()
    run_sql(demo, demo_sql(CATALOG))
    run_sql(twin, demo_sql(CATALOG))
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "live.sql").write_text(demo_sql(CATALOG), encoding="utf-8")
    (tmp_path / "catalog.toml").write_text('[catalog]\nname = "snapshot"\ndialect = "postgres"\n'
                                           'ddl = ["schema/*.sql"]\n', encoding="utf-8")
    assert [f.id for f in scan(demo, str(tmp_path)).findings] == []
    assert [f.id for f in scan(demo, twin).findings] == []
