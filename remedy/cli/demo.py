"""``remedy demo``: the drifted DomainFlow database, on an embedded PostgreSQL or --db."""
from __future__ import annotations

import sys

from remedy.db import mask_url


def add_parser(sub) -> None:
    p = sub.add_parser("demo", help="open the drifted DomainFlow demo (embedded PostgreSQL, or --db)")
    p.add_argument("--db", help="seed this PostgreSQL server instead of starting an embedded one")
    p.add_argument("--no-tui", action="store_true", help="seed the demo and exit (the embedded server keeps running)")
    p.add_argument("--print-url", action="store_true", help="print the demo database URL on stdout")
    p.add_argument("--guide", action="store_true", help="open the guided walk-through")
    p.add_argument("--stop", action="store_true", help="stop the embedded demo server left running by --no-tui")
    p.add_argument("--force", action="store_true",
                   help="with --db: drop the URL's database even if it holds tables that are not the demo's")


def run(args) -> int:
    from remedy.demo import demo_catalog_dir
    from remedy.embedded import stop_embedded

    if args.stop:
        stopped = stop_embedded()
        sys.stderr.write("remedy: demo server stopped\n" if stopped else "remedy: no demo server is running\n")
        return 0
    url = _seed_server(args.db, args.force) if args.db else _seed_embedded(keep_running=args.no_tui)
    if args.print_url:
        print(url)
    if args.no_tui:
        if not args.print_url:
            import shlex

            shown = shlex.quote(mask_url(url))
            sys.stderr.write(f"remedy: demo database ready at {mask_url(url)}\n"
                             f"remedy: scan it with: remedy scan --db {shown} --expected "
                             f"{shlex.quote(_shown(demo_catalog_dir()))}\n")
        return 0
    from remedy.tui.app import run_app

    return run_app(url, _shown(demo_catalog_dir()), [], guide=args.guide) or 0


def _seed_server(db_url: str, force: bool) -> str:
    """--db URL: the URL's database (or remedy_demo), never someone else's tables without --force, and a
    person at a terminal is asked before anything that exists is dropped."""
    from remedy.demo import demo_target, seed_demo
    from remedy.errors import RemedyError

    target = demo_target(db_url)
    foreign = target.foreign_tables()
    if foreign and not force:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise RemedyError(f"database {target.database} holds tables that are not the demo's ({shown})",
                          "name another database in --db, or pass --force to drop it")
    sys.stderr.write(target.sentence() + "\n")
    if target.tables is not None and sys.stdin.isatty() and not force:
        sys.stderr.write("Proceed? [y/N] ")
        if input().strip().lower() not in ("y", "yes"):
            raise RemedyError("nothing was changed")
    return seed_demo(target.server_url, target.database)


def _seed_embedded(keep_running: bool) -> str:
    """Start the demo's embedded server and seed it; a failure stops the server again."""
    from remedy.demo import seed_demo
    from remedy.embedded import start_embedded, stop_embedded
    from remedy.paths import demo_pgdata

    sys.stderr.write("remedy: starting an embedded PostgreSQL ...\n") if sys.stderr.isatty() else None
    try:
        return seed_demo(start_embedded(demo_pgdata(), keep_running=keep_running))
    except BaseException:
        stop_embedded(demo_pgdata())
        raise


def _shown(path) -> str:
    """The catalog path as the user would type it: relative when it is below the current directory."""
    import os

    rel = os.path.relpath(path)
    return rel if not rel.startswith("..") else str(path)
