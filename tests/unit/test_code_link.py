"""Helpers and constants of other files: a Go helper of the same package, a Python name imported from a
sibling module, a TS export imported, are followed as a helper of the same file is, and the column they
spell is evidence where they spell it (tests/unit/code_corpus/linked.py). The cache follows edits of the
file that defines them."""
from __future__ import annotations

import re

import pytest

from remedy.sources.code import read_code
from tests.unit.code_corpus import linked

FAMILIES = {"go": linked.GO, "python": linked.PYTHON, "ts": linked.TS}


def _fold(sql: str) -> str:
    return re.sub(r"__hole_\d+", "__hole_", " ".join(sql.split()))


def _write(root, files: dict) -> None:
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)


def _written(code, name: str) -> set[tuple[str, int]]:
    """(file, line) of the evidence of every table or column called ``name``, relative to the tree."""
    out = set()
    for table in code.schema.iter_tables():
        things = [table] if table.name == name else [c for c in table.columns if c.name == name]
        out |= {(e.file, e.line) for thing in things for e in thing.evidence}
    return out


@pytest.mark.parametrize("tree", [pytest.param(t, id=f"{family}-{n}") for family, trees in FAMILIES.items()
                                  for n, t in linked.expand(trees)])
def test_a_helper_or_constant_of_another_file_is_followed(tree, tmp_path):
    _write(tmp_path, tree.files)
    code = read_code([str(tmp_path)], use_cache=False)
    assert sorted({_fold(s.sql) for s in code.statements}) == sorted(tree.want)
    assert tuple(s.status for s in code.sites) == tree.status, [s.message for s in code.sites]
    for name, file, line in tree.written:
        assert (str(tmp_path / file), line) in _written(code, name), (name, _written(code, name))


def test_every_language_family_has_cases_and_refusals():
    for family, trees in FAMILIES.items():
        assert len(trees) >= 5, family
        assert any(t.name.startswith("refuse_") for t in trees), family


def _go_tree(root, fields: str) -> None:
    _write(root, {"store.go": linked.go('\tq := "SELECT " + strings.Join(itemColumns(), ", ") + " FROM invoice"\n'
                                       '\t_, err := s.db.QueryContext(ctx, q)\n\t_ = err'),
                  "cols.go": f"package store\n\nfunc itemColumns() []string {{ return []string{{{fields}}} }}\n"})


def _selects(root, cache) -> list[str]:
    return [_fold(s.sql) for s in read_code([str(root)], cache=str(cache)).statements]


def test_editing_the_file_that_defines_the_helper_reads_its_callers_again(tmp_path):
    tree, cache = tmp_path / "tree", tmp_path / "cache"
    _go_tree(tree, '"id", "number"')
    assert _selects(tree, cache) == ["SELECT id, number FROM invoice"]
    assert _selects(tree, cache) == ["SELECT id, number FROM invoice"]  # warm
    _go_tree(tree, '"id", "number", "due_at"')
    assert _selects(tree, cache) == ["SELECT id, number, due_at FROM invoice"]


def test_a_helper_file_added_or_removed_later_is_seen_with_a_warm_cache(tmp_path):
    tree, cache = tmp_path / "tree", tmp_path / "cache"
    _go_tree(tree, '"id", "due_at"')
    helper = (tree / "cols.go").read_text()
    (tree / "cols.go").unlink()
    assert _selects(tree, cache) == ["SELECT __hole_ FROM invoice"]
    (tree / "cols.go").write_text(helper)
    assert _selects(tree, cache) == ["SELECT id, due_at FROM invoice"]
    (tree / "cols.go").unlink()
    assert _selects(tree, cache) == ["SELECT __hole_ FROM invoice"]
