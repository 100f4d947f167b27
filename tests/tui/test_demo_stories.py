"""Each story of the TUI, end to end on a real drifted DomainFlow demo database."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from remedy.tui.app import RemedyApp
from remedy.tui.screens.connection_error import ConnectionErrorDialog
from remedy.tui.screens.dry_run_screen import DryRunScreen
from remedy.tui.screens.execute_screen import ExecuteScreen
from remedy.tui.screens.export_screen import ExportScreen
from remedy.tui.screens.guide import GuideScreen
from remedy.tui.screens.scanning import ScanningScreen
from remedy.tui.widgets.findings_tree import FindingsTree
from remedy.tui.widgets.sql_preview import SqlPreview
from tests.tui.conftest import CATALOG, select, settle, unreachable

JOB_TYPE = "missing_column:public.campaign_jobs.job_type"


def _app(url: str, **kw) -> RemedyApp:
    return RemedyApp(url, str(CATALOG), **kw)


async def _accept_renames(pilot, app) -> None:
    await pilot.press("1", "r")  # phase 1 node: accept every rename
    await settle(pilot, app)


async def _enter_value(pilot, app, finding_id: str, value: str) -> None:
    """Select a finding, press = and type its USING expression, as a person would."""
    await select(pilot, finding_id)
    await pilot.press("equals_sign")
    await pilot.pause()
    app.screen.query_one("#value").value = value
    await pilot.press("enter")
    await settle(pilot, app)


async def _open_export(pilot, app) -> None:
    await settle(pilot, app)
    await _accept_renames(pilot, app)
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, ExportScreen)


async def test_start_up_scans_in_a_worker_and_shows_the_demo(demo_url):
    app = _app(demo_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert len(app.scan.findings) == 43
        assert {p: len(fs) for p, fs in app.scan.by_phase().items()} == {1: 19, 2: 9, 3: 15}
        tree = app.query_one(FindingsTree)
        assert len(tree.visible_finding_ids()) == 43
        assert "CREATE TABLE" in app.query_one(SqlPreview).plain


async def test_decide_a_rename_and_watch_the_sql(demo_url):
    app = _app(demo_url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await select(pilot, JOB_TYPE)
        await pilot.press("r")
        await settle(pilot, app)
        assert app.session.decision(JOB_TYPE).from_column == "campaign_type"
        assert "campaign_type TO job_type" in app.query_one(SqlPreview).plain
        await pilot.press("a")  # change of mind: add instead
        await settle(pilot, app)
        assert "campaign_type TO job_type" not in app.query_one(SqlPreview).plain
        await pilot.press("u")
        await settle(pilot, app)
        assert app.session.decision(JOB_TYPE).action == "rename"


async def test_dry_run_passes_then_execute_after_typed_confirmation(demo_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path))
    app = _app(demo_url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("X")  # refused: no dry run yet
        assert app.screen is app.screen_stack[0]
        await _accept_renames(pilot, app)
        await pilot.press("v")
        await settle(pilot, app)
        assert isinstance(app.screen, DryRunScreen)
        assert app.verified_state() == "passed"
        assert app.screen.query_one("StepLog").row_count > 10
        await pilot.press("X")
        await pilot.pause()
        assert isinstance(app.screen, ExecuteScreen)
        await pilot.press(*"wrong", "enter")
        await pilot.pause()
        assert not app.screen.started
        app.screen.query_one("#confirm").value = app.screen.database
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen.applied
        assert (tmp_path / "journal.jsonl").exists()
        await pilot.press("escape")  # back to the main screen, which scans again
        await settle(pilot, app)
        assert len(app.scan.findings) < 43
    engine = sa.create_engine(demo_url)
    with engine.connect() as conn:
        cols = {r[0] for r in conn.exec_driver_sql(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'campaign_jobs'")}
    engine.dispose()
    assert "job_type" in cols and "campaign_type" not in cols


async def test_a_changed_decision_makes_the_dry_run_stale(demo_url):
    app = _app(demo_url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await _accept_renames(pilot, app)
        await pilot.press("v")
        await settle(pilot, app)
        await pilot.press("escape")
        await select(pilot, JOB_TYPE)
        await pilot.press("p")  # add + copy instead of rename
        await settle(pilot, app)
        assert app.verified_state() == "stale"
        await pilot.press("X")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]


async def test_export_writes_sql_and_decisions(demo_url, tmp_path):
    app = _app(demo_url)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_export(pilot, app)
        app.screen.query_one("#export-path").value = str(tmp_path / "fix.sql")
        await pilot.click("#export")
        await settle(pilot, app)
    script = (tmp_path / "fix.sql").read_text()
    assert "campaign_type TO job_type" in script
    decisions = (tmp_path / "decisions.toml").read_text()
    assert decisions.startswith("fingerprint = \"sha256:") and 'from = "campaign_type"' in decisions


async def test_export_golang_migrate_pair(demo_url, tmp_path):
    app = _app(demo_url)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_export(pilot, app)
        await pilot.click("RadioButton", offset=(2, 0))  # mouse works too: first radio is SQL
        radios = list(app.screen.query("RadioButton"))
        radios[2].value = True
        app.screen.query_one("#export-path").value = str(tmp_path / "migrations")
        await pilot.click("#export")
        await settle(pilot, app)
    names = sorted(p.name for p in (tmp_path / "migrations").iterdir())
    assert names == ["000001_remedy_fix_drift.down.sql", "000001_remedy_fix_drift.up.sql", "decisions.toml"]


async def test_connection_error_dialog_edit_url_and_retry(demo_url):
    bad = unreachable(demo_url)
    app = _app(bad)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, ConnectionErrorDialog)
        assert "unreachable" in str(app.screen.query_one("#connection-message").render())
        await pilot.press("e")
        app.screen.query_one("#connection-url").value = demo_url
        await pilot.press("enter")
        await settle(pilot, app)
        assert len(app.scan.findings) == 43


async def test_connection_error_quit_exits_2(demo_url):
    app = _app(unreachable(demo_url))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == 2


async def test_guide_walks_phase_by_phase_and_ends_at_the_dry_run(demo_url):
    app = _app(demo_url, guide=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        guide = app.screen
        assert isinstance(guide, GuideScreen) and guide.page.kind == "intro"
        await pilot.press("right", "right")
        assert guide.page.kind == "finding"
        await pilot.press("left")
        assert guide.page.kind == "phase"
        for fid in [p.finding_id for p in guide.pages if p.kind == "finding"]:
            guide.index = next(i for i, p in enumerate(guide.pages) if p.finding_id == fid)
            await pilot.press("1")  # the first choice: rename where there is a candidate
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert guide.page.kind == "end"
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, DryRunScreen)
        assert app.verified_state() == "passed"


async def test_a_bad_expected_source_shows_one_line_and_exits_2(demo_url, tmp_path):
    app = RemedyApp(demo_url, str(tmp_path / "no-such-catalog"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        message = str(app.screen.query_one("#error-message").render())
        assert "Traceback" not in message and len(message.splitlines()) <= 3
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_value == 2


async def test_a_value_reaches_the_sql(demo_url):
    app = _app(demo_url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await _enter_value(pilot, app, "type_mismatch:public.audit_logs.details", "details::text::jsonb")
        decision = app.session.decision("type_mismatch:public.audit_logs.details")
        assert (decision.action, decision.value) == ("alter", "details::text::jsonb")
        assert "details::text::jsonb" in app.query_one(SqlPreview).plain


async def test_a_failing_dry_run_says_so_and_blocks_execute(demo_url):
    app = _app(demo_url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await _accept_renames(pilot, app)
        await _enter_value(pilot, app, "type_mismatch:public.audit_logs.details", "no_such_column::jsonb")
        await pilot.press("v")
        await settle(pilot, app)
        assert isinstance(app.screen, DryRunScreen)
        assert "FAILED" in str(app.screen.query_one("#dry-run-result").render())
        assert app.verified_state() == "failed"
        failed = app.screen.query_one("StepsView").shown  # the failing step, selected, in full under the steps
        assert failed.startswith("upgrade: change type of audit_logs.details") and "no_such_column" in failed
        await pilot.press("X")
        await pilot.pause()
        assert isinstance(app.screen, DryRunScreen)  # execute refused


RENAMES = {"missing_column:public.campaign_jobs.job_type": "campaign_type",
           "missing_column:public.campaign_jobs.job_payload": "payload",
           "missing_column:public.campaign_jobs.processing_server_id": "worker_id"}


def _renames_decided(app) -> dict[str, str | None]:
    return {fid: getattr(app.session.decision(fid), "from_column", None) for fid in RENAMES}


async def test_n_goes_to_the_findings_that_need_a_choice_first(demo_url):
    app = _app(demo_url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        seen = []
        for _ in range(4):
            await pilot.press("n")
            seen.append(app._focused_finding())
        assert seen[:3] == sorted(RENAMES) and seen[3] == seen[0]  # only the three "?" until they are decided
        await pilot.press("1", "r", "n")  # every rename decided: now the next finding with a default only
        assert app._focused_finding() not in RENAMES and app.session.decision(app._focused_finding()) is None


async def _burst(pilot, keys: str) -> None:
    """As a terminal delivers a fast typist: every key queued before the first is handled."""
    from textual import events

    for key in keys:
        pilot.app.post_message(events.Key(key, key))


async def _press(pilot, keys: str) -> None:
    await pilot.press(*keys)


@pytest.mark.parametrize("type_keys", [_burst, _press], ids=["burst", "press"])
async def test_n_r_typed_without_pauses_decide_the_three_renames(demo_url, type_keys):
    """Each key acts on the tree cursor of its moment, never on a debounced detail or preview."""
    app = _app(demo_url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await type_keys(pilot, "nrnrnr")
        await settle(pilot, app)
        assert _renames_decided(app) == RENAMES


async def test_hazards_count_the_rows_of_tables_never_analyzed(demo_url):
    app = _app(demo_url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        hazards = [h for s in app.preview.statements for h in s.hazards]
        assert hazards and not [h for h in hazards if "row count unknown" in h]
        assert any(" row" in h and "~" in h for h in hazards)


async def test_shown_fixes_the_header_whatever_the_server(demo_url):
    from remedy.tui.widgets.status_header import StatusHeader

    app = _app(demo_url, shown={"url": "postgresql://u@h/x", "server": "PostgreSQL"})
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, app)
        header = str(app.query_one(StatusHeader).render())
        assert header.startswith("remedy  PostgreSQL postgresql://u@h/x\n"), header


async def test_keys_typed_while_the_scan_runs_act_once_the_findings_are_shown(demo_url):
    """Someone who knows the demo types `n r n r n r` at once: the three renames are decided,
    in order, even though the findings were not on screen yet when the keys arrived."""
    app = _app(demo_url)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, ScanningScreen), "the scan should still be running"
        await pilot.press("n", "r", "n", "r", "n", "r")
        await settle(pilot, app)
        renames = {fid: app.session.decision(fid) for fid in (
            JOB_TYPE, "missing_column:public.campaign_jobs.job_payload",
            "missing_column:public.campaign_jobs.processing_server_id")}
        assert {fid: d.action for fid, d in renames.items()} == dict.fromkeys(renames, "rename")
