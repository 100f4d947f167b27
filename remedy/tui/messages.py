"""Messages the workers and widgets post: past-tense events, data only."""
from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from remedy.findings import ScanResult
from remedy.tui.adapter import Preview, StepView


@dataclass
class ScanProgressed(Message):
    stage: str
    detail: str


@dataclass
class ScanCompleted(Message):
    scan: ScanResult


@dataclass
class PreviewRendered(Message):
    preview: Preview
    lines: tuple  # of sql_preview.PreviewLine, highlighted in the worker
    generation: int


@dataclass
class StepReported(Message):
    """A dry-run or apply step finished (or started)."""

    step: StepView


@dataclass
class CheckFinished(Message):
    """A dry run or an apply finished; ``ok`` says whether it passed."""

    kind: str  # "dry_run" | "apply"
    ok: bool
    summary: str
    fingerprint: str
    plan_key: str
    journal: str = ""


@dataclass
class Exported(Message):
    paths: tuple[str, ...]


@dataclass
class DecisionRequested(Message):
    """A widget asks the app to record ``action`` for the findings in ``finding_ids``."""

    finding_ids: tuple[str, ...]
    action: str
    from_column: str | None = None


@dataclass
class StatementsRequested(Message):
    """Enter on a finding in the tree: show that finding's statements on the whole screen."""

    finding_id: str


@dataclass
class FindingFocused(Message):
    """The tree cursor moved to a node: a finding id, or None for a group node."""

    finding_id: str | None
    group: tuple = ()


class ExecuteConfirmed(Message):
    """The operator typed the confirmation on the execute screen."""


class DryRunRequested(Message):
    """The guide reached its end and asks for the dry run."""
