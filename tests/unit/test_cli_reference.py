"""The project's own CLI reference (docs/cli.md) names every flag of every command: users don't have the contract."""
from __future__ import annotations

import argparse
from pathlib import Path

from remedy.cli import build_parser

REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def _flags(parser: argparse.ArgumentParser, path: str = "remedy"):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _flags(sub, f"{path} {name}")
        else:
            yield from ((path, flag) for flag in action.option_strings if flag not in ("-h", "--help"))


def test_every_flag_of_every_command_is_in_the_reference():
    text = REFERENCE.read_text(encoding="utf-8")
    missing = sorted({f"{path}: {flag}" for path, flag in _flags(build_parser()) if f"`{flag}" not in text
                      and f" {flag} " not in text and f"[{flag}" not in text})
    assert not missing, "docs/cli.md does not name: " + ", ".join(missing)


def test_the_readme_stands_alone():
    readme = (REFERENCE.parents[1] / "README.md").read_text(encoding="utf-8")
    assert "../shared" not in readme and "docs/cli.md" in readme
