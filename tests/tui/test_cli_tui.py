"""``remedy`` with no subcommand: bad input is one line and exit 2, before any screen opens."""
from __future__ import annotations

import pytest

from tests.integration.cli_run import remedy, stderr_lines


@pytest.mark.parametrize("args, needle", [
    ((), "no database URL given"),
    (("--db", "not a url"), "not a database URL"),
    (("--db", "oracle://u@h/db"), "unknown database dialect"),
    (("--db", "postgresql://u:hunter2@127.0.0.1/db"), "nothing to compare the database with"),
])
def test_bad_input_is_one_line_and_exit_2(args, needle):
    proc = remedy(*args)
    lines = stderr_lines(proc)
    assert proc.returncode == 2
    assert len(lines) == 1 and needle in lines[0]
    assert "hunter2" not in proc.stderr and "Traceback" not in proc.stderr
