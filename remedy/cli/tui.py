"""``remedy [--db URL] [--expected SOURCE] [--code PATH]`` with no subcommand: open the TUI."""
from __future__ import annotations

import argparse

from remedy.cli import scope_of
from remedy.db import database_url, normalize_url
from remedy.errors import RemedyError


def run(args: argparse.Namespace) -> int:
    url = database_url(args.db)
    normalize_url(url)  # a malformed URL is a usage error before the screen opens
    if not args.expected and not args.code:
        raise RemedyError("nothing to compare the database with", "pass --expected SOURCE and/or --code PATH "
                          "(or try 'remedy demo')")
    from remedy.tui.app import run_app

    return run_app(url, args.expected, tuple(args.code), guide=False, decisions_file=args.tui_decisions,
                   scope=scope_of(args), with_privileges=args.with_privileges, with_owners=args.with_owners,
                   ignore_extension_versions=args.ignore_extension_versions)
