"""The TUI on an extension the expected side does not name: an extra_extension under (database), said as "extra
extension"; x decides drop and the preview drops it without CASCADE."""
from __future__ import annotations

from rich.style import Style

from remedy.tui.app import RemedyApp
from remedy.tui.widgets.findings_tree import FindingsTree
from remedy.tui.widgets.sql_preview import SqlPreview
from tests.conftest import run_sql
from tests.tui.conftest import select, settle

FINDING = "extra_extension:pg_trgm"


async def test_an_extra_extension_is_shown_and_x_previews_its_drop(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, "CREATE TABLE orders (id int PRIMARY KEY);\nCREATE EXTENSION pg_trgm")
    expected = tmp_path / "expected.sql"
    expected.write_text("CREATE TABLE orders (id int PRIMARY KEY);\n")
    app = RemedyApp(pg_url, str(expected))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        assert [f.id for f in app.scan.findings] == [FINDING]
        await select(pilot, FINDING)
        tree = app.query_one(FindingsTree)
        shown = tree.render_label(tree.cursor_node, Style(), Style()).plain
        assert "pg_trgm" in shown and "extra extension" in shown
        await pilot.press("x")
        await settle(pilot, app)
        assert "DROP EXTENSION pg_trgm" in app.query_one(SqlPreview).plain
