"""TUI fixtures: a drifted DomainFlow demo database, and apps driven by the pilot."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.worker import WorkerCancelled

from remedy.demo import demo_sql, seed_demo
from remedy.tui.app import PREVIEW_DELAY
from tests.conftest import run_sql

CATALOG = Path(__file__).resolve().parents[2] / "catalog" / "domainflow"


@pytest.fixture
def demo_url(pg_url) -> str:
    """A fresh PostgreSQL database holding the drifted demo."""
    run_sql(pg_url, demo_sql(CATALOG))
    return pg_url


SNAPSHOT_DATABASE = "remedy_tui_snapshot"


@pytest.fixture(scope="session")
def snapshot_url(pg_server_url) -> str:
    """The drifted demo under a fixed database name, so the header reads the same every run.

    Seeded once per session (the snapshot tests only look); retried, since a second test run
    on the same server may be seeding the same name at that moment.
    """
    for attempt in range(5):
        try:
            return seed_demo(pg_server_url, SNAPSHOT_DATABASE, CATALOG)
        except Exception:
            if attempt == 4:
                raise
            time.sleep(2)


async def settle(pilot, app, timeout: float = 30.0) -> None:
    """Wait until no preview or filter is pending, every worker is done and the screen has repainted."""
    await pilot.pause(PREVIEW_DELAY + 0.05)
    deadline = time.monotonic() + timeout
    while app.busy and time.monotonic() < deadline:
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:  # an exclusive worker replaced by a newer one (keys typed in a burst)
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
