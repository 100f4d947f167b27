"""The choices for the focused node: a finding's applicable actions, or a group's bulk actions."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from remedy.findings import Finding
from remedy.tui.explain import ACTION_KEYS, ACTION_LABELS, plural
from remedy.tui.messages import DecisionRequested
from remedy.tui.session import BULK

BULK_KEYS = {"renames": "r", "add_missing": "a", "skip_extras": "s", "recommended": "A"}


class ResolutionPicker(OptionList):
    """Enter or a click picks an option; every option also has its own key (shown on the left)."""

    BORDER_TITLE = "Resolve"

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self._targets: tuple[str, ...] = ()

    def show_actions(self, finding: Finding, actions, current, recommended) -> None:
        self._targets = (finding.id,)
        self.clear_options()
        options = []
        for action in actions:
            for from_col in sources(finding, action):
                options.append(Option(self._line(finding, action, from_col, current, recommended),
                                      id=f"{action}|{from_col or ''}"))
        self.add_options(options)
        shown = current or recommended
        value = f" · value: {shown.value}" if shown is not None and shown.value else ""
        self.border_title = "Resolve" + (f" · decided: {ACTION_LABELS[current.action]}" if current else "") + value

    def show_taken(self, finding: Finding, text: str) -> None:
        """An extra column that a rename or add+copy takes: no choice here, only what takes it."""
        self._targets = (finding.id,)
        self.clear_options()
        self.add_options([Option(Text(text, style="italic"), id="", disabled=True)])
        self.border_title = "Resolve · taken"

    def show_nothing(self) -> None:
        """No finding: nothing to decide (after a clean scan, or an execute that left no drift)."""
        self._targets = ()
        self.clear_options()
        self.border_title = "Resolve · nothing to decide"

    def show_bulk(self, finding_ids: list[str], ops: list[str]) -> None:
        """The bulk actions that would decide something under this node (a lone missing table: no renames)."""
        self._targets = tuple(finding_ids)
        self.clear_options()
        self.add_options([Option(Text.assemble((f"{BULK_KEYS[op]} ", "bold reverse"), f" {BULK[op]}"), id=f"bulk|{op}")
                          for op in ops])
        self.border_title = f"Bulk · {plural(len(finding_ids), 'finding')}"

    @staticmethod
    def _line(finding, action, from_col, current, recommended) -> Text:
        key = ACTION_KEYS.get(action, " ")
        chosen = current is not None and current.action == action and (current.from_column or None) == from_col
        rec = recommended is not None and recommended.action == action and (recommended.from_column or None) == from_col
        label = ACTION_LABELS.get(action, action) + (f" from {from_col}" if from_col else "")
        return Text.assemble((f"{key} ", "bold reverse"), (" ✓ " if chosen else "   ", "bold green"),
                             (label, "bold" if chosen else ""), (" (recommended)" if rec else "", "green"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        action, _, arg = (event.option.id or "").partition("|")
        if action == "bulk":
            self.post_message(DecisionRequested(self._targets, "bulk:" + arg))
        elif action:
            self.post_message(DecisionRequested(self._targets, action, arg or None))


def sources(finding: Finding, action: str) -> list[str | None]:
    """One option per rename candidate for rename / add+copy; one option otherwise."""
    if action in ("rename", "add_copy"):
        return [c.column for c in finding.rename_candidates] or [None]
    return [None]
