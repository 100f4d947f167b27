"""Nothing lands in the directory remedy runs in, except what -o names: caches live in the per-user cache dir."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from tests.conftest import run_sql
from tests.integration.cli_run import remedy

BACKEND = Path(__file__).resolve().parents[1] / "fixtures" / "backend"


def test_a_code_scan_writes_its_cache_in_the_user_cache_dir_not_the_working_directory(pg_url, tmp_path, monkeypatch):
    monkeypatch.delenv("REMEDY_HOME", raising=False)
    run_sql(pg_url, (BACKEND / "schema.sql").read_text())
    work, home = tmp_path / "work", tmp_path / "home"
    shutil.copytree(BACKEND, work / "backend")
    before = sorted(p.name for p in work.iterdir())
    proc = remedy("scan", "--db", pg_url, "--expected", pg_url, "--code", "backend", cwd=work,
                  env={"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")})
    assert proc.returncode in (0, 1), proc.stderr
    assert sorted(p.name for p in work.iterdir()) == before
    assert not list((work / "backend").rglob(".remedy-cache"))
    assert (home / ".cache" / "remedy" / "cache" / "code.sqlite").exists()


def test_the_demo_server_lives_in_the_user_data_dir_and_its_warnings_do_not_reach_the_user(monkeypatch):
    # not under pytest's tmp_path: as root the server runs as another user, and pytest keeps its base dir 0700
    tmp_path = Path(tempfile.mkdtemp(prefix="remedy-demo-test-"))
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    env = {"REMEDY_HOME": str(tmp_path / "home")}
    started = remedy("demo", "--no-tui", "--print-url", env=env, cwd=tmp_path, timeout=300)
    stopped = remedy("demo", "--stop", env=env, cwd=tmp_path)
    assert started.returncode == 0, started.stderr
    assert str(tmp_path / "home" / "demo-pgdata").replace("/", "%2F") in started.stdout
    assert (started.stderr + stopped.stderr).strip() == "remedy: demo server stopped"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]
    shutil.rmtree(tmp_path, ignore_errors=True)
