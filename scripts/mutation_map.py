"""A pytest plugin that records which test runs which line, for ``scripts/mutation.py --covered-by``.

    MUTATION_MAP=/tmp/map/.coverage PYTHONPATH=scripts .venv/bin/pytest -n 0 -p mutation_map tests/integration/...
    .venv/bin/python -m coverage combine --data-file=/tmp/map/.coverage /tmp/map

Each test's lines are recorded under its node id (a coverage "context"), the ones it runs in this process and the
ones a ``python -m remedy`` it starts runs: a subprocess gets its own coverage configuration naming the test, through
coverage's ``.pth`` hook (``COVERAGE_PROCESS_START``). Only ``remedy/`` is measured (``MUTATION_MAP_SOURCE`` narrows
it, e.g. ``remedy.diff``). Each test's time (setup, call and teardown) goes to ``durations-<pid>.json`` beside the data, so the mutation tester can run
the fastest covering tests first; a test that did not pass is left out of it, and so is never chosen.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import coverage
import pytest

_DATA = Path(os.environ.get("MUTATION_MAP", ".mutation-map/.coverage")).resolve()
_SOURCE = os.environ.get("MUTATION_MAP_SOURCE", "remedy")
_cov: coverage.Coverage | None = None
_durations: dict[str, float] = {}
_unusable: set[str] = set()  # failed, skipped or xfailed: no use as a mutant's judge


def pytest_configure(config):
    global _cov
    _DATA.parent.mkdir(parents=True, exist_ok=True)
    _cov = coverage.Coverage(data_file=str(_DATA), data_suffix=True, source=[_SOURCE])
    _cov.start()


def pytest_unconfigure(config):
    if _cov is not None:
        _cov.stop()
        _cov.save()
    passed = {test: seconds for test, seconds in _durations.items() if test not in _unusable}
    (_DATA.parent / f"durations-{os.getpid()}.json").write_text(json.dumps(passed, indent=0))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _cov.switch_context(item.nodeid)
    rc = _DATA.parent / f"rc-{os.getpid()}"
    rc.write_text(f"[run]\ndata_file = {_DATA}\nparallel = True\nsource = {_SOURCE}\n"
                  f"context = {item.nodeid.replace('$', '$$')}\n"
                  "disable_warnings = no-data-collected, module-not-imported, module-not-measured\n")
    os.environ["COVERAGE_PROCESS_START"] = str(rc)
    yield
    os.environ.pop("COVERAGE_PROCESS_START", None)
    _cov.switch_context("")


def pytest_runtest_logreport(report):
    _durations[report.nodeid] = round(_durations.get(report.nodeid, 0) + report.duration, 2)  # setup, call, teardown
    if not report.passed:
        _unusable.add(report.nodeid)
