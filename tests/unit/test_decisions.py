"""Decisions: the TOML file, defaults, and what resolve refuses."""
from __future__ import annotations

import pytest
from plan_sample import sample_scan

from remedy.decisions import (Decision, Decisions, applicable_actions, default_decision, dump_decisions,
                              load_decisions, resolve)
from remedy.errors import ExitCode, RemedyError, StaleDecisions, UndecidedFindings

JOB_TYPE = "missing_column:public.campaign_jobs.job_type"


def test_dump_and_load_round_trip(tmp_path):
    d = Decisions("sha256:ab", (Decision(JOB_TYPE, "rename", from_column="campaign_type"),
                                Decision("type_mismatch:public.t.c", "alter", value='c::int "quoted"')))
    path = tmp_path / "decisions.toml"
    path.write_text(dump_decisions(d))
    assert load_decisions(path) == d
    assert 'from = "campaign_type"' in path.read_text()


def test_load_rejects_bad_files(tmp_path):
    path = tmp_path / "d.toml"
    path.write_text("fingerprint = 1\n")
    with pytest.raises(RemedyError, match="fingerprint"):
        load_decisions(path)
    path.write_text('fingerprint = "x"\n[[decision]]\nfinding = "a"\naction = "explode"\n')
    with pytest.raises(RemedyError, match="unknown action"):
        load_decisions(path)
    path.write_text("not toml [")
    with pytest.raises(RemedyError, match="not valid TOML"):
        load_decisions(path)
    with pytest.raises(RemedyError, match="not found"):
        load_decisions(tmp_path / "missing.toml")


def test_findings_with_candidates_stop_without_a_choice():
    with pytest.raises(UndecidedFindings) as err:
        resolve(sample_scan(), None, None, False)
    assert JOB_TYPE in str(err.value)
    assert err.value.exit_code == ExitCode.USAGE


def test_defaults_accept_and_reject():
    scan = sample_scan()
    accepted = resolve(scan, None, "accept", False)
    assert accepted[JOB_TYPE] == Decision(JOB_TYPE, "rename", from_column="campaign_type")
    assert accepted["missing_table:public.campaigns"].action == "create"
    assert accepted["type_mismatch:public.campaign_jobs.status"].action == "alter"
    assert accepted["extra_column:public.campaign_jobs.legacy"].action == "skip"
    assert resolve(scan, None, "reject", False)[JOB_TYPE].action == "add"


def test_allow_destructive_drops_extras_but_not_a_renamed_column():
    chosen = resolve(sample_scan(), None, "accept", True)
    assert chosen["extra_column:public.campaign_jobs.legacy"].action == "drop"
    assert chosen["extra_column:public.campaign_jobs.campaign_type"].action == "skip"


def test_explicit_decisions_win_and_are_checked():
    scan = sample_scan()
    file = Decisions(scan.fingerprint, (Decision(JOB_TYPE, "add_copy", from_column="campaign_type"),))
    assert resolve(scan, file, None, False)[JOB_TYPE].action == "add_copy"
    wrong = Decisions(scan.fingerprint, (Decision("missing_table:public.campaigns", "rename", from_column="x"),))
    with pytest.raises(RemedyError, match="does not apply"):
        resolve(scan, wrong, "accept", False)


def test_stale_fingerprint_and_unknown_finding():
    scan = sample_scan()
    with pytest.raises(StaleDecisions):
        resolve(scan, Decisions("sha256:other", ()), "accept", False)
    with pytest.raises(RemedyError, match="unknown finding"):
        resolve(scan, Decisions(scan.fingerprint, (Decision("missing_column:public.x.y", "add"),)), None, False)


def test_applicable_actions_and_default():
    job_type = sample_scan().finding(JOB_TYPE)
    assert applicable_actions(job_type) == ("rename", "add_copy", "add", "skip")
    assert default_decision(job_type, None) is None
    extra = sample_scan().finding("extra_column:public.campaign_jobs.legacy")
    assert applicable_actions(extra) == ("skip", "drop")


def test_rename_needs_a_source_column():
    with pytest.raises(RemedyError, match="needs from"):
        Decision(JOB_TYPE, "rename")


def test_two_findings_taking_one_column_conflict_and_a_taken_column_is_used_by_its_rename():
    from remedy.decisions import Decision, conflicts, consumed_by
    from remedy.findings import Finding, RenameCandidate

    cand = (RenameCandidate(column="campaign_type", score=0.9, reasons=("hint",)),)
    a = Finding(kind="missing_column", schema="public", table="jobs", column="job_type", rename_candidates=cand)
    b = Finding(kind="missing_column", schema="public", table="jobs", column="kind", rename_candidates=cand)
    extra = Finding(kind="extra_column", schema="public", table="jobs", column="campaign_type")
    known = {f.id: f for f in (a, b, extra)}
    chosen = {a.id: Decision(a.id, "rename", "campaign_type"), b.id: Decision(b.id, "add_copy", "campaign_type"),
              extra.id: Decision(extra.id, "skip")}
    assert [c.sentence() for c in conflicts(known, chosen)] == [
        f"{a.id} and {b.id} conflict: both use column jobs.campaign_type"]
    assert consumed_by(extra, known, chosen) == a.id
    assert consumed_by(extra, known, {a.id: Decision(a.id, "add")}) is None
