"""One error family for everything the user can get wrong, and the exit codes."""
from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    OK = 0
    DRIFT = 1  # scan found drift at/above --fail-on; apply --dry-run check failed
    USAGE = 2  # bad flag, unreachable db, malformed catalog, undecided findings...
    APPLY_FAILED = 3  # apply --yes failed and was rolled back


class RemedyError(Exception):
    """A problem the user can fix. ``str()`` is the one-line message."""

    exit_code = ExitCode.USAGE

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class ConnectionFailed(RemedyError):
    pass


class SourceError(RemedyError):
    """A malformed catalog, DDL file, code path or expected-schema source."""


class UndecidedFindings(RemedyError):
    pass


class StaleDecisions(RemedyError):
    pass


class CheckFailed(RemedyError):
    exit_code = ExitCode.DRIFT


class ApplyFailed(RemedyError):
    exit_code = ExitCode.APPLY_FAILED


def exit_code_for(error: BaseException) -> ExitCode:
    if isinstance(error, RemedyError):
        return error.exit_code
    return ExitCode.USAGE
