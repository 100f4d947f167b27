"""Write SVG screenshots of the main screens, from the real app on a real drifted demo database.

    .venv/bin/python scripts/screenshots.py [--db SERVER_URL] [--out screenshots]

Uses an embedded PostgreSQL 18, as `remedy demo` does (the demo's plan differs on an older server: PostgreSQL 18
names NOT NULL constraints, and a renamed column's is renamed with it).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from remedy.demo import demo_catalog_dir, seed_demo  # noqa: E402
from remedy.embedded import start_embedded  # noqa: E402
from remedy.paths import demo_pgdata  # noqa: E402
from remedy.tui.app import RemedyApp  # noqa: E402
from remedy.tui.widgets.findings_tree import FindingsTree  # noqa: E402

JOB_TYPE = "missing_column:public.campaign_jobs.job_type"
TYPE_CHANGE = "type_mismatch:public.audit_logs.details"

# name, size, keys, finding to select first, guide
SHOTS = (
    ("main-80x24", (80, 24), (), None, False),
    ("main", (120, 36), (), None, False),
    ("rename-decided", (120, 36), ("r",), JOB_TYPE, False),
    ("type-change", (120, 36), (), TYPE_CHANGE, False),
    ("bulk-phase", (120, 36), ("1",), None, False),
    ("filter", (120, 36), ("slash", *"business"), None, False),
    ("guide-intro", (100, 30), (), None, True),
    ("guide-finding", (100, 30), ("right", "right", "right", "right", "right", "right", "right"), None, True),
    ("help", (100, 30), ("question_mark",), None, False),
    ("export", (100, 30), ("1", "r", "e"), None, False),
    ("dry-run-passed", (100, 30), ("1", "r", "v"), None, False),
    ("dry-run-80x24", (80, 24), ("1", "r", "v", "home", "down"), None, False),  # a long step, selected, wrapped
    ("finding-sql", (100, 30), ("r", "enter"), JOB_TYPE, False),  # Enter on a finding: its statements alone
    ("execute-confirm", (100, 30), ("1", "r", "v", "X"), None, False),
    ("whole-sql", (100, 30), ("r", "w"), JOB_TYPE, False),
    # from job_type up to campaign_type, the column its rename takes, and drop it: which decision wins?
    ("conflict", (100, 30), ("r", "up", "up", "up", "up", "up", "x"), JOB_TYPE, False),
    ("after-execute", (100, 30), ("1", "r", "v", "X", *"remedy_screenshots", "enter", "escape"), None, False),
    ("quit-asks", (100, 30), ("1", "r", "q"), None, False),
)


async def shoot(url: str, out: Path, name: str, size, keys, select, guide) -> Path:
    app = RemedyApp(url, str(demo_catalog_dir().relative_to(ROOT)), guide=guide)  # as `remedy demo` shows it
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        if select:
            app.query_one(FindingsTree).select_finding(select)
            await _settle(pilot)
        for key in keys:
            await pilot.press(key)
            await _settle(pilot)
        path = out / f"{name}.svg"
        app.save_screenshot(str(path))
    return path


async def _settle(pilot) -> None:
    await pilot.pause(0.3)  # past the filter and SQL preview delays
    while pilot.app.busy:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.05)
    await pilot.pause()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="PostgreSQL server URL (admin); default: an embedded server, as remedy demo")
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    args = parser.parse_args(argv)
    server = args.db or start_embedded(demo_pgdata())  # the demo's own server: its URL, as a user sees it
    out = Path(args.out).resolve()
    os.chdir(ROOT)  # the catalog path in the header is relative to the checkout, as in `remedy demo`
    out.mkdir(parents=True, exist_ok=True)
    for shot in SHOTS:
        url = seed_demo(server, "remedy_screenshots")  # fresh for every shot: none may see another's state
        os.environ["REMEDY_HOME"] = tempfile.mkdtemp(prefix="remedy-shot-")  # no kept decisions, no journal
        print(asyncio.run(shoot(url, out, *shot)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
