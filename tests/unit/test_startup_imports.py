"""`remedy scan` starts without loading what only `plan` and `apply` need.

Every command builds the whole argument parser, which imports each command's module; a command module that
imports its machinery at the top makes every other command pay for it at start-up (bench/PEERS_RESULTS.md:
start-up is most of a scan's CPU below ~1,000 tables).
"""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

PLAN_ONLY = ("remedy.plan", "remedy.decisions", "remedy.apply", "remedy.render.sql", "remedy.render.guard",
             "remedy.sources.code", "textual")


def _loaded(tmp_path, args: list[str], prefixes: tuple[str, ...]) -> tuple[object, list[str]]:
    """(exit code, the modules of ``prefixes`` loaded) of ``remedy ARGS`` run in a fresh interpreter on a one-table
    SQLite database ``{live}`` against a DDL file ``{expected}`` that adds a column."""
    live = tmp_path / "live.sqlite"
    with sqlite3.connect(live) as conn:
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
    expected = tmp_path / "expected.sql"
    expected.write_text("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);\n")
    argv = [a.format(live=f"sqlite:///{live}", expected=expected) for a in args]
    script = (
        "import sys\n"
        "from remedy.cli import main\n"
        "try:\n"
        f"    code = main({argv!r})\n"
        "except SystemExit as exit:\n"
        "    code = exit.code\n"
        f"print(repr((code, sorted(m for m in sys.modules if m.startswith({prefixes!r})))))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=120,
                          env={**os.environ, "REMEDY_HOME": str(tmp_path / "home")})
    assert done.returncode == 0, done.stderr
    return eval(done.stdout.strip())


def test_a_scan_from_the_shell_loads_no_plan_apply_or_tui_code(tmp_path):
    report = tmp_path / "report.json"
    code, loaded = _loaded(tmp_path, ["scan", "--db", "{live}", "--expected", "{expected}", "--format", "json",
                                      "-o", str(report)], PLAN_ONLY)
    assert "missing_column" in report.read_text()  # the scan ran and found the drift
    assert (code, loaded) == (1, [])


APPLY_AND_CODE_ONLY = ("remedy.apply", "remedy.journal", "remedy.watch", "remedy.sources.code",
                       "tree_sitter", "textual", "pygments")  # pygments: mako's HTML error pages, through alembic


def test_a_plan_from_the_shell_loads_no_apply_or_code_reading_machinery(tmp_path):
    fix = tmp_path / "fix.sql"
    code, loaded = _loaded(tmp_path, ["plan", "--db", "{live}", "--expected", "{expected}", "-o", str(fix)],
                           APPLY_AND_CODE_ONLY)
    assert "ADD COLUMN" in fix.read_text()  # the plan was made
    assert code in (0, None) and loaded == []


def test_a_scan_from_the_shell_spends_no_time_in_the_cyclic_garbage_collector(tmp_path):
    """A scan builds ~100,000 acyclic objects at 2,000 tables, freed by reference counting; each pass of the
    collector walks them all again. remedy.cli.main turns it off for the command and back on after it."""
    live = tmp_path / "live.sqlite"
    with sqlite3.connect(live) as conn:
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
    expected = tmp_path / "expected.sql"
    expected.write_text("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);\n")
    argv = ["scan", "--db", f"sqlite:///{live}", "--expected", str(expected), "--format", "json", "-o",
            str(tmp_path / "report.json")]
    script = (  # each pass of the collector made while the command runs (remedy.cli.main on the stack)
        "import gc, sys\n"
        "from remedy.cli import main\n"
        "passes = []\n"
        "def during(frame):\n"
        "    while frame is not None:\n"
        "        if frame.f_code is main.__code__:\n"
        "            return True\n"
        "        frame = frame.f_back\n"
        "    return False\n"
        "gc.callbacks.append(lambda phase, info: passes.append(info['generation'])\n"
        "                    if phase == 'start' and during(sys._getframe()) else None)\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit as exit:\n"
        "    code = exit.code\n"
        "print(repr((code, passes, gc.isenabled())))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=120,
                          env={**os.environ, "REMEDY_HOME": str(tmp_path / "home")})
    assert done.returncode == 0, done.stderr
    assert eval(done.stdout.strip()) == (1, [], True)  # drift found; no pass; the collector is back on
