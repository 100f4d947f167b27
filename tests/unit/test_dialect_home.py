"""Dialect rules live in one place per dialect (remedy/dialects/): the rest of remedy asks
``dialects.get(name)`` and never compares a dialect's name itself.

The allowlist holds the comparisons not yet moved; it may only shrink. When a module's count
drops, lower (or delete) its entry here.
"""
from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

from remedy import dialects

ROOT = Path(__file__).resolve().parents[2] / "remedy"
DIALECT_NAMES = {"postgresql", "mysql", "sqlite", "mariadb"}

# module -> comparisons of a dialect name still there (moving them to remedy/dialects/ is ongoing)
NOT_YET_MOVED = {
    "apply.py": 11,
    "db.py": 3,
    "demo.py": 1,
    "render/sql.py": 13,
    "sources/code/__init__.py": 2,
    "sources/code/parse.py": 1,
    "sources/code/prove.py": 2,
    "sources/ddl.py": 11,
    "sources/live.py": 3,
    "sources/metadata.py": 12,
}


def _names_a_dialect(node: ast.AST) -> bool:
    values = node.elts if isinstance(node, (ast.Tuple, ast.List, ast.Set)) else [node]
    return any(isinstance(v, ast.Constant) and v.value in DIALECT_NAMES for v in values)


def dialect_comparisons(source: str) -> list[int]:
    """Lines where code compares something with a dialect's name (==, !=, in, not in, match case)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare) and any(map(_names_a_dialect, [node.left, *node.comparators])):
            lines.append(node.lineno)
        elif isinstance(node, ast.MatchValue) and _names_a_dialect(node.value):
            lines.append(node.lineno)
    return lines


def _counts() -> Counter:
    counts: Counter = Counter()
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if not rel.startswith("dialects/"):
            counts[rel] += len(dialect_comparisons(path.read_text()))
    return +counts


def test_no_module_outside_dialects_compares_a_dialect_name_beyond_the_allowlist():
    grown = {m: (n, NOT_YET_MOVED.get(m, 0)) for m, n in _counts().items() if n > NOT_YET_MOVED.get(m, 0)}
    assert grown == {}, f"ask remedy.dialects.get(name) instead of comparing the name: {grown}"


def test_the_allowlist_only_shrinks():
    """An entry larger than what is left must be lowered, so a move cannot be undone unnoticed."""
    counts = _counts()
    stale = {m: (counts.get(m, 0), n) for m, n in NOT_YET_MOVED.items() if counts.get(m, 0) < n}
    assert stale == {}, f"lower these NOT_YET_MOVED entries to what is left: {stale}"


def test_the_check_sees_every_spelling_of_a_comparison():
    source = ('if dialect == "mysql": pass\nif "sqlite" != d: pass\nif d in ("postgresql", "x"): pass\n'
              'match d:\n    case "mysql": pass\n')
    assert dialect_comparisons(source) == [1, 2, 3, 5]


@pytest.mark.parametrize("name", ["postgresql", "mysql", "sqlite"])
def test_every_dialect_is_found_by_name_and_quotes_with_its_own_preparer(name):
    rules = dialects.get(name)
    quoted = rules.quote("Order")
    assert quoted == ("`Order`" if name == "mysql" else '"Order"')
    assert rules.quote("plain") == "plain"


def test_an_unknown_dialect_is_a_one_line_error():
    from remedy.errors import RemedyError

    with pytest.raises(RemedyError, match="oracle"):
        dialects.get("oracle")


def test_postgresql_stores_a_name_over_63_bytes_cut_at_a_character_boundary_and_the_others_keep_it():
    pg = dialects.get("postgresql")
    assert pg.stored_name("x" * 70) == "x" * 63
    assert pg.stored_name("é" * 40) == "é" * 31  # 62 bytes: the 32nd é would be cut in half
    assert pg.stored_name("x" * 63) == "x" * 63
    assert dialects.get("mysql").stored_name("x" * 70) == "x" * 70  # refused with an error there, never cut
    assert dialects.get("sqlite").stored_name("x" * 300) == "x" * 300
