"""TUI fixtures: a drifted DomainFlow demo database, and apps driven by the pilot."""
from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest
from textual.worker import WorkerCancelled, WorkerFailed

from remedy.demo import demo_sql, seed_demo
from remedy.tui.app import PREVIEW_DELAY
from tests.conftest import run_sql

CATALOG = Path(__file__).resolve().parents[2] / "catalog" / "domainflow"


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path, monkeypatch):
    """Each story keeps its autosaved decisions in its own data dir, never the user's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture
def demo_url(pg18_url_factory) -> str:
    """A fresh database holding the drifted demo, on PostgreSQL 18 as ``remedy demo`` runs it (the embedded server,
    where the test server is older: on 18 a renamed NOT NULL column's constraint is renamed too, so the plans the
    stories see are the demo's own)."""
    url = pg18_url_factory()
    run_sql(url, demo_sql(CATALOG))
    return url


@pytest.fixture(scope="session")
def snapshot_url(pg18_server_url):
    """The drifted demo on PostgreSQL 18 (as ``demo_url``), seeded once per session under its own name and dropped
    afterwards.

    The snapshot tests fix what the header shows (RemedyApp(shown=...)), so the name does not matter.
    """
    from tests.conftest import _pg_drop

    name = f"remedy_t_snap_{uuid.uuid4().hex[:10]}"
    yield seed_demo(pg18_server_url, name, CATALOG)
    _pg_drop(pg18_server_url, name)


def drifted_app(pg_url: str, tmp_path: Path, live_sql: str, expected_sql: str):
    """The TUI on a database made by ``live_sql``, expected to be as ``expected_sql`` says."""
    from remedy.tui.app import RemedyApp

    run_sql(pg_url, live_sql)
    expected = tmp_path / "expected.sql"
    expected.write_text(expected_sql)
    return RemedyApp(pg_url, str(expected))


async def settle(pilot, app, timeout: float = 30.0) -> None:
    """Wait until no preview or filter is pending, every worker is done and the screen has repainted."""
    await pilot.pause(PREVIEW_DELAY + 0.05)
    deadline = time.monotonic() + timeout
    while app.busy and time.monotonic() < deadline:
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:  # an exclusive worker replaced by a newer one (keys typed in a burst)
            pass
        except WorkerFailed:  # the app's error router shows it; the story asserts what the operator sees
            pass
        await pilot.pause(0.05)
    await pilot.pause()
    await pilot.pause()


async def select(pilot, finding_id: str) -> None:
    """Move the tree cursor to a finding, as a person would with the arrows."""
    from remedy.tui.widgets.findings_tree import FindingsTree

    assert pilot.app.query_one(FindingsTree).select_finding(finding_id)
    await pilot.pause()


def unreachable(url: str) -> str:
    """The same database on a port nobody listens on (TCP, whatever the server: embedded ones use a socket)."""
    import sqlalchemy as sa

    return sa.engine.make_url(url).set(host="127.0.0.1", port=1, query={}).render_as_string(hide_password=False)
