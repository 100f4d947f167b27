#!/usr/bin/env bash
# Set up a virtualenv (once) and run the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
# One worker per core (REMEDY_TEST_WORKERS overrides; 0 runs in this process). Each test makes its own databases.
exec .venv/bin/python -m pytest -q -n "${REMEDY_TEST_WORKERS:-auto}" --durations=15 "$@"
