"""What a killed dry run leaves behind, and how the next run knows it is stale.

A dry run on MariaDB/MySQL works in a shadow database, on SQLite in a copy of the file; both are removed
when the dry run ends, but a process killed with SIGKILL removes nothing. Their names carry the owner:
``<host>_<pid>_<unix time>`` (host: 4 hex digits of the host name). The next dry run removes each one
whose owner is gone: made on this host by a process that no longer runs, or older than ``MAX_AGE``
whatever made it (another host's process cannot be asked).
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import tempfile
import time
import uuid
from pathlib import Path

MAX_AGE = 24 * 3600  # seconds: older than this is stale even when its owner cannot be asked
SHADOW_PREFIX = "remedy_shadow_"
COPY_PREFIX = "remedy-dry-run-"
_OWNER = re.compile(r"([0-9a-f]{4})_(\d+)_(\d+)_")


def _host() -> str:
    return hashlib.sha256(socket.gethostname().encode()).hexdigest()[:4]


def owner_tag() -> str:
    """``<host>_<pid>_<time>_<random>``: unique, and says who made it and when."""
    return f"{_host()}_{os.getpid()}_{int(time.time())}_{uuid.uuid4().hex[:6]}"


def shadow_name() -> str:
    return SHADOW_PREFIX + owner_tag()


def is_stale(name: str, now: float | None = None) -> bool:
    found = _OWNER.search(name)
    if found is None:
        return False  # not made by a remedy that says who it is: leave it
    host, pid, made = found.group(1), int(found.group(2)), int(found.group(3))
    if (now or time.time()) - made > MAX_AGE:
        return True
    return host == _host() and pid != os.getpid() and not _running(pid)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def copy_directory() -> tempfile.TemporaryDirectory:
    """A temporary directory for a SQLite dry-run copy, named after its owner."""
    return tempfile.TemporaryDirectory(prefix=f"{COPY_PREFIX}{owner_tag()}_")


def sweep_copies(root: str | None = None) -> list[str]:
    """Remove the stale SQLite dry-run copies in the temp directory; their paths."""
    removed = []
    for path in Path(root or tempfile.gettempdir()).glob(f"{COPY_PREFIX}*"):
        if path.is_dir() and is_stale(path.name[len(COPY_PREFIX):]):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(str(path))
    return removed
