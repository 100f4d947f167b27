"""SVG snapshots of the main screens on the real drifted demo (pytest-textual-snapshot).

Update after an intended change with: .venv/bin/pytest tests/tui/test_snapshots.py --snapshot-update
"""
from __future__ import annotations

import pytest

from remedy.tui.app import RemedyApp
from remedy.tui.widgets.findings_tree import FindingsTree
from tests.tui.conftest import CATALOG

JOB_TYPE = "missing_column:public.campaign_jobs.job_type"
ROOT = CATALOG.parents[1]
# The header as every machine draws it: the real one names the server version (15.20 here, 18.6 embedded),
# its port, and the checkout's absolute path.
SHOWN = {"url": "postgresql://postgres@127.0.0.1:5432/remedy_tui_snapshot", "server": "PostgreSQL"}
UNREACHABLE = "postgresql://postgres@127.0.0.1:1/remedy_tui_snapshot"


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch):
    """The catalog is given relative to the repository root, as a user in the checkout would."""
    monkeypatch.chdir(ROOT)


def _app(url: str, **kw) -> RemedyApp:
    return RemedyApp(url, str(CATALOG.relative_to(ROOT)), shown=SHOWN, **kw)


def _run_before(*keys: str, select: str | None = None):
    async def before(pilot) -> None:
        app = pilot.app
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if select:
            app.query_one(FindingsTree).select_finding(select)
            await pilot.pause()
        for key in keys:
            app.clear_notifications()  # toasts come and go with timing: not part of what a snapshot pins
            await pilot.pause()
            await pilot.press(key)
            await pilot.pause()
            await app.workers.wait_for_complete()
        app.clear_notifications()
        await pilot.pause()
    return before


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_main_screen(snap_compare, snapshot_url, size):
    assert snap_compare(_app(snapshot_url), terminal_size=size, run_before=_run_before())


def test_rename_decided(snap_compare, snapshot_url):
    app = _app(snapshot_url)
    assert snap_compare(app, terminal_size=(100, 30), run_before=_run_before("r", select=JOB_TYPE))


def test_guide_finding_page(snap_compare, snapshot_url):
    app = _app(snapshot_url, guide=True)
    assert snap_compare(app, terminal_size=(100, 30), run_before=_run_before("right", "right"))


def test_help_screen(snap_compare, snapshot_url):
    app = _app(snapshot_url)
    assert snap_compare(app, terminal_size=(100, 30), run_before=_run_before("question_mark"))


def test_export_dialog(snap_compare, snapshot_url):
    app = _app(snapshot_url)
    assert snap_compare(app, terminal_size=(100, 30), run_before=_run_before("1", "r", "e"))


def test_connection_error_dialog(snap_compare):
    app = _app(UNREACHABLE)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_run_before())


CAMPAIGN_TYPE = "extra_column:public.campaign_jobs.campaign_type"


def _settled_before(*keys: str, select: str | None = None):
    """Like _run_before, and waits out the preview's short delay after each key."""
    async def before(pilot) -> None:
        from tests.tui.conftest import settle

        app = pilot.app
        await settle(pilot, app)
        for key in keys:
            if key.startswith("select:"):
                app.query_one(FindingsTree).select_finding(key.removeprefix("select:"))
                await pilot.pause()
                continue
            app.clear_notifications()
            await pilot.pause()
            await pilot.press(key)
            await settle(pilot, app)
        app.clear_notifications()
        await pilot.pause()
    return before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_whole_sql_view(snap_compare, snapshot_url, size):
    assert snap_compare(_app(snapshot_url), terminal_size=size,
                        run_before=_settled_before("1", "r", f"select:{JOB_TYPE}", "w"))


def test_conflicting_decision_asks_which_wins(snap_compare, snapshot_url):
    assert snap_compare(_app(snapshot_url), terminal_size=(100, 30),
                        run_before=_settled_before("1", "r", f"select:{CAMPAIGN_TYPE}", "x"))


def test_resume_prompt(snap_compare, snapshot_url):
    from remedy import autosave
    from remedy.decisions import Decision
    from remedy.scan import scan

    fingerprint = scan(snapshot_url, str(CATALOG)).fingerprint
    autosave.save(snapshot_url, str(CATALOG.relative_to(ROOT)), fingerprint, (Decision(JOB_TYPE, "add"),))
    assert snap_compare(_app(snapshot_url), terminal_size=(100, 30), run_before=_settled_before())


def _stable(text: str, url: str, home) -> str:
    """The after-execute text with what changes from run to run (time taken, when, who, where the journal and the
    database are, fingerprints that carry the server version) put as every machine would draw it."""
    import getpass
    import re

    from remedy.tui.adapter import masked_url

    text = text.replace(str(home), "~/.local/share/remedy").replace(masked_url(url), SHOWN["url"])
    text = re.sub(r"\b\d+\.\d\d s\b", "0.42 s", text)
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", "2026-01-01T12:00:00+00:00", text)
    text = re.sub(r"sha256:[0-9a-f]+", "sha256:0123456789ab", text)
    return text.replace(f"  {getpass.getuser()}  ", "  operator  ")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_after_execute_dialog(snap_compare, demo_url, tmp_path, monkeypatch, size):
    from textual.widgets import Static

    from remedy.tui.screens.choice_dialog import ChoiceDialog
    from tests.tui.conftest import settle

    home = tmp_path / "home"
    monkeypatch.setenv("REMEDY_HOME", str(home))

    async def before(pilot) -> None:
        app = pilot.app
        await settle(pilot, app)
        await pilot.press("1", "r")  # every rename accepted, the rest as recommended
        await settle(pilot, app)
        await pilot.press("v")
        await settle(pilot, app)
        await pilot.press("X")
        await pilot.pause()
        app.screen.query_one("#confirm").value = app.screen.database
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.press("escape")  # back to the main screen: it scans again, then tells what happened
        await settle(pilot, app)
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog) and dialog.title_text == "Executed"
        dialog.query_one("#choice-text", Static).update(_stable(dialog.text, demo_url, home))
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(_app(demo_url), terminal_size=size, run_before=before)
