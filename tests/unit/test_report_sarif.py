"""SARIF 2.1.0: one rule per kind, locations at code evidence or the catalog's DDL line."""
from __future__ import annotations

import json

from report_sample import DDL, STORE, sample_result

from remedy.findings import Finding
from remedy.render.report import render


def _run(findings=None) -> dict:
    result = sample_result() if findings is None else sample_result(findings)
    doc = json.loads(render(result, "sarif"))
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    return doc["runs"][0]


def _result(run, finding_id) -> dict:
    return next(r for r in run["results"] if r["partialFingerprints"]["remedyFindingId/v1"] == finding_id)


def test_one_rule_per_kind_and_valid_rule_indexes():
    run = _run()
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    assert set(ids) == {"missing_column", "missing_table", "type_mismatch", "missing_index", "extra_column"}
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in ("error", "warning", "note")
        assert res["message"]["text"]


def test_level_from_severity():
    run = _run()
    assert _result(run, "missing_table:public.keyword_rules")["level"] == "error"
    assert _result(run, "type_mismatch:public.http_keyword_campaign_params.keyword_set_ids")["level"] == "warning"
    assert _result(run, "extra_column:public.campaign_jobs.campaign_type")["level"] == "note"


def test_code_evidence_is_the_location_and_the_rest_related():
    res = _result(_run(), "missing_column:public.campaign_jobs.job_type")
    physical = res["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == STORE
    assert physical["region"]["startLine"] == 57
    assert [r["physicalLocation"]["region"]["startLine"] for r in res["relatedLocations"]] == [112]
    assert "rename candidate: campaign_type" in res["message"]["text"]


def test_without_code_evidence_points_at_the_catalog_ddl():
    run = _run()
    column = _result(run, "missing_column:public.campaign_jobs.business_status")["locations"][0]
    assert column["physicalLocation"]["artifactLocation"]["uri"] == DDL
    assert column["physicalLocation"]["region"]["startLine"] == 44
    table = _result(run, "missing_table:public.keyword_rules")["locations"][0]
    assert table["physicalLocation"]["region"]["startLine"] == 69


def test_no_evidence_anywhere_gives_a_logical_location_only():
    from dataclasses import replace

    from report_sample import LIVE

    result = replace(sample_result(), expected=LIVE)  # e.g. another database as the expected schema
    run = json.loads(render(result, "sarif"))["runs"][0]
    loc = _result(run, "extra_column:public.campaign_jobs.campaign_type")["locations"][0]
    assert "physicalLocation" not in loc
    assert loc["logicalLocations"][0]["fullyQualifiedName"] == "public.campaign_jobs.campaign_type"


def test_absolute_paths_become_file_uris():
    from remedy.model import Evidence

    odd = Finding("missing_column", "public", "t", "c", severity="critical", phase=1,
                  evidence=(Evidence("/srv/app/my store.go", 3),))
    loc = _run((odd,))["results"][0]["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == "file:///srv/app/my%20store.go"


def test_empty_scan_is_a_valid_run_with_no_results():
    run = _run(())
    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []


def test_extra_table_points_at_the_first_ddl_file():
    extra = Finding("extra_table", "public", "tmp_import", severity="info", phase=3)
    loc = _run((extra,))["results"][0]["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == DDL
    assert loc["physicalLocation"]["region"]["startLine"] == 1


def test_every_finding_kind_has_a_title_a_rule_text_and_advice():
    from remedy.findings import KINDS
    from remedy.render.report.common import KIND_TITLES
    from remedy.render.report.fixes import _ADVICE
    from remedy.render.report.sarif import RULE_HELP

    for table in (KIND_TITLES, RULE_HELP, _ADVICE):
        assert [kind for kind in KINDS if kind not in table] == []
