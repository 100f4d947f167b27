"""The TUI never touches a driver: every database call goes through remedy's core in a worker."""
from __future__ import annotations

import re
from pathlib import Path

TUI = Path(__file__).resolve().parents[2] / "remedy" / "tui"
FORBIDDEN = re.compile(r"^\s*(from|import)\s+(psycopg|pymysql|sqlite3|MySQLdb)\b|create_engine\(|\.connect\(",
                       re.M)


def test_no_driver_imports_or_connections_in_the_tui():
    offenders = [str(p.relative_to(TUI)) for p in TUI.rglob("*.py") if FORBIDDEN.search(p.read_text())]
    assert offenders == []


def test_engine_calls_go_through_the_adapter_only():
    engine = re.compile(r"^\s*from\s+remedy\.(scan|apply|plan|render|journal)\b", re.M)
    users = sorted(str(p.relative_to(TUI)) for p in TUI.rglob("*.py") if engine.search(p.read_text()))
    assert users == ["adapter.py"]
