"""The TUI on keys and indexes under other names: each is a name finding, the detail pane shows the two names over
the one definition, and the preview renames it in place."""
from __future__ import annotations

from remedy.tui.app import RemedyApp
from remedy.tui.widgets.finding_detail import FindingDetail
from remedy.tui.widgets.sql_preview import SqlPreview
from tests.conftest import run_sql
from tests.tui.conftest import select, settle

FINDING = "name_mismatch:public.customers.by_age"


async def test_an_index_under_another_name_is_shown_and_renamed(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, "CREATE TABLE customers (id int PRIMARY KEY, age int);\nCREATE INDEX by_age ON customers (age);")
    expected = tmp_path / "expected.sql"
    expected.write_text("CREATE TABLE customers (id int PRIMARY KEY, age int);\n"
                        "CREATE INDEX customers_age_idx ON customers (age);\n")
    app = RemedyApp(pg_url, str(expected))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        assert [f.id for f in app.scan.findings] == [FINDING]
        await select(pilot, FINDING)
        shown = app.query_one(FindingDetail).plain
        assert "-index by_age\n+index customers_age_idx\n USING btree (age)" in shown
        assert "renames it to customers_age_idx" in shown
        assert "ALTER INDEX public.by_age RENAME TO customers_age_idx" in app.query_one(SqlPreview).plain
