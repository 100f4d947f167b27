#!/usr/bin/env bash
# Set up a virtualenv (once) and open the drifted demo in the TUI.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
exec .venv/bin/remedy demo "$@"
