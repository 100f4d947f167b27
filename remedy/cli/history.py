"""``remedy history``: the plans applied, from the database's own record (--db) or this machine's journal."""
from __future__ import annotations

import argparse
import json
import sys

from remedy.errors import ExitCode


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "history", help="list the applied plans",
        description="List the applied plans: with --db, the database's own record (PostgreSQL: the remedy.journal "
                    "table, written in the same transaction as the plan); else $REMEDY_HOME/journal.jsonl.")
    parser.add_argument("--db", metavar="URL", help="read the record kept in this database")
    parser.add_argument("--json", action="store_true", help="one JSON object per line, as recorded")


def run(args: argparse.Namespace) -> int:
    from remedy.journal import format_entry, journal_path, read_from, read_journal

    entries = read_from(args.db) if args.db else None
    if args.db and entries is None:
        from remedy.db import mask_url

        sys.stderr.write(f"remedy: {mask_url(args.db)} keeps no record of its own (only PostgreSQL does, once a "
                         f"plan is applied); this machine's journal follows\n")
    if entries is None:
        entries = read_journal()
        if not entries:
            sys.stderr.write(f"remedy: no plan applied yet ({journal_path()})\n")
    for entry in entries:
        sys.stdout.write((json.dumps(entry, sort_keys=True) if args.json else format_entry(entry)) + "\n")
    return ExitCode.OK
