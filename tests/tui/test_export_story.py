"""Export says where: the format has the focus first, an existing file is never overwritten without asking,
and the absolute paths written are shown, with an offer to copy the path."""
from __future__ import annotations

from remedy.tui.app import RemedyApp
from remedy.tui.screens.choice_dialog import ChoiceDialog
from remedy.tui.screens.export_screen import ExportScreen
from tests.tui.conftest import CATALOG, settle


async def _open_export(pilot, app, tmp_path, name: str = "fix.sql") -> None:
    await settle(pilot, app)
    await pilot.press("1", "r")
    await settle(pilot, app)
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, ExportScreen)
    assert app.focused is app.screen.query_one("#export-format")
    await pilot.press("tab")  # on to the path, as a person would
    app.screen.query_one("#export-path").value = name


async def test_export_shows_the_absolute_paths_it_wrote_and_offers_to_copy_them(demo_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = RemedyApp(demo_url, str(CATALOG))
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_export(pilot, app, tmp_path)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, ChoiceDialog)
        text = str(app.screen.query_one("#choice-text").render())
        assert f"  {tmp_path / 'fix.sql'}" in text and f"  {tmp_path / 'decisions.toml'}" in text
        await pilot.click("#choice-copy")
        await pilot.pause()
        assert app.clipboard == str(tmp_path / "fix.sql")


async def test_export_asks_before_overwriting(demo_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fix.sql").write_text("-- reviewed yesterday\n")
    app = RemedyApp(demo_url, str(CATALOG))
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_export(pilot, app, tmp_path)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert str(tmp_path / "fix.sql") in str(app.screen.query_one("#choice-text").render())
        await pilot.press("enter")  # "Keep them, change the path" has the focus
        await settle(pilot, app)
        assert isinstance(app.screen, ExportScreen)
        assert (tmp_path / "fix.sql").read_text() == "-- reviewed yesterday\n"
        await pilot.click("#export")
        await pilot.pause()
        await pilot.click("#choice-overwrite")
        await settle(pilot, app)
    assert "campaign_type TO job_type" in (tmp_path / "fix.sql").read_text()
