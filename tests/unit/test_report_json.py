"""scan --format json follows CONTRACT.md."""
from __future__ import annotations

import json

from report_sample import FINDINGS, sample_result

from remedy.render.report import render


def _doc(findings=FINDINGS) -> dict:
    return json.loads(render(sample_result(findings), "json"))


def test_contract_keys_and_database_block():
    doc = _doc()
    assert {"database", "expected", "summary", "phases", "findings"} <= doc.keys()
    assert doc["database"] == {"url": "postgresql+psycopg://postgres:***@127.0.0.1:5432/demo",
                               "dialect": "postgresql", "server_version": "15.20"}
    assert doc["expected"] == "catalog/domainflow"
    assert doc["fingerprint"] == "sha256:abc123"


def test_summary_counts():
    summary = _doc()["summary"]
    assert summary["total"] == 7
    assert summary["by_phase"] == {"1": 3, "2": 2, "3": 2}
    assert summary["by_severity"] == {"critical": 4, "warning": 1, "info": 2}
    assert summary["by_kind"] == {"extra_column": 1, "missing_column": 3, "missing_index": 1,
                                  "missing_table": 1, "type_mismatch": 1}


def test_phases_list_ids_titles_and_counts():
    phases = _doc()["phases"]
    assert [(p["id"], p["title"], p["count"]) for p in phases] == [
        (1, "Critical campaign fixes", 3), (2, "Supporting table fixes", 2), (3, "Architecture & monitoring", 2)]


def test_findings_are_finding_to_json_in_phase_order():
    findings = _doc()["findings"]
    assert [f["phase"] for f in findings] == sorted(f["phase"] for f in findings)
    job_type = next(f for f in findings if f["id"] == "missing_column:public.campaign_jobs.job_type")
    assert job_type == json.loads(json.dumps(FINDINGS[0].to_json()))
    assert job_type["rename_candidates"][0] == {"column": "campaign_type", "score": 0.91,
                                                "reasons": ["hint", "same type"]}
    assert job_type["evidence"][0]["file"].endswith("campaign_job_store.go")
    assert job_type["evidence"][0]["line"] == 57


def test_empty_scan_has_zero_counts_for_every_phase():
    doc = _doc(findings=())
    assert doc["summary"]["total"] == 0
    assert doc["summary"]["by_phase"] == {"1": 0, "2": 0, "3": 0}
    assert doc["findings"] == []
