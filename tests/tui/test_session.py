"""The decision state without Textual: change sets, undo steps, bulk actions."""
from remedy.tui import session as s
from tests.tui.factory import small_scan


def _finding(scan, fid):
    return scan.finding(fid)


def test_rename_takes_the_best_candidate_and_cycles():
    scan = small_scan()
    job_type = _finding(scan, "missing_column:public.campaign_jobs.job_type")
    first = s.decide(job_type, "rename")[job_type.id]
    assert (first.action, first.from_column) == ("rename", "campaign_type")
    assert s.next_candidate(job_type, first) == "legacy_flag"
    assert s.next_candidate(job_type, None) == "campaign_type"


def test_an_action_that_does_not_apply_changes_nothing():
    scan = small_scan()
    assert s.decide(_finding(scan, "missing_table:public.keyword_rules"), "rename") == {}


def test_sessions_are_values_and_none_removes():
    scan = small_scan()
    empty = s.Session(scan)
    job_type = _finding(scan, "missing_column:public.campaign_jobs.job_type")
    one = empty.with_changes(s.decide(job_type, "add"))
    assert empty.decided == 0 and one.decided == 1
    assert one.with_changes({job_type.id: None}).decided == 0
    assert len(one.undecided()) == len(scan.findings) - 1


def test_bulk_actions_pick_only_what_applies():
    scan = small_scan()
    renames = s.bulk(scan.findings, "renames")
    assert list(renames) == ["missing_column:public.campaign_jobs.job_type"]
    added = s.bulk(scan.findings, "add_missing")
    assert {d.action for d in added.values()} == {"add", "create"}
    assert "missing_table:public.keyword_rules" in added
    skipped = s.bulk(scan.findings, "skip_extras")
    assert list(skipped) == ["extra_column:public.campaign_jobs.legacy_flag"]
    recommended = s.bulk(scan.findings, "recommended")
    assert "missing_column:public.campaign_jobs.job_type" not in recommended  # a person must choose
