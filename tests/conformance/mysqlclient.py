"""The ``mariadb`` (or ``mysql``) command-line client, as a user runs it on an exported script."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit


def client() -> str:
    found = shutil.which("mariadb") or shutil.which("mysql")
    if found is None:
        raise AssertionError("neither the mariadb nor the mysql client is on PATH")
    return found


def _argv(url: str) -> list[str]:
    parts = urlsplit(url.replace("mysql+pymysql://", "mysql://", 1))
    argv = [client(), "--protocol=tcp", "-h", parts.hostname or "127.0.0.1", "-P", str(parts.port or 3306),
            "-u", unquote(parts.username or "root")]
    if parts.password:
        argv.append(f"-p{unquote(parts.password)}")
    return argv + [parts.path.lstrip("/")]


def database_of(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def run_file(url: str, path: Path) -> tuple[int, str]:
    """``mariadb DB < path``: stops at the first error, as the client does for a script on stdin."""
    with path.open() as script:
        proc = subprocess.run(_argv(url), stdin=script, capture_output=True, text=True, timeout=120)
    return proc.returncode, proc.stderr


def query(url: str, sql: str) -> list[list[str]]:
    """Rows of a query, tab-separated by the client (``-N -B``), NULL as the word NULL."""
    proc = subprocess.run(_argv(url) + ["-N", "-B", "-e", sql], capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        raise AssertionError(f"the oracle's query failed: {proc.stderr.strip()}")
    return [line.split("\t") for line in proc.stdout.splitlines()]
