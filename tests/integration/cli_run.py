"""Run the real ``remedy`` command line as a subprocess, the way users and CI do."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def remedy(*args: str, env: dict | None = None, cwd: str | Path = REPO, timeout: float = 120):
    """``python -m remedy ARGS``; REMEDY_DATABASE_URL and NO_COLOR unset unless given in ``env``."""
    base = {k: v for k, v in os.environ.items() if k not in ("REMEDY_DATABASE_URL", "NO_COLOR")}
    return subprocess.run([sys.executable, "-m", "remedy", *args], capture_output=True, text=True,
                          env={**base, **(env or {})}, cwd=cwd, timeout=timeout, stdin=subprocess.DEVNULL)


def stderr_lines(proc) -> list[str]:
    return [line for line in proc.stderr.splitlines() if line.strip()]


def psql(url: str, script: str | Path, timeout: float = 120, flags: tuple[str, ...] = (), options: str = ""):
    """``psql -X -q [FLAGS] -f SCRIPT`` on the database of a SQLAlchemy URL, as an operator runs an exported
    script (FLAGS: e.g. ``-1``, ``-v ON_ERROR_STOP=1``; ``options``: PGOPTIONS, e.g. ``-c search_path=app``)."""
    import sqlalchemy as sa

    parsed = sa.engine.make_url(url)
    host = parsed.query.get("host") or parsed.host or "127.0.0.1"
    env = {**os.environ, "PGHOST": str(host), "PGPORT": str(parsed.port or 5432), "PGUSER": parsed.username or "",
           "PGDATABASE": parsed.database or "", "PGPASSWORD": parsed.password or "", "PGOPTIONS": options}
    return subprocess.run(["psql", "-X", "-q", *flags, "-f", str(script)], capture_output=True, text=True, env=env,
                          timeout=timeout, stdin=subprocess.DEVNULL)


def loaded_database(factory, sql: str, tmp_path: Path, name: str) -> str:
    """A fresh PostgreSQL database (``factory``: the pg_url_factory fixture) holding ``sql``, loaded with
    ``psql -v ON_ERROR_STOP=1 -1`` from ``tmp_path/name``; its URL."""
    from tests.conformance.pgclient import run_psql_file

    url = factory()
    (tmp_path / name).write_text(sql)
    loaded = run_psql_file(url, tmp_path / name)
    assert loaded.returncode == 0, loaded.stderr
    return url
