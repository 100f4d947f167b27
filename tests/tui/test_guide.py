"""The guided walk-through says what is on the screen: where the rest of a finding's evidence is, and that
leaving the guide lands on the finding it was showing."""
from __future__ import annotations

import io

from rich.console import Console

from remedy.tui.app import RemedyApp
from remedy.tui.screens.guide import GuideScreen
from remedy.tui.widgets.finding_detail import FindingDetail
from remedy.tui.widgets.findings_tree import FindingsTree
from tests.tui.conftest import CATALOG, settle

MANY_SITES = "missing_index:public.campaign_jobs.idx_campaign_jobs_status_next_execution"


def _page_text(guide: GuideScreen) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(guide._finding())
    return console.export_text()


async def test_leaving_the_guide_on_a_finding_shows_all_its_evidence_beside_the_tree(demo_url):
    app = RemedyApp(demo_url, str(CATALOG), guide=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        guide = app.screen
        assert isinstance(guide, GuideScreen)
        guide.index = next(i for i, p in enumerate(guide.pages) if p.finding_id == MANY_SITES)
        guide.paint()
        sites = guide.finding(MANY_SITES).evidence
        assert len(sites) > 2
        page = _page_text(guide)
        assert f"… and {len(sites) - 2} more: Esc leaves the guide on this finding, and the pane beside the tree " \
               "lists every one" in page
        assert "detail pane" not in page  # no pane of that name is on any screen
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.screen is app.screen_stack[0]
        assert app.query_one(FindingsTree).cursor_node.data.finding_id == MANY_SITES
        shown = app.query_one(FindingDetail).plain
        unwrapped = "".join(line.strip() for line in shown.splitlines())
        assert all(f"{ev.file}:{ev.line}" in unwrapped for ev in sites)
        assert "… and" not in shown
