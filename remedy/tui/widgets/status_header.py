"""The header: masked URL, server version, expected source, counts per phase, decided count."""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Static

from remedy.findings import ScanResult
from remedy.tui import adapter


@dataclass(frozen=True)
class HeaderState:
    url: str = ""
    server: str = ""
    expected: str = ""
    phases: tuple[tuple[int, int, int], ...] = ()  # (phase, findings, decided)
    decided: int = 0
    total: int = 0
    verified: str = ""  # "", "passed", "failed", "stale"
    code: str = ""  # what --code read, e.g. "SQL 111 sites, 2 partly, 1 unread"
    code_unread: int = 0
    defaulted: int = 0  # undecided findings whose default the preview already plans
    not_compared: str = ""  # "3 views, 1 trigger": present, and not compared by remedy


def phase_ids(scan: ScanResult) -> dict[int, tuple[str, ...]]:
    """The finding ids of each phase; computed once per scan (ids are built strings)."""
    return {phase: tuple(f.id for f in findings) for phase, findings in sorted(scan.by_phase().items())}


def header_state(scan: ScanResult, decisions, verified: str = "", ids: dict | None = None,
                 defaults=None) -> HeaderState:
    ids = ids if ids is not None else phase_ids(scan)
    phases = [(phase, len(members), sum(1 for fid in members if fid in decisions)) for phase, members in ids.items()]
    live = scan.live
    dialect = getattr(live, "dialect", "")
    server = f"{_DIALECT_NAMES.get(dialect, dialect)} {getattr(live, 'server_version', '')}".strip()
    coverage = scan.code_coverage
    code, unread = "", 0
    if coverage is not None:
        c = coverage.counts
        unread = c.unread
        code = f"SQL {c.found} sites" + (f", {c.partial} partly" if c.partial else "") + f", {c.unread} unread"
    defaulted = sum(1 for fid, d in (defaults or {}).items() if d is not None and fid not in decisions)
    return HeaderState(url=scan.database_url, server=server, expected=scan.expected_source, phases=tuple(phases),
                       decided=len(decisions), total=len(scan.findings), verified=verified, code=code,
                       code_unread=unread, defaulted=defaulted, not_compared=adapter.not_compared_text(scan))


_DIALECT_NAMES = {"postgresql": "PostgreSQL", "mysql": "MySQL/MariaDB", "sqlite": "SQLite"}
_VERIFIED = {"passed": ("  ✓ dry run passed", "bold green"), "failed": ("  ✖ dry run failed", "bold red"),
             "stale": ("  dry run out of date", "yellow")}


def header_text(state: HeaderState) -> Text:
    text = Text.assemble(("remedy ", "bold reverse"), (" " + state.server + " ", "cyan"),
                         (state.url or "connecting…", "bold"), "\n", ("decided ", "dim"),
                         (f"{state.decided}/{state.total}", "bold"))
    if state.defaulted:
        text.append(f" +{state.defaulted} defaults", style="dim")
    for phase, total, decided in state.phases:
        style = "green" if decided == total else ("bold red" if phase == 1 else "yellow")
        text.append(f"  P{phase} ", style="dim")
        text.append(f"{decided}/{total}", style=style)
    if state.verified:
        label, style = _VERIFIED[state.verified]
        text.append(label, style=style)
    if state.code:
        text.append("  " + state.code, style="bold yellow" if state.code_unread else "dim")
    if state.not_compared:
        text.append(f"  not compared: {state.not_compared}", style="yellow")
    text.append("  expected ", style="dim")
    text.append(state.expected)
    text.no_wrap, text.overflow = True, "ellipsis"
    return text


class StatusHeader(Static):
    """Two lines at the top of the main screen."""

    def show(self, state: HeaderState) -> None:
        self.update(header_text(state))
