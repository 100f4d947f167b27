"""The text report: grouped by phase then table, colour only when asked."""
from __future__ import annotations

from report_sample import PHASES, sample_result

from remedy.findings import Finding
from remedy.render.report import render


def test_groups_by_phase_with_titles_and_counts():
    out = render(sample_result(), "text")
    positions = [out.index(f"Phase {p.id} · {p.title}") for p in PHASES]
    assert positions == sorted(positions)
    assert "Phase 1 · Critical campaign fixes (3)" in out
    assert "Phase 2 · Supporting table fixes (2)" in out


def test_findings_sit_under_their_table_within_a_phase():
    out = render(sample_result(), "text")
    phase1 = out.split("Phase 2")[0]
    table = phase1.index("\n  campaign_jobs\n")
    assert table < phase1.index("missing_column:public.campaign_jobs.job_type")
    assert phase1.index("\n  domain_generation_campaign_params\n") > phase1.index("campaign_jobs.job_type")


def test_finding_shows_id_message_candidates_and_evidence():
    out = render(sample_result(), "text")
    assert "[critical] missing_column:public.campaign_jobs.job_type" in out
    assert "campaign_type looks like its old name" in out
    assert "rename candidates: campaign_type 0.91 (hint, same type); status 0.35 (same type)" in out
    assert "evidence: backend/internal/store/postgres/campaign_job_store.go:57, " in out
    assert "expected uuid[], actual text" in out


def test_summary_line_counts_by_severity():
    out = render(sample_result(), "text")
    assert out.rstrip().splitlines()[-1] == "7 findings: 4 critical, 1 warning, 2 info"


def test_plain_has_no_ansi_and_colour_has_icons():
    plain = render(sample_result(), "text", color=False)
    coloured = render(sample_result(), "text", color=True)
    assert "\x1b[" not in plain
    assert "\x1b[31m" in coloured and "✖ critical" in coloured and "● info" in coloured


def test_no_findings_says_no_drift():
    out = render(sample_result(findings=()), "text")
    assert "Phase" not in out
    assert out.rstrip().endswith("No drift: the live schema matches the expected schema.")


def test_untriaged_phase_is_still_shown():
    out = render(sample_result(findings=(Finding("extra_table", "public", "tmp_import", phase=0),)), "text")
    assert "Phase 0 · Not triaged (1)" in out
    assert "1 finding: 1 warning" in out


def test_evidence_verdicts_from_the_database_are_shown_per_line():
    out = render(sample_result(), "text")
    assert "evidence: backend/internal/store/postgres/campaign_store.go:248 — confirmed by the database: 42703" in out


def test_code_expectations_without_a_type_do_not_print_an_empty_expectation():
    code_only = Finding("missing_column", "public", "t", "c", expected={"type": None, "nullable": True},
                        severity="critical", phase=1)
    out = render(sample_result(findings=(code_only,)), "text")
    assert "expected" not in out.split("missing_column:public.t.c")[1].split("\n\n")[0].replace("is expected", "")


def test_tables_are_schema_qualified_when_findings_span_schemas():
    two = (Finding("missing_column", "public", "jobs", "a", severity="critical", phase=1),
           Finding("missing_column", "audit", "jobs", "b", severity="critical", phase=1))
    out = render(sample_result(findings=two), "text")
    assert "\n  public.jobs\n" in out and "\n  audit.jobs\n" in out
    assert "\n  campaign_jobs\n" in render(sample_result(), "text")


def test_a_name_finding_says_the_two_names_not_the_one_definition_twice():
    from remedy.render.report.common import describe_pair

    finding = Finding(kind="name_mismatch", schema="public", table="t", object="ix2",
                      expected={"kind": "index", "name": "c_idx", "definition": "USING btree (c)"},
                      actual={"kind": "index", "name": "ix2", "definition": "USING btree (c)"})
    assert describe_pair(finding) == ("name c_idx", "name ix2")
