"""The app on a hand-built scan (no database): tree, detail, decisions, undo, filter, navigation."""
from remedy.tui.app import RemedyApp
from remedy.tui.widgets.findings_tree import FindingsTree
from remedy.tui.widgets.sql_preview import SqlPreview
from remedy.tui.widgets.status_header import StatusHeader
from tests.tui.conftest import select, settle
from tests.tui.factory import big_scan, small_scan

JOB_TYPE = "missing_column:public.campaign_jobs.job_type"


def _app(scan=None):
    return RemedyApp("postgresql://u:secret@db.example/demo", "catalog/domainflow", scan=scan or small_scan())


def _cursor(app):
    node = app.query_one(FindingsTree).cursor_node
    return node.data.finding_id if node and node.data else None


async def test_opens_on_the_first_finding_with_header_counts():
    app = _app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert _cursor(app) == "missing_column:public.campaign_jobs.business_status"
        header = str(app.query_one(StatusHeader).render())
        assert "secret" not in header and "decided 0/5" in header and "P1 0/3" in header


async def test_rename_then_undo_updates_count_and_sql():
    app = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await select(pilot, JOB_TYPE)
        await pilot.press("r")
        await settle(pilot, app)
        decision = app.session.decision(JOB_TYPE)
        assert (decision.action, decision.from_column) == ("rename", "campaign_type")
        assert "RENAME" in app.query_one(SqlPreview).plain.upper()
        await pilot.press("r")  # again: the next candidate
        assert app.session.decision(JOB_TYPE).from_column == "legacy_flag"
        await pilot.press("u", "u")
        await settle(pilot, app)
        assert app.session.decision(JOB_TYPE) is None
        assert "RENAME" not in app.query_one(SqlPreview).plain.upper()


async def test_bulk_on_a_phase_node_and_next_undecided():
    app = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("1", "a")  # phase 1: add all missing
        await settle(pilot, app)
        assert app.session.decided == 2  # business_status (add), keyword_rules (create); job_type has candidates
        await pilot.press("n")
        assert _cursor(app) is not None and app.session.decision(_cursor(app)) is None


async def test_filter_narrows_the_tree_and_escape_restores_it():
    app = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("slash", *"keyword")
        await pilot.pause(0.4)
        assert app.query_one(FindingsTree).visible_finding_ids() == ["missing_table:public.keyword_rules"]
        assert app.query_one("#detail").border_title == "missing_table:public.keyword_rules"
        await pilot.press("escape")
        await pilot.pause(0.4)
        assert len(app.query_one(FindingsTree).visible_finding_ids()) == 5


async def test_dry_run_is_refused_while_a_rename_is_undecided():
    app = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("v")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        assert _cursor(app) == JOB_TYPE


async def test_execute_needs_a_passed_dry_run():
    app = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await select(pilot, JOB_TYPE)
        await pilot.press("r", "X")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]


async def test_help_and_palette_list_every_action():
    app = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for needle in ("rename", "add + copy", "create", "alter", "drop", "skip", "accept every rename",
                       "add all missing", "skip all extras", "Undo", "Filter", "Next undecided", "Dry run",
                       "Export", "Execute", "Guided", "phase 1", "Help"):
            assert any(needle in t for t in titles), needle
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"


async def test_five_thousand_findings_build_and_move():
    app = _app(big_scan(5000))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("down", "down", "end", "home")
        assert len(app.query_one(FindingsTree).visible_finding_ids()) == 5000


async def test_mouse_picks_a_resolution_and_zoom_fills_the_screen():
    app = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await select(pilot, "missing_table:public.keyword_rules")
        await pilot.click("#picker", offset=(4, 1))  # first option: create
        await settle(pilot, app)
        assert app.session.decision("missing_table:public.keyword_rules").action == "create"
        await pilot.click("#detail")
        await pilot.press("z")
        assert app.screen.maximized is app.query_one("#detail")
        await pilot.press("z")
        assert app.screen.maximized is None


async def test_command_palette_runs_an_action():
    app = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await select(pilot, JOB_TYPE)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Decide: add (a)")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.session.decision(JOB_TYPE).action == "add"


async def test_scanning_screen_ticks_off_each_stage():
    from remedy.tui.messages import ScanProgressed
    from remedy.tui.screens.scanning import ScanningScreen

    app = _app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        app.push_screen(ScanningScreen("postgresql://u@h/demo"))
        await pilot.pause()
        for stage, detail in (("connecting", "h"), ("introspecting", "42 tables"), ("diffing", "")):
            app.post_message(ScanProgressed(stage, detail))
        await pilot.pause()
        shown = str(app.screen.query_one("#scanning-stages").render())
        assert "✓ connecting" in shown and "✓ introspecting  42 tables" in shown and "… diffing" in shown


async def test_big_scans_are_planned_in_a_child_process():
    from remedy.tui import adapter

    app = _app(big_scan(1200))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        assert adapter._planner and adapter._planner[0].scan is app.scan
        assert app.query_one(SqlPreview).statement_count > 0
        await pilot.press("n", "s")
        await settle(pilot, app)
        assert "col_" in app.query_one(SqlPreview).plain
    assert not adapter._planner  # closed with the app


async def test_keys_queued_before_the_first_paint_act_on_the_opened_tree():
    """A typist faster than the first repaint: the tree's opening cursor must not land after their keys."""
    from textual import events

    app = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        for key in "nr":  # queued behind the scan's message, before any refresh
            app.post_message(events.Key(key, key))
        await settle(pilot, app)
        assert app.session.decision(JOB_TYPE).action == "rename"
        assert _cursor(app) == JOB_TYPE
