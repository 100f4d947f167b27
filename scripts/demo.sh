#!/usr/bin/env bash
# Set up a virtualenv (once; again only when pyproject.toml or setup.py change) and open the drifted demo in the TUI.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
stamp=".venv/.remedy-demo-install"
want="$(cat pyproject.toml setup.py | sha256sum | cut -d' ' -f1)"
if [ ! -x .venv/bin/remedy ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e .
  echo "$want" > "$stamp"
fi
exec .venv/bin/remedy demo "$@"
