"""An operator's decisions are never lost: quitting asks, every decision is kept per database and offered back on
the next start (while the schema is the same), and a decisions file opens the app with its decisions."""
from __future__ import annotations

import tomllib

from remedy.decisions import Decision, Decisions, dump_decisions
from remedy.tui.app import RemedyApp
from remedy.tui.screens.choice_dialog import ChoiceDialog
from remedy.tui.screens.error_dialog import ErrorDialog
from tests.conftest import run_sql
from tests.tui.conftest import CATALOG, settle

JOB_TYPE = "missing_column:public.campaign_jobs.job_type"


def _app(url: str, **kw) -> RemedyApp:
    return RemedyApp(url, str(CATALOG), **kw)


async def _decide_renames(pilot, app) -> int:
    await settle(pilot, app)
    await pilot.press("1", "r")  # phase 1: accept every rename
    await settle(pilot, app)
    return len(app.session.decisions)


async def test_quitting_with_decisions_asks_and_cancel_keeps_the_app_open(demo_url):
    app = _app(demo_url)
    async with app.run_test(size=(100, 30)) as pilot:
        assert await _decide_renames(pilot, app) == 3
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "3 decisions that no export holds" in str(app.screen.query_one("#choice-text").render())
        await pilot.click("#choice-cancel")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog) and app.is_running


async def test_save_and_quit_writes_a_decisions_file_that_plan_can_read(demo_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = _app(demo_url)
    async with app.run_test(size=(100, 30)) as pilot:
        await _decide_renames(pilot, app)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("enter")  # "Save and quit" has the focus
        await pilot.pause()
    saved = tomllib.loads((tmp_path / "remedy-decisions.toml").read_text())
    assert saved["fingerprint"] == app.scan.fingerprint
    assert {d["finding"] for d in saved["decision"]} >= {JOB_TYPE}


async def test_quitting_without_decisions_does_not_ask(demo_url):
    app = _app(demo_url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == 0 and not app.is_running


async def test_decisions_are_kept_and_offered_back_on_the_next_start(demo_url):
    first = _app(demo_url)
    async with first.run_test(size=(100, 30)) as pilot:
        made = await _decide_renames(pilot, first)
    second = _app(demo_url)
    async with second.run_test(size=(100, 30)) as pilot:
        await settle(pilot, second)
        assert isinstance(second.screen, ChoiceDialog)
        assert f"{made} decisions for this database were saved" in str(second.screen.query_one("#choice-text").render())
        await pilot.press("enter")  # Resume
        await settle(pilot, second)
        assert dict(second.session.decisions) == dict(first.session.decisions)


async def test_kept_decisions_are_not_offered_once_the_schema_changed(demo_url):
    first = _app(demo_url)
    async with first.run_test(size=(100, 30)) as pilot:
        await _decide_renames(pilot, first)
    run_sql(demo_url, "ALTER TABLE campaign_jobs ADD COLUMN added_meanwhile int;")
    second = _app(demo_url)
    async with second.run_test(size=(100, 30)) as pilot:
        await settle(pilot, second)
        assert not isinstance(second.screen, ChoiceDialog)
        assert not second.session.decisions
        assert any("another version of this schema" in str(n.message) for n in second._notifications)


async def test_a_decisions_file_opens_the_app_with_its_decisions(demo_url, tmp_path):
    probe = _app(demo_url)
    async with probe.run_test(size=(100, 30)) as pilot:
        await settle(pilot, probe)
    path = tmp_path / "decisions.toml"
    path.write_text(dump_decisions(Decisions(probe.scan.fingerprint, (Decision(JOB_TYPE, "add"),))))
    app = _app(demo_url, decisions_file=str(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        assert app.session.decision(JOB_TYPE) == Decision(JOB_TYPE, "add")


async def test_a_stale_decisions_file_is_explained_not_applied(demo_url, tmp_path):
    path = tmp_path / "decisions.toml"
    path.write_text(dump_decisions(Decisions("sha256:" + "0" * 64, (Decision(JOB_TYPE, "add"),))))
    app = _app(demo_url, decisions_file=str(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, ErrorDialog)
        assert "made against schema" in app.screen.message_text
        assert not app.session.decisions


CAMPAIGN_TYPE = "extra_column:public.campaign_jobs.campaign_type"


async def test_a_column_a_rename_takes_offers_nothing_else_and_a_drop_asks_which_decision_wins(demo_url):
    from remedy.tui.widgets.findings_tree import FindingsTree
    from remedy.tui.widgets.resolution_picker import ResolutionPicker
    from tests.tui.conftest import select

    app = _app(demo_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await _decide_renames(pilot, app)
        await select(pilot, CAMPAIGN_TYPE)
        picker = app.query_one(ResolutionPicker)
        assert picker.option_count == 1
        assert "used by the rename to job_type" in str(picker.get_option_at_index(0).prompt)
        tree = app.query_one(FindingsTree)  # the tree says the same, not "→ skip"
        label = tree._finding_label(app.session.scan.finding(CAMPAIGN_TYPE)).plain
        assert "campaign_type → used by the rename to job_type" in label
        await pilot.press("x")  # drop it anyway
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        text = str(app.screen.query_one("#choice-text").render())
        assert "drop: " + CAMPAIGN_TYPE in text and "rename from campaign_type: " + JOB_TYPE in text
        await pilot.press("escape")  # keeps the rename
        await settle(pilot, app)
        assert app.session.decision(CAMPAIGN_TYPE) is None and app.session.decision(JOB_TYPE).action == "rename"
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")  # the new one wins: the rename is undone, job_type needs a choice again
        await settle(pilot, app)
        assert app.session.decision(CAMPAIGN_TYPE).action == "drop" and app.session.decision(JOB_TYPE) is None
