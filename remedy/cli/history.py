"""``remedy history``: the plans applied from this machine (the journal)."""
from __future__ import annotations

import argparse
import json
import sys

from remedy.errors import ExitCode


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("history", help="list the plans applied from this machine",
                                   description="List the applied plans recorded in $REMEDY_HOME/journal.jsonl.")
    parser.add_argument("--json", action="store_true", help="one JSON object per line, as recorded")


def run(args: argparse.Namespace) -> int:
    from remedy.journal import format_entry, journal_path, read_journal

    entries = read_journal()
    if not entries:
        sys.stderr.write(f"remedy: no plan applied yet ({journal_path()})\n")
    for entry in entries:
        sys.stdout.write((json.dumps(entry, sort_keys=True) if args.json else format_entry(entry)) + "\n")
    return ExitCode.OK
