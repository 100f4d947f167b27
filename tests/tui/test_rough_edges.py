"""Small things an operator trips over: the header counts the defaults the preview already plans, a phase jump
puts the heading on top, a cleared filter keeps the cursor, bulk offers only what applies."""
from __future__ import annotations

from remedy.tui.app import RemedyApp
from remedy.tui.widgets.findings_tree import FindingsTree
from remedy.tui.widgets.resolution_picker import ResolutionPicker
from remedy.tui.widgets.status_header import StatusHeader
from tests.tui.conftest import CATALOG, select, settle

JOB_TYPE = "missing_column:public.campaign_jobs.job_type"


async def test_the_header_says_how_many_findings_the_defaults_already_plan(demo_url):
    app = RemedyApp(demo_url, str(CATALOG))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        needs_choice = sum(1 for d in app.defaults.values() if d is None)
        header = str(app.query_one(StatusHeader).render())
        assert f"decided 0/43 +{43 - needs_choice} defaults" in header


async def test_a_phase_jump_puts_its_heading_on_the_top_row(demo_url):
    app = RemedyApp(demo_url, str(CATALOG))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("3")
        await settle(pilot, app)
        tree = app.query_one(FindingsTree)
        assert tree.cursor_node.data.phase == 3 and tree.cursor_node.data.table is None
        assert tree.scroll_offset.y == tree.cursor_line


async def test_escape_on_the_filter_keeps_the_cursor_on_the_finding(demo_url):
    app = RemedyApp(demo_url, str(CATALOG))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("slash", *"job_type")
        await settle(pilot, app)
        await pilot.press("enter")
        await select(pilot, JOB_TYPE)
        await pilot.press("slash", "escape")
        await settle(pilot, app)
        assert app._focused_finding() == JOB_TYPE


async def test_a_table_whose_only_finding_is_a_missing_table_offers_no_renames(demo_url):
    app = RemedyApp(demo_url, str(CATALOG))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        missing = next(f for f in app.scan.findings if f.kind == "missing_table")
        tree = app.query_one(FindingsTree)
        await select(pilot, missing.id)
        await pilot.press("up")  # its table node, the line above its only finding
        await settle(pilot, app)
        assert tree.cursor_node.data.finding_id is None
        prompts = [str(app.query_one(ResolutionPicker).get_option_at_index(i).prompt)
                   for i in range(app.query_one(ResolutionPicker).option_count)]
        assert prompts and not any("accept every rename" in p for p in prompts)
