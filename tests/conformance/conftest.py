"""The default run takes the first case of every category, on both paths and every dialect; the whole suite
(1,934 two-sided runs, about an hour on two cores) runs with REMEDY_CONFORMANCE=full.

Every case is still proven the same way when it runs: plan, the database's own client, rescan, oracle.
"""
from __future__ import annotations

import os


def pytest_collection_modifyitems(config, items):
    if os.environ.get("REMEDY_CONFORMANCE") == "full":
        return
    seen: set[tuple[str, str]] = set()
    keep, drop = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        if "tests/conformance/" not in item.nodeid or callspec is None:
            keep.append(item)
            continue
        key = (item.nodeid.split("[", 1)[0], callspec.id.split("/", 1)[0])
        (drop if key in seen else keep).append(item)
        seen.add(key)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
