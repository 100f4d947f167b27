"""A Plan as a golang-migrate pair: ``NNNNNN_name.up.sql`` and ``NNNNNN_name.down.sql``."""
from __future__ import annotations

import re
from pathlib import Path

from remedy import dialects
from remedy.plan.build import Plan
from remedy.render.sql import begin_lines, body_lines, downgrade, header_lines, statements


def render_pair(plan: Plan, scan=None, decisions=None) -> tuple[str, str]:
    """(up, down) SQL texts; PostgreSQL and SQLite wrap the up file in one transaction."""
    transactional = dialects.get(plan.dialect).transactional_ddl
    note = [] if transactional else ["-- golang-migrate: add ?multiStatements=true to the MySQL/MariaDB URL"]
    from remedy.render.guard import script_guard

    up = header_lines(plan, scan, decisions) + note + [""] + begin_lines(plan) + script_guard(plan, scan)
    up += [""]
    up += body_lines(plan.operations, statements(plan), commented=False)
    up += ["COMMIT;"] if transactional else []
    down = ["-- remedy: downgrade of the plan in the matching .up.sql", ""]
    down += begin_lines(plan) + [""]
    down += body_lines(*downgrade(plan), commented=False)
    down += ["COMMIT;"] if transactional else []
    return "\n".join(up).rstrip() + "\n", "\n".join(down).rstrip() + "\n"


def next_version(directory: Path) -> int:
    versions = [int(m.group(1)) for p in directory.glob("*.sql") if (m := re.match(r"(\d+)_", p.name))]
    return max(versions, default=0) + 1


def write_pair(plan: Plan, directory: str | Path, name: str = "remedy_fix_drift", scan=None,
               decisions=None) -> tuple[Path, Path]:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    version = next_version(directory)
    up, down = render_pair(plan, scan, decisions)
    up_path = directory / f"{version:06d}_{name}.up.sql"
    down_path = directory / f"{version:06d}_{name}.down.sql"
    up_path.write_text(up, encoding="utf-8")
    down_path.write_text(down, encoding="utf-8")
    return up_path, down_path
