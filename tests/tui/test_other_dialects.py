"""The same story on SQLite and MariaDB: scan, accept the rename, the dry run passes."""
from __future__ import annotations

import pytest

from remedy.tui.app import RemedyApp
from remedy.tui.screens.dry_run_screen import DryRunScreen
from tests.conftest import run_sql
from tests.tui.conftest import settle

LIVE = """
CREATE TABLE users (id INTEGER PRIMARY KEY, fullname VARCHAR(100) NOT NULL);
INSERT INTO users (id, fullname) VALUES (1, 'Ada');
"""
EXPECTED = """
CREATE TABLE users (id INTEGER PRIMARY KEY, full_name VARCHAR(100) NOT NULL, email VARCHAR(200));
CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id));
"""


async def _story(url: str, tmp_path) -> None:
    expected = tmp_path / "expected.sql"
    expected.write_text(EXPECTED)
    run_sql(url, LIVE)
    app = RemedyApp(url, str(expected))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        assert {f.kind for f in app.scan.findings} >= {"missing_table", "missing_column"}
        await pilot.press("1", "r")  # phase 1: accept every rename
        await settle(pilot, app)
        assert "full_name" in app.query_one("#sql").plain
        await pilot.press("v")
        await settle(pilot, app)
        assert isinstance(app.screen, DryRunScreen)
        result = str(app.screen.query_one("#dry-run-result").render())
        assert app.verified_state() == "passed", result


async def test_sqlite_story(sqlite_url, tmp_path):
    await _story(sqlite_url, tmp_path)


@pytest.mark.mariadb
async def test_mariadb_story(mariadb_url, tmp_path):
    await _story(mariadb_url, tmp_path)
