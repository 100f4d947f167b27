"""The operator's decisions, kept per database and expected source while they work, so nothing is lost.

One decisions file (the contract's TOML) per (database, expected source) under ``<data dir>/sessions/``.
It is offered back on the next start only while the live schema's fingerprint still matches.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from remedy import paths
from remedy.db import mask_url
from remedy.decisions import Decision, Decisions, dump_decisions, load_decisions
from remedy.errors import RemedyError


@dataclass(frozen=True)
class Saved:
    decisions: Decisions
    saved_at: datetime
    path: Path

    def matches(self, fingerprint: str) -> bool:
        return self.decisions.fingerprint == fingerprint

    def age(self, now: datetime | None = None) -> str:
        minutes = int(((now or datetime.now(timezone.utc)) - self.saved_at).total_seconds() // 60)
        if minutes < 1:
            return "just now"
        if minutes < 120:
            return f"{minutes} min ago"
        return f"{minutes // 60} h ago" if minutes < 48 * 60 else f"{minutes // 1440} days ago"


def session_path(db_url: str, expected: str) -> Path:
    key = hashlib.sha256(f"{mask_url(db_url)}\0{expected}".encode()).hexdigest()[:20]
    return paths.data_dir() / "sessions" / f"{key}.toml"


def save(db_url: str, expected: str, fingerprint: str, decisions: tuple[Decision, ...]) -> Path:
    """Write (or, with no decisions, remove) the session file; atomic, so a kill never leaves half a file."""
    path = session_path(db_url, expected)
    if not decisions:
        path.unlink(missing_ok=True)
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    text = f"# remedy session: {mask_url(db_url)} against {expected}\n" + dump_decisions(
        Decisions(fingerprint, decisions))
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


def load(db_url: str, expected: str) -> Saved | None:
    """The saved session for this database and source, or None (no file, or one that cannot be read)."""
    path = session_path(db_url, expected)
    try:
        decisions = load_decisions(path)
        saved_at = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    except (RemedyError, OSError):
        return None
    return Saved(decisions, saved_at, path) if decisions.decisions else None


def forget(db_url: str, expected: str) -> None:
    session_path(db_url, expected).unlink(missing_ok=True)
