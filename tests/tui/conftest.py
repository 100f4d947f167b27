"""TUI fixtures: a drifted DomainFlow demo database, and apps driven by the pilot."""
from __future__ import annotations

from pathlib import Path

import pytest

from remedy.demo import demo_sql
from tests.conftest import run_sql

CATALOG = Path(__file__).resolve().parents[2] / "catalog" / "domainflow"


@pytest.fixture
def demo_url(pg_url) -> str:
    """A fresh PostgreSQL database holding the drifted demo."""
    run_sql(pg_url, demo_sql(CATALOG))
    return pg_url


async def settle(pilot, app, timeout: float = 30.0) -> None:
    """Wait until every worker is done and the screen has repainted."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
