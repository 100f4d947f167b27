"""Issue 11.1: a name with a line break cannot leave the comment it is written in.

Scripts name each operation and finding in a comment (``-- add column t.<name>``, ``# hazard: ...``).
PostgreSQL, MariaDB and SQLite allow a newline in a quoted identifier, so a column named
``x<newline>DROP TABLE y; --`` once put ``DROP TABLE y;`` on a line of its own in fix.sql, and Python
code on a line of its own in the alembic revision. Line breaks in comments are written as escapes.
"""
from __future__ import annotations

import sys
import types


from remedy.decisions import resolve
from remedy.plan.build import build_plan
from remedy.render.alembic_script import render_alembic
from remedy.render.sql import render_sql
from remedy.scan import scan
from tests.conftest import run_sql
from tests.security.hostile import count_rows, run_with_client

SQL_BREAKOUT = "x\nDROP TABLE y; --"
LINE_SEPARATOR = "u\u2028v"


def _python_breakout(marker) -> str:
    return f"p\r__import__('pathlib').Path({str(marker)!r}).touch()\n#"


def _setup(url, tmp_path, *names):
    run_sql(url, "CREATE TABLE y (id INTEGER PRIMARY KEY);\nINSERT INTO y VALUES (1), (2);\n"
                 "CREATE TABLE t (id INTEGER PRIMARY KEY);")
    columns = "".join(f', "{n}" INTEGER NOT NULL' for n in names)
    expected = tmp_path / "expected.sql"
    expected.write_text(f"CREATE TABLE y (id INTEGER PRIMARY KEY);\nCREATE TABLE t (id INTEGER PRIMARY KEY{columns});\n")
    result = scan(url, str(expected))
    return result, build_plan(result, resolve(result, None, None, False)), str(expected)


def test_a_newline_in_a_name_stays_inside_the_sql_comment(pg_url, tmp_path):
    result, plan, expected = _setup(pg_url, tmp_path, SQL_BREAKOUT, LINE_SEPARATOR)
    script = tmp_path / "fix.sql"
    script.write_text(render_sql(plan, result))
    ran = run_with_client("postgresql", pg_url, script)
    assert ran.returncode == 0, ran.stderr
    assert count_rows(pg_url, "y") == 2
    assert not scan(pg_url, expected).findings  # the u+2028 column is created as named, not split


def test_a_line_break_in_a_name_stays_inside_the_python_comment(pg_url, tmp_path):
    marker = tmp_path / "pwned"
    result, plan, _ = _setup(pg_url, tmp_path, _python_breakout(marker))
    source = render_alembic(plan, result)
    code = compile(source, "revision.py", "exec")
    executed: list[str] = []
    fake_op = types.SimpleNamespace(execute=lambda clause: executed.append(str(clause)))
    alembic = types.ModuleType("alembic")
    alembic.op = fake_op
    saved = sys.modules.get("alembic")
    sys.modules["alembic"] = alembic
    try:
        namespace: dict = {}
        exec(code, namespace)
        namespace["_remedy_guard"] = lambda: None
        namespace["upgrade"]()
    finally:
        sys.modules["alembic"] = saved
    assert not marker.exists()
    assert len(executed) == len([s for s in executed if s.startswith(("ALTER TABLE", "UPDATE"))]) > 0
