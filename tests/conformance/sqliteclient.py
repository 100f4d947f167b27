"""The ``sqlite3`` command-line shell, as a user runs it on an exported script (python's sqlite3 when the shell
is absent: the oracle then still shares no code with remedy's readers, which go through SQLAlchemy)."""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

SHELL = shutil.which("sqlite3")


def path_of(url: str) -> str:
    return url.removeprefix("sqlite:///")


def run_file(url: str, path: Path) -> tuple[int, str]:
    """``sqlite3 -bail DB < path``: stops at the first error."""
    if SHELL is None:
        return _run_in_python(path_of(url), path.read_text())
    with path.open() as script:
        proc = subprocess.run([SHELL, "-bail", path_of(url)], stdin=script, capture_output=True, text=True,
                              timeout=120)
    return proc.returncode, proc.stderr


def without_shell_commands(script: str) -> str:
    """The SQL of a script written for the shell: its dot-commands (fix.sql's ``.bail on``) are the shell's own,
    and python's executescript stops at the first error by itself."""
    return "\n".join(line for line in script.splitlines() if line != ".bail on")


def _run_in_python(db: str, sql: str) -> tuple[int, str]:
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.executescript(without_shell_commands(sql))
        return 0, ""
    except sqlite3.Error as exc:
        return 1, str(exc)
    finally:
        conn.close()


def query(url: str, sql: str) -> list[dict]:
    """Rows of a query as dicts (the shell's ``-json`` output)."""
    if SHELL is None:
        conn = sqlite3.connect(path_of(url))
        conn.row_factory = sqlite3.Row
        try:
            return [dict(row) for row in conn.execute(sql)]
        finally:
            conn.close()
    proc = subprocess.run([SHELL, "-json", path_of(url), sql], capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        raise AssertionError(f"the oracle's query failed: {proc.stderr.strip()}")
    return json.loads(proc.stdout) if proc.stdout.strip() else []


def rows_sql(url: str) -> str:
    """The rows of every table as INSERT statements (``.dump --data-only``), values as they are stored."""
    if SHELL is None:
        conn = sqlite3.connect(path_of(url))
        try:
            return "\n".join(line for line in conn.iterdump() if line.startswith("INSERT INTO"))
        finally:
            conn.close()
    proc = subprocess.run([SHELL, path_of(url), ".dump --data-only"], capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        raise AssertionError(f"the rows could not be dumped: {proc.stderr.strip()}")
    return proc.stdout
