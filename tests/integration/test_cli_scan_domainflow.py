"""``remedy scan`` on the drifted DomainFlow demo: each format tells the audit's story."""
from __future__ import annotations

import json

import pytest
from cli_run import REPO, remedy

from remedy.demo import demo_sql
from tests.conftest import run_sql

CATALOG = REPO / "catalog" / "domainflow"
PHASE_TITLES = ("Critical campaign fixes", "Supporting table fixes", "Architecture & monitoring")
ARCHITECTURE = ("service_architecture_metrics", "service_dependencies", "architecture_refactor_log",
                "communication_patterns", "service_capacity_metrics")


@pytest.fixture(scope="module")
def reports(pg_server_url):
    """Seed the demo once and render it in every format (as the CLI does, from the repo root)."""
    from tests.conftest import _pg_create, _pg_drop

    name, url = _pg_create(pg_server_url)
    try:
        run_sql(url, demo_sql(CATALOG))
        out = {fmt: remedy("scan", "--db", url, "--expected", "catalog/domainflow", "--format", fmt)
               for fmt in ("text", "json", "markdown", "sarif")}
    finally:
        _pg_drop(pg_server_url, name)
    for proc in out.values():
        assert proc.returncode == 1, proc.stderr
    return {fmt: proc.stdout for fmt, proc in out.items()}


def test_text_lists_the_audits_phases_and_renames(reports):
    text = reports["text"]
    positions = [text.index(f"Phase {n} · {title} (") for n, title in enumerate(PHASE_TITLES, 1)]
    assert positions == sorted(positions)
    for new, old in (("job_type", "campaign_type"), ("job_payload", "payload"), ("processing_server_id", "worker_id")):
        assert f"missing_column:public.campaign_jobs.{new}" in text
        assert f"rename candidates: {old} " in text
    total = json.loads(reports["json"])["summary"]["total"]
    assert text.rstrip().splitlines()[-1].startswith(f"{total} findings: ")


def test_json_counts_agree(reports):
    doc = json.loads(reports["json"])
    assert [p["title"] for p in doc["phases"]] == list(PHASE_TITLES)
    assert doc["summary"]["total"] == len(doc["findings"]) == sum(doc["summary"]["by_phase"].values())
    assert sum(doc["summary"]["by_severity"].values()) == doc["summary"]["total"]
    assert "(catalog/domainflow)" in doc["expected"]


def test_markdown_is_an_incident_report(reports):
    md = reports["markdown"]
    assert "**Status**: ❌ CRITICAL" in md
    for n, title in enumerate(PHASE_TITLES, 1):
        assert f"## Phase {n}: {title}" in md and f"### Phase {n}: {title}" in md
    fixes = md.split("## Recommended fixes")[1]
    assert "Rename `campaign_jobs.campaign_type` to `job_type`" in fixes
    assert "Add the missing columns to `domain_generation_campaign_params`: `created_at`, `updated_at`" in fixes
    phase3 = fixes.split("### Phase 3")[1]
    assert all(f"`{table}`" in phase3.split("\n")[2] for table in ARCHITECTURE)
    assert "> **Impact**: Background job processing completely broken" in md
    assert "`remedy plan --db " in md and "--expected catalog/domainflow" in md


def test_sarif_points_into_the_catalog_ddl(reports):
    run = json.loads(reports["sarif"])["runs"][0]
    assert run["results"]
    for result in run["results"]:
        physical = result["locations"][0].get("physicalLocation")
        assert physical, result["partialFingerprints"]
        path = REPO / physical["artifactLocation"]["uri"]
        assert path.is_file(), path
        line = path.read_text().splitlines()[physical["region"]["startLine"] - 1]
        column = result["properties"]["id"].split(".")[-1]
        wanted = column if result["ruleId"] in ("missing_column", "type_mismatch") else None
        assert wanted is None or wanted in line, (result["properties"]["id"], line)
