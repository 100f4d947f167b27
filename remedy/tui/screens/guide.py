"""The guided walk-through: phase by phase, what the code expects, what the database has, why it
breaks, what each choice would do and which is recommended; next/back; it ends at the dry run."""
from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from remedy.findings import Finding, ScanResult
from remedy.tui import adapter
from remedy.tui.explain import ACTION_LABELS, choice_effect, recommendation, why_it_breaks, plural
from remedy.tui.messages import DecisionRequested, DryRunRequested
from remedy.tui.widgets.finding_detail import column_pairs, diff_table, evidence_text


@dataclass(frozen=True)
class Page:
    kind: str  # "intro" | "phase" | "finding" | "end"
    phase: int = 0
    finding_id: str = ""


def guide_pages(scan: ScanResult) -> list[Page]:
    pages = [Page("intro")]
    for phase_id, findings in sorted(scan.by_phase().items()):
        if findings:
            pages.append(Page("phase", phase_id))
            pages += [Page("finding", phase_id, f.id) for f in findings]
    return pages + [Page("end")]


def choices(finding: Finding) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for action in adapter.applicable_actions(finding):
        sources = [c.column for c in finding.rename_candidates] if action in ("rename", "add_copy") else [None]
        out += [(action, s) for s in sources]
    return out


def choice_sql(scan: ScanResult, finding: Finding, action: str, from_column: str | None) -> str:
    try:
        decision = adapter.make_decision(finding, action, from_column)
        return adapter.preview(scan, {finding.id: decision}).script
    except Exception as exc:  # the explanation still stands without its SQL
        return f"-- ({type(exc).__name__}: {exc})"


class GuideScreen(Screen[str | None]):
    BINDINGS = [
        Binding("right,enter,space", "next", "Next"),
        Binding("left,backspace", "back", "Back"),
        Binding("right_square_bracket", "next_phase", "Next phase"),
        Binding("left_square_bracket", "previous_phase", "Previous phase"),
        *[Binding(str(i), f"choose({i})", "Choose", show=i == 1) for i in range(1, 10)],
        Binding("escape", "leave", "Leave guide"),
    ]

    def __init__(self, scan: ScanResult, decisions) -> None:
        super().__init__()
        self.scan, self.decisions = scan, decisions
        self.pages = guide_pages(scan)
        self._by_id = {f.id: f for f in scan.findings}
        self.index = 0

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="guide"):
            yield Static(id="guide-body")
        yield Footer()

    def on_mount(self) -> None:
        self.paint()

    def finding(self, finding_id: str):
        return self._by_id[finding_id]

    @property
    def page(self) -> Page:
        return self.pages[self.index]

    def update_decisions(self, decisions) -> None:
        self.decisions = decisions
        self.paint(keep_scroll=True)  # the choice just made stays in view

    def paint(self, keep_scroll: bool = False) -> None:
        page = self.page
        body = {"intro": self._intro, "phase": self._phase, "finding": self._finding, "end": self._end}[page.kind]()
        self.query_one("#guide-body", Static).update(body)
        if not keep_scroll:
            self.query_one("#guide", VerticalScroll).scroll_home(animate=False)
        self.sub_title = f"{self.index + 1}/{len(self.pages)}"

    def _progress(self) -> Text:
        return Text(f"guide · page {self.index + 1} of {len(self.pages)} · → next  ← back  ] next phase  "
                    f"Esc leave\n", style="dim")

    def _intro(self):
        by_phase = self.scan.by_phase()
        expected = (self.scan.expected_source or "the expected schema", "bold")
        if not self.scan.findings:
            return Text.assemble(("Welcome to remedy\n\n", "bold"), f"The database at {self.scan.database_url} "
                                 "matches ", expected, ": no drift, nothing to decide.\n")
        text = Text.assemble(("Welcome to remedy\n\n", "bold"),
                             f"The database at {self.scan.database_url} has drifted from ", expected, ".\n",
                             f"{plural(len(self.scan.findings), 'finding')}, in phases you fix in order:\n\n")
        for phase in self.scan.phases:
            text.append(f"  {phase.id}. {phase.title}", style="bold")
            text.append(f"  ({len(by_phase.get(phase.id, []))})\n   {phase.description}\n", style="")
        text.append("\nFor each finding you will see what the code expects, what the database has, why it breaks, "
                    "and what each choice would do. Press a number to choose; → to go on. "
                    "It ends at the dry run, which proves the migration before anything changes.")
        return Group(self._progress(), text)

    def _phase(self):
        phase = next((p for p in self.scan.phases if p.id == self.page.phase), None)
        findings = self.scan.by_phase().get(self.page.phase, [])
        text = Text.assemble((f"Phase {self.page.phase}: {phase.title if phase else ''}\n\n", "bold"),
                             (phase.description if phase else "") + "\n\n",
                             f"{plural(len(findings), 'finding')}:\n")
        for f in findings[:20]:
            text.append(f"  • {f.target}  {f.kind.replace('_', ' ')}\n")
        if len(findings) > 20:
            text.append(f"  … and {len(findings) - 20} more\n", style="dim")
        return Group(self._progress(), text)

    def _finding(self):
        finding = self.finding(self.page.finding_id)
        decided = self.decisions.get(finding.id)
        recommended = adapter.default_decision(finding)
        parts = [self._progress(),
                 Text.assemble((f"Phase {finding.phase} · ", "dim"), (finding.target, "bold cyan"),
                               f"  {finding.kind.replace('_', ' ')}\n"),
                 Text(finding.message + "\n") if finding.message else Text(""),
                 Text("What the code expects, and what the database has", style="bold"),
                 diff_table(column_pairs(self.scan, finding))]
        if finding.evidence:
            parts += [Text("\nWhere the code relies on it", style="bold"),
                      evidence_text(finding, limit=2, rest=": Esc leaves the guide on this finding, and the "
                                                          "pane beside the tree lists every one")]
        parts += [Text("\nWhy it breaks", style="bold"), Text(why_it_breaks(finding)),
                  Text("\nYour choices", style="bold")]
        for i, (action, src) in enumerate(choices(finding), 1):
            chosen = decided is not None and decided.action == action and (decided.from_column or None) == src
            label = ACTION_LABELS[action] + (f" from {src}" if src else "")
            parts.append(Text.assemble((f" {i} ", "bold reverse"), (" ✓ " if chosen else "   ", "bold green"),
                                       (label, "bold"), "  " + choice_effect(finding, action, src)))
            parts.append(Text("     " + choice_sql(self.scan, finding, action, src).replace("\n", "\n     "),
                              style="dim"))
        parts += [Text("\nRecommended", style="bold"), Text(recommendation(finding, recommended), style="green")]
        return Group(*parts)

    def _end(self):
        undecided = self._undecided()
        text = Text.assemble(("The dry run\n\n", "bold"),
                             f"{len(self.decisions)} of {len(self.scan.findings)} findings decided; "
                             "the rest take their recommendation.\n\n")
        if undecided:
            text.append(f"{len(undecided)} still need your choice: {', '.join(f.target for f in undecided[:5])}\n"
                        "Press Enter to go to the first of them.", style="yellow")
        else:
            text.append("Press Enter to run the dry run: it applies the migration in a transaction, scans again, "
                        "runs the reverse, and rolls back.", style="bold green")
        return Group(self._progress(), text)

    # ---- actions ---------------------------------------------------------
    def _undecided(self) -> list[Finding]:
        return [f for f in self.scan.findings if f.id not in self.decisions and adapter.default_decision(f) is None]

    def action_next(self) -> None:
        if self.page.kind == "end":
            waiting = self._undecided()
            if waiting:  # back to the first finding that still needs a choice
                self.index = next(i for i, p in enumerate(self.pages) if p.finding_id == waiting[0].id)
                self.paint()
            else:
                self.post_message(DryRunRequested())
            return
        self.index = min(self.index + 1, len(self.pages) - 1)
        self.paint()

    def action_leave(self) -> None:
        """Back to the main screen, on the finding this page shows (if it shows one)."""
        self.dismiss(self.page.finding_id or None)

    def action_back(self) -> None:
        self.index = max(self.index - 1, 0)
        self.paint()

    def _jump_phase(self, step: int) -> None:
        starts = [i for i, p in enumerate(self.pages) if p.kind in ("phase", "end")]
        later = [i for i in starts if (i - self.index) * step > 0]
        if later:
            self.index = later[0] if step > 0 else later[-1]
            self.paint()

    def action_next_phase(self) -> None:
        self._jump_phase(1)

    def action_previous_phase(self) -> None:
        self._jump_phase(-1)

    def action_choose(self, number: int) -> None:
        if self.page.kind != "finding":
            return
        finding = self.finding(self.page.finding_id)
        options = choices(finding)
        if 0 < number <= len(options):
            action, src = options[number - 1]
            self.post_message(DecisionRequested((finding.id,), action, src))
