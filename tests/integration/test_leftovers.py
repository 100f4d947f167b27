"""A dry run killed with SIGKILL leaves its MariaDB shadow database or SQLite copy; the next run removes it."""
from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
import sqlalchemy as sa

from tests.conftest import MARIADB_ADMIN, run_sql
from tests.integration.cli_run import REPO, remedy
from tests.integration.test_apply_other_dialects import EXPECTED, LIVE


def killed_while_paused(*args: str, env: dict) -> int:
    """Run remedy until it says it paused at the dry run's midpoint, then SIGKILL it; its pid."""
    proc = subprocess.Popen([sys.executable, "-m", "remedy", *args], cwd=REPO, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **env, "REMEDY_PAUSE_AT": "dry-run"})
    for line in proc.stderr:
        if "paused at dry-run" in line:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    return proc.pid


def _args(url, tmp_path):
    expected = tmp_path / "expected.sql"
    expected.write_text(EXPECTED)
    return ("apply", "--db", url, "--expected", str(expected), "--renames", "reject", "--dry-run")


def _shadows() -> list[str]:
    engine = sa.create_engine(MARIADB_ADMIN, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        names = [r[0] for r in conn.exec_driver_sql("SHOW DATABASES") if r[0].startswith("remedy_shadow_")]
    engine.dispose()
    return names


@pytest.mark.mariadb
def test_a_killed_mariadb_dry_run_leaves_a_shadow_the_next_run_drops(mariadb_url, tmp_path):
    run_sql(mariadb_url, LIVE)
    env = {"REMEDY_HOME": str(tmp_path / "home")}
    pid = killed_while_paused(*_args(mariadb_url, tmp_path), env=env)
    left = [name for name in _shadows() if f"_{pid}_" in name]
    assert len(left) == 1  # SIGKILL: nothing could clean up
    again = remedy(*_args(mariadb_url, tmp_path), env=env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert not [name for name in _shadows() if f"_{pid}_" in name or f"_{os.getpid()}_" in name]


def test_a_killed_sqlite_dry_run_leaves_a_copy_the_next_run_removes(sqlite_url, tmp_path):
    run_sql(sqlite_url, LIVE)
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {"REMEDY_HOME": str(tmp_path / "home"), "TMPDIR": str(temp)}
    pid = killed_while_paused(*_args(sqlite_url, tmp_path), env=env)
    left = [p.name for p in temp.iterdir()]
    assert len(left) == 1 and left[0].startswith("remedy-dry-run-") and f"_{pid}_" in left[0]
    again = remedy(*_args(sqlite_url, tmp_path), env=env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert list(temp.iterdir()) == []  # the stale copy, and the run's own
