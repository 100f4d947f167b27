"""The TUI story of a column only the code names: no default decision, `=` asks for its type, and the SQL uses it."""
from __future__ import annotations

from pathlib import Path

from remedy.tui.app import RemedyApp
from remedy.tui.screens.value_dialog import ValueDialog
from remedy.tui.widgets.sql_preview import SqlPreview
from tests.conftest import run_sql
from tests.tui.conftest import select, settle

GO = Path(__file__).resolve().parents[1] / "fixtures" / "dynamic" / "go"
DUE_AT = "missing_column:public.invoice.due_at"


async def test_equals_asks_the_type_of_a_column_only_the_code_names(pg_url, monkeypatch, tmp_path):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, "CREATE TABLE invoice (id serial PRIMARY KEY, number text, status text, created_at timestamptz)")
    app = RemedyApp(pg_url, "", code_paths=[str(GO)])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        assert app.defaults.get(DUE_AT) is None
        assert "ADD COLUMN due_at" not in app.query_one(SqlPreview).plain
        await select(pilot, DUE_AT)
        await pilot.press("equals_sign")
        await pilot.pause()
        assert isinstance(app.screen, ValueDialog)
        assert "Type of the new column" in app.screen.prompt
        app.screen.query_one("#value").value = "date"
        await pilot.press("enter")
        await settle(pilot, app)
        decision = app.session.decision(DUE_AT)
        assert (decision.action, decision.value) == ("add", "date")
        assert "ADD COLUMN due_at date" in " ".join(app.query_one(SqlPreview).plain.split())
