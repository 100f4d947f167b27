"""After an execute the screen tells the truth: what ran, where it is recorded, and what a fresh scan says now."""
from __future__ import annotations

from remedy.tui.screens.choice_dialog import ChoiceDialog
from remedy.tui.screens.dry_run_screen import DryRunScreen
from remedy.tui.screens.execute_screen import ExecuteScreen
from remedy.tui.widgets.resolution_picker import ResolutionPicker
from remedy.tui.widgets.sql_preview import SqlPreview
from tests.tui.conftest import drifted_app, settle


async def test_after_execute_the_outcome_and_the_rescan_are_shown(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    app = drifted_app(pg_url, tmp_path, "CREATE TABLE invoice (id int PRIMARY KEY);",
                      "CREATE TABLE invoice (id int PRIMARY KEY, currency text);")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        assert [f.kind for f in app.scan.findings] == ["missing_column"]
        await pilot.press("v")
        await settle(pilot, app)
        assert isinstance(app.screen, DryRunScreen)
        await pilot.press("X")
        await pilot.pause()
        assert isinstance(app.screen, ExecuteScreen)
        app.screen.query_one("#confirm").value = app.screen.database
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, ChoiceDialog)
        text = str(app.screen.query_one("#choice-text").render())
        assert text.startswith("Applied: ") and "Journal: " in text
        assert "Rescan: No drift: the database now matches what is expected." in text
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.query_one(ResolutionPicker).option_count == 0
        assert app.query_one(ResolutionPicker).border_title == "Resolve · nothing to decide"
        assert "every decision so far is 'skip'" not in app.query_one(SqlPreview).plain
