"""What reading code produces: statements, unresolved references, skipped input, verdicts."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from remedy.model import TYPE_FROM_CODE, Evidence, Schema  # noqa: F401  (TYPE_FROM_CODE: read from here too)


@dataclass(frozen=True)
class Statement:
    """One query found in source: where it starts, its text, and what it references."""

    file: str
    line: int
    sql: str
    snippet: str = ""  # the code line at ``line``
    dynamic: bool = False  # built with run-time fragments (f-string, ${...}, Sprintf, concatenation)
    tables: tuple[tuple[str, str], ...] = ()  # (schema, table)
    columns: tuple[tuple[str, str, str], ...] = ()  # (schema, table, column)
    origins: tuple[tuple[str, str, int, str], ...] = ()  # a name another file wrote: (name, file, line, snippet)

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.file, self.line, self.snippet)


@dataclass(frozen=True)
class Unresolved:
    """A reference remedy could not pin to one table (reported, never guessed)."""

    reference: str
    reason: str
    evidence: Evidence

    @property
    def message(self) -> str:
        return f"{self.evidence.file}:{self.evidence.line}: {self.reference}: {self.reason}"


@dataclass(frozen=True)
class Skipped:
    """A file or string that was not read as SQL, and why. line 0 = the whole file."""

    file: str
    line: int
    reason: str

    @property
    def message(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Verdict:
    """What PostgreSQL said when asked to PREPARE a statement."""

    status: str  # "prepared" | "undefined_column" | "undefined_table" | "error" | "not_checked"
    message: str = ""
    sqlstate: str = ""
    name: str = ""  # the missing column / relation the database named

    @property
    def text(self) -> str:
        if self.status == "prepared":
            return "prepared fine by the database"
        if self.status in ("undefined_column", "undefined_table"):
            return f"confirmed by the database: {self.sqlstate} {self.message}"
        if self.status == "error":
            return f"static only (the database stopped at {self.sqlstate} {self.message})"
        return f"static only ({self.message})" if self.message else "static only"


@dataclass(frozen=True)
class Site:
    """One place the code sends SQL, and how much of it remedy could read.

    ``full``: every variant parsed, nothing unknown. ``partial``: some parts unknown (a parameter,
    a lookup) or some variants do not parse; the references in what parsed are certain.
    ``unread``: nothing of it could be read; ``reason`` says why.
    """

    file: str
    line: int
    status: str  # "full" | "partial" | "unread"
    variants: int = 1
    reason: str = ""

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def message(self) -> str:
        return f"{self.location}: {self.reason}" if self.reason else self.location


@dataclass(frozen=True)
class Coverage:
    """How many SQL sites a --code scan found, and how many it read fully, partly, not at all."""

    found: int = 0
    full: int = 0
    partial: int = 0
    unread: int = 0

    @staticmethod
    def of(sites) -> "Coverage":
        counts = {"full": 0, "partial": 0, "unread": 0}
        for site in sites:
            counts[site.status] += 1
        return Coverage(len(sites), counts["full"], counts["partial"], counts["unread"])

    @property
    def line(self) -> str:
        return (f"{self.found} SQL site(s) found: {self.full} read fully, {self.partial} partly, "
                f"{self.unread} unread")


@dataclass(frozen=True)
class SiteReport:
    """A site that was not read fully, as reports show it: where, why, and what is certain anyway."""

    file: str
    line: int
    status: str  # "partial" | "unread"
    reason: str
    variants: int = 0
    certain: tuple[str, ...] = ()  # tables and table.column the parsed variants reference for sure

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}"

    def to_json(self) -> dict:
        return {"file": self.file, "line": self.line, "status": self.status, "reason": self.reason,
                "variants": self.variants, "certain": list(self.certain)}


@dataclass(frozen=True)
class CoverageReport:
    """What a --code scan read: the counts and every site it did not read fully."""

    counts: Coverage
    sites: tuple[SiteReport, ...] = ()  # partial and unread sites, in file:line order

    @property
    def unread(self) -> tuple[SiteReport, ...]:
        return tuple(s for s in self.sites if s.status == "unread")

    @property
    def partial(self) -> tuple[SiteReport, ...]:
        return tuple(s for s in self.sites if s.status == "partial")

    def to_json(self) -> dict:
        c = self.counts
        return {"sites": c.found, "full": c.full, "partial": c.partial, "unread": c.unread,
                "not_fully_read": [s.to_json() for s in self.sites]}


@dataclass(frozen=True)
class CodeExpectations:
    """What the application's SQL needs: a partial schema (types unknown) with file:line evidence."""

    schema: Schema
    statements: tuple[Statement, ...] = ()
    unresolved: tuple[Unresolved, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    verdicts: Mapping[Statement, Verdict] | None = None  # None = not proven (no engine, not PostgreSQL)
    contradicted: tuple[tuple[str, str, str], ...] = ()  # static expectations the database disproved
    files: int = 0
    sites: tuple[Site, ...] = ()

    @property
    def coverage(self) -> Coverage:
        return Coverage.of(self.sites)

    def coverage_report(self) -> CoverageReport:
        certain = self._certain_by_place()
        sites = tuple(SiteReport(s.file, s.line, s.status, s.reason, s.variants,
                                 tuple(certain.get((s.file, s.line), {})) if s.status == "partial" else ())
                      for s in self.sites if s.status != "full")
        return CoverageReport(self.coverage, sites)

    def _certain_by_place(self) -> dict[tuple[str, int], dict[str, None]]:
        out: dict[tuple[str, int], dict[str, None]] = {}
        for stmt in self.statements:
            refs = out.setdefault((stmt.file, stmt.line), {})
            refs.update((t[1], None) for t in stmt.tables)
            refs.update((f"{c[1]}.{c[2]}", None) for c in stmt.columns)
        return out

    def certain(self, site: Site) -> tuple[str, ...]:
        """The references certain at a site (from the variants that parsed): table and table.column."""
        refs: dict[str, None] = {}
        for stmt in self.statements:
            if (stmt.file, stmt.line) == (site.file, site.line):
                refs.update((t[1], None) for t in stmt.tables)
                refs.update((f"{c[1]}.{c[2]}", None) for c in stmt.columns)
        return tuple(refs)
