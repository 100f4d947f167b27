"""Cache files are sealed with a per-user key, so a cache someone else wrote is never loaded.

A cache holds remedy's own objects (the parsed catalog is pickled; the code cache is marshalled),
and loading either from a hostile file could run code or feed remedy false data. Each blob carries
a keyed BLAKE2b MAC; the key is 32 random bytes created once per user in the data dir
(``remedy.paths.data_dir()/cache.key``, mode 0600), outside the cache dir: a cache file copied in,
restored from a shared CI cache or edited by hand fails the check and is rebuilt. Without a key
(the data dir cannot be written) nothing is cached.
"""
from __future__ import annotations

import hashlib
import hmac
import os
from functools import lru_cache

from remedy import paths

MAC_SIZE = 32
KEY_FILE = "cache.key"


@lru_cache(maxsize=4)
def _key(directory: str) -> bytes | None:
    path = os.path.join(directory, KEY_FILE)
    try:
        with open(path, "rb") as fh:
            key = fh.read()
        return key if len(key) == 32 else None
    except FileNotFoundError:
        return _new_key(path)
    except OSError:
        return None


def _new_key(path: str) -> bytes | None:
    key = os.urandom(32)
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another remedy made it meanwhile
        _key.cache_clear()
        return _key(os.path.dirname(path))
    except OSError:
        return None
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    return key


def key() -> bytes | None:
    """This user's cache key, created on first use; None when it cannot be kept."""
    return _key(str(paths.data_dir()))


def _mac(secret: bytes, blob: bytes | memoryview) -> bytes:
    return hashlib.blake2b(blob, key=secret, digest_size=MAC_SIZE).digest()


def seal(blob: bytes) -> bytes | None:
    """``blob`` with its MAC in front; None when there is no key (then do not cache)."""
    secret = key()
    return None if secret is None else _mac(secret, blob) + blob


def unseal(sealed: bytes | memoryview) -> memoryview | None:
    """The blob (a view, no copy) if this user's key sealed it, else None (then never trust it)."""
    secret = key()
    if secret is None or len(sealed) < MAC_SIZE:
        return None
    view = memoryview(sealed)
    if not hmac.compare_digest(bytes(view[:MAC_SIZE]), _mac(secret, view[MAC_SIZE:])):
        return None
    return view[MAC_SIZE:]
