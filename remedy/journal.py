"""Every applied plan, recorded: when, who, which database (masked), fingerprints, SQL checksum.

One JSON object per line in ``$REMEDY_HOME/journal.jsonl`` (default ``~/.local/share/remedy``).
"""
from __future__ import annotations

import getpass
import json
import os
from datetime import datetime, timezone
from pathlib import Path

from remedy.db import mask_url


def journal_path() -> Path:
    home = os.environ.get("REMEDY_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share", "remedy")
    return Path(home) / "journal.jsonl"


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


def record(url: str, plan, report, decisions=None) -> dict:
    entry = {
        "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "user": _user(),
        "database": mask_url(url),
        "dialect": plan.dialect,
        "fingerprint_before": report.fingerprint_before,
        "fingerprint_after": report.fingerprint_after,
        "sql_sha256": report.sql_sha256,
        "statements": report.statements,
        "findings": list(plan.finding_ids),
    }
    path = journal_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(entry, sort_keys=True) + "\n")
    return entry


def read_journal() -> list[dict]:
    path = journal_path()
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entries.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # a torn last line never hides the others
    return entries


def format_entry(entry: dict) -> str:
    return (f"{entry.get('time', '?')}  {entry.get('user', '?')}  {entry.get('database', '?')}  "
            f"{len(entry.get('findings', []))} finding(s), {entry.get('statements', 0)} statement(s)\n"
            f"    before {entry.get('fingerprint_before', '')}\n    after  {entry.get('fingerprint_after', '')}\n"
            f"    sql    {entry.get('sql_sha256', '')}")
