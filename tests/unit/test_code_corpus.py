"""The corpus: shapes real projects use to send SQL, per language family, with every variant remedy must
read and the sites it must refuse to guess about (tests/unit/code_corpus/*.py)."""
from __future__ import annotations

import re

import pytest

from remedy.sources.code import read_code
from tests.unit.code_corpus import go, js, jvm, python
from tests.unit.code_corpus.common import expand

FAMILIES = {"go": (go.CASES, "store.go"), "python": (python.CASES, "repo.py"), "ts": (js.CASES, "repo.ts"),
            "java": (jvm.JAVA, "Repo.java"), "kotlin": (jvm.KOTLIN, "Repo.kt")}


def _cases():
    for family, (cases, filename) in FAMILIES.items():
        for name, case in expand(cases):
            yield pytest.param(case, filename, id=f"{family}-{name}")


def _fold(sql: str) -> str:
    return re.sub(r"__hole_\d+", "__hole_", " ".join(sql.split()))


@pytest.mark.parametrize("case, filename", list(_cases()))
def test_corpus(case, filename, tmp_path):
    path = tmp_path / filename
    path.write_text(case.source)
    code = read_code([str(path)], use_cache=False)
    assert sorted({_fold(s.sql) for s in code.statements}) == sorted(case.want)
    statuses = tuple(s.status for s in code.sites)
    assert statuses == case.status, [s.message for s in code.sites]
    assert sum(s.status == "unread" for s in code.sites) == case.unread


def test_every_family_has_at_least_60_cases():
    families = {"go": go.CASES, "python": python.CASES, "js/ts": js.CASES, "java/kotlin": jvm.JAVA + jvm.KOTLIN}
    for family, cases in families.items():
        assert len(expand(cases)) >= 60, family
