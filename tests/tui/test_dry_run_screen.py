"""The dry-run screen: every step can be read in full at 80×24, whatever the length of its statement."""
from __future__ import annotations

import pytest

from remedy.tui.app import RemedyApp
from remedy.tui.screens.dry_run_screen import DryRunScreen
from remedy.tui.widgets.step_log import StepDetail, StepLog, StepsView
from tests.tui.conftest import CATALOG, drifted_app, settle


async def _dry_run(pilot, app) -> None:
    await settle(pilot, app)
    await pilot.press("1", "r")  # phase 1: accept every rename, so the plan is complete
    await settle(pilot, app)
    await pilot.press("v")
    await settle(pilot, app)
    assert isinstance(app.screen, DryRunScreen)
    assert app.verified_state() == "passed"


async def _passed_dry_run_titles(app) -> list[str]:
    """Dry-run a one-finding type change and give the title of every step."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        assert [f.kind for f in app.scan.findings] == ["type_mismatch"]
        await pilot.press("v")
        await settle(pilot, app)
        assert app.verified_state() == "passed"
        return [step.title for step in app.screen.query_one(StepLog).steps.values()]


def _row_of(log: StepLog, start: str) -> int:
    return next(i for i, step in enumerate(log.steps.values()) if step.title.startswith(start))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_selected_step_shows_its_whole_statement_wrapped(demo_url, size):
    app = RemedyApp(demo_url, str(CATALOG))
    async with app.run_test(size=size) as pilot:
        await _dry_run(pilot, app)
        log, detail = app.screen.query_one(StepLog), app.screen.query_one(StepDetail)
        assert log.has_focus
        assert "re-scan after downgrade" in app.screen.query_one(StepsView).shown  # the last step, selected
        rows_shown = log.scrollable_content_region.height - 1  # under the column headings
        assert log.scroll_offset.y <= log.cursor_row < log.scroll_offset.y + rows_shown  # and in view
        await pilot.press("home")
        await pilot.press(*["down"] * _row_of(log, "upgrade: create table public.keyword_rules"))
        await pilot.pause()
        step = detail.step
        assert step.title == "upgrade: create table public.keyword_rules"
        assert step.sql.startswith("CREATE TABLE public.keyword_rules (") and len(step.sql.splitlines()) > 5
        assert detail.virtual_size.width <= detail.size.width + 2  # wrapped: nothing runs off to the right
        await pilot.press("tab")  # into the step's text, which scrolls when it is longer than the pane
        assert detail.has_focus
        if detail.max_scroll_y:
            await pilot.press("end")
            await pilot.pause()
            assert detail.scroll_y == detail.max_scroll_y


async def test_each_step_of_a_type_change_says_what_it_does_both_ways(pg_url, tmp_path, monkeypatch):
    """json → jsonb with a default is three statements (drop the default, retype, set it again), each way."""
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    app = drifted_app(pg_url, tmp_path,
                      "CREATE TABLE decisions (id int PRIMARY KEY, context json DEFAULT '{}'::json NOT NULL);",
                      "CREATE TABLE decisions (id int PRIMARY KEY, context jsonb DEFAULT '{}'::jsonb NOT NULL);")
    titles = await _passed_dry_run_titles(app)
    statements = [t for t in titles if t.startswith(("upgrade: ", "downgrade: "))]
    assert statements == [
        "upgrade: drop default of decisions.context before its type changes from json to jsonb",
        "upgrade: change type of decisions.context from json to jsonb",
        "upgrade: set default of decisions.context to '{}'::jsonb",
        "downgrade: drop default of decisions.context before its type changes from jsonb to json",
        "downgrade: change type of decisions.context from jsonb to json",
        "downgrade: set default of decisions.context to '{}'::json",
    ]


async def test_each_step_of_a_sqlite_table_copy_says_which_part_it_is(sqlite_url, tmp_path, monkeypatch):
    """SQLite changes a type by copying the table: four statements, each titled by its part of the copy."""
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    app = drifted_app(sqlite_url, tmp_path, "CREATE TABLE t (id integer PRIMARY KEY, a text);",
                      "CREATE TABLE t (id integer PRIMARY KEY, a integer);")
    titles = await _passed_dry_run_titles(app)
    change = "change type of t.a from TEXT to integer"  # the new type as the expected DDL declares it (SQLite)
    assert [t for t in titles if t.startswith("upgrade: ")] == [
        f"upgrade: {change}: create t anew as _alembic_tmp_t",
        f"upgrade: {change}: copy the rows of t into _alembic_tmp_t",
        f"upgrade: {change}: drop the old t",
        f"upgrade: {change}: rename _alembic_tmp_t to t",
    ]
