"""The TUI with --with-privileges: a role that lacks a privilege is a finding under its table, and the SQL preview
grants it."""
from __future__ import annotations

from remedy.tui.app import RemedyApp
from remedy.tui.widgets.sql_preview import SqlPreview
from tests.conftest import run_sql
from tests.tui.conftest import select, settle

ROLE = ("DO $$ BEGIN CREATE ROLE remedy_test_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; "
        "END $$;\n")
FINDING = "missing_grant:public.orders.SELECT to remedy_test_app"


async def test_a_missing_grant_is_shown_under_its_table_and_previewed_as_grant(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, ROLE + "CREATE TABLE orders (id int PRIMARY KEY)")
    expected = tmp_path / "expected.sql"
    expected.write_text("CREATE TABLE orders (id int PRIMARY KEY);\nGRANT SELECT ON orders TO remedy_test_app;\n")
    app = RemedyApp(pg_url, str(expected))
    app.scan_options = {"with_privileges": True}
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        assert [f.id for f in app.scan.findings] == [FINDING]
        await select(pilot, FINDING)
        assert "GRANT SELECT ON TABLE public.orders TO remedy_test_app" in app.query_one(SqlPreview).plain
