"""An operator reads every statement in full before executing: w shows the whole batch on the whole screen,
hazards on their own lines; the small pane marks what it cuts with "…"."""
from __future__ import annotations

from remedy.tui.app import RemedyApp
from remedy.tui.screens.sql_screen import SqlScreen
from remedy.tui.widgets.sql_preview import SqlPreview
from tests.tui.conftest import CATALOG, select, settle

JOB_TYPE = "missing_column:public.campaign_jobs.job_type"


async def test_w_shows_every_statement_in_full_with_each_hazard_on_its_own_line(demo_url):
    app = RemedyApp(demo_url, str(CATALOG))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("1", "r")
        await settle(pilot, app)
        await select(pilot, JOB_TYPE)
        await pilot.press("w")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SqlScreen)
        for statement in app.preview.statements:
            assert statement.sql.rstrip().rstrip(";") in screen.plain
            for hazard in statement.hazards:
                assert f"-- ⚠ {hazard}\n" in screen.plain
        assert any("ACCESS EXCLUSIVE" in h for s in app.preview.statements for h in s.hazards)
        await pilot.press("f")  # only the focused finding's statements
        await pilot.pause()
        # the column's rename, and its NOT NULL constraint's (PostgreSQL 18 names it after the old column)
        assert screen.plain.startswith("-- [1/2] " + JOB_TYPE) and "RENAME campaign_type TO job_type" in screen.plain
        assert "RENAME CONSTRAINT campaign_jobs_campaign_type_not_null TO campaign_jobs_job_type_not_null" \
            in screen.plain
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SqlScreen)


async def test_the_small_pane_marks_a_cut_hazard_with_an_ellipsis(demo_url):
    app = RemedyApp(demo_url, str(CATALOG))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        pane = app.query_one(SqlPreview)
        width = pane.scrollable_content_region.width
        shown = [pane._render(i, width).text for i in range(len(pane._sql_lines))]  # every line, as it would show
        hazards = [line for line in shown if "⚠" in line]
        assert hazards and all(line.rstrip().endswith("…") or "EXCLUSIVE" in line or "EXCLUSIV" not in line
                               for line in hazards)
        assert any(line.rstrip().endswith("…") for line in hazards)


async def test_enter_on_a_finding_shows_its_statements_alone_on_the_whole_screen(demo_url):
    app = RemedyApp(demo_url, str(CATALOG))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("1")  # a phase heading: Enter there opens nothing
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SqlScreen)
        await select(pilot, JOB_TYPE)
        await pilot.press("r")
        await settle(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SqlScreen)
        own = [s for s in app.preview.statements if JOB_TYPE in s.finding_ids]
        assert own and len(own) < len(app.preview.statements)
        assert screen.plain.startswith(f"-- [1/{len(own)}] {JOB_TYPE}\n")
        for statement in own:
            assert statement.sql.rstrip().rstrip(";") in screen.plain
            for hazard in statement.hazards:
                assert f"\n-- ⚠ {hazard}\n" in screen.plain  # each hazard on its own line
        assert "campaign_type TO job_type" in screen.plain and "CREATE TABLE" not in screen.plain
        await pilot.press("c")  # copies what is shown: this finding's statements
        assert app.clipboard == "\n\n".join(s.sql.rstrip().rstrip(";") + ";" for s in own)
        await pilot.press("f")  # the whole batch
        await pilot.pause()
        assert "CREATE TABLE" in screen.plain
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SqlScreen)
