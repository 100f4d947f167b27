"""`remedy scan` starts without loading what only `plan` and `apply` need.

Every command builds the whole argument parser, which imports each command's module; a command module that
imports its machinery at the top makes every other command pay for it at start-up (bench/PEERS_RESULTS.md:
start-up is most of a scan's CPU below ~1,000 tables).
"""
from __future__ import annotations

import sqlite3
import subprocess
import sys

PLAN_ONLY = ("remedy.plan", "remedy.decisions", "remedy.apply", "remedy.render.sql", "remedy.render.guard",
             "remedy.sources.code", "textual")


def test_a_scan_from_the_shell_loads_no_plan_apply_or_tui_code(tmp_path):
    live = tmp_path / "live.sqlite"
    with sqlite3.connect(live) as conn:
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
    expected = tmp_path / "expected.sql"
    expected.write_text("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);\n")
    report = tmp_path / "report.json"
    script = (
        "import sys\n"
        "from remedy.cli import main\n"
        "try:\n"
        f"    code = main(['scan', '--db', 'sqlite:///{live}', '--expected', '{expected}', '--format', 'json',"
        f" '-o', '{report}'])\n"
        "except SystemExit as exit:\n"
        "    code = exit.code\n"
        f"print(code, sorted(m for m in sys.modules if m.startswith({PLAN_ONLY!r})))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=120)

    assert done.returncode == 0, done.stderr
    assert "missing_column" in report.read_text()  # the scan ran and found the drift
    assert done.stdout.strip() == "1 []"
