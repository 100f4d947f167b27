"""What reading code produces: statements, unresolved references, skipped input, verdicts."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from remedy.model import Evidence, Schema


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
class CodeExpectations:
    """What the application's SQL needs: a partial schema (types unknown) with file:line evidence."""

    schema: Schema
    statements: tuple[Statement, ...] = ()
    unresolved: tuple[Unresolved, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    verdicts: Mapping[Statement, Verdict] | None = None  # None = not proven (no engine, not PostgreSQL)
    contradicted: tuple[tuple[str, str, str], ...] = ()  # static expectations the database disproved
    files: int = 0
