"""The composition root: layout, workers, one error router, and the decision state.

Every database call runs in a thread worker that posts a message; the UI thread only paints.
Widgets get attributes from here and post messages up; no widget reaches into a sibling.
"""
from __future__ import annotations

import gc
from dataclasses import replace
from pathlib import Path
from typing import Iterable

from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input
from textual.worker import Worker, WorkerState

from remedy.db import mask_text, normalize_url
from remedy.errors import ConnectionFailed, RemedyError
from remedy.findings import ScanResult
from remedy.scope import Scope
from remedy.tui import adapter
from remedy.tui.keep import KeepsWork
from remedy.tui.explain import ACTION_KEYS, ACTION_LABELS, plural
from remedy.tui.messages import (CheckFinished, DecisionRequested, DryRunRequested, ExecuteConfirmed, Exported,
                                 FindingFocused, PreviewRendered, ScanCompleted, ScanProgressed, StatementsRequested,
                                 StepReported)
from remedy.tui.screens.choice_dialog import ChoiceDialog
from remedy.tui.screens.connection_error import ConnectionErrorDialog
from remedy.tui.screens.dry_run_screen import DryRunScreen
from remedy.tui.screens.error_dialog import ErrorDialog
from remedy.tui.screens.execute_screen import ExecuteScreen
from remedy.tui.screens.export_screen import ExportScreen
from remedy.tui.screens.guide import GuideScreen
from remedy.tui.screens.help_screen import HelpScreen
from remedy.tui.screens.scanning import ScanningScreen
from remedy.tui.screens.sql_screen import SqlScreen
from remedy.tui.screens.value_dialog import VALUE_ACTIONS, ValueDialog
from remedy.tui.session import BULK, Session, bulk, decide, next_candidate
from remedy.tui.widgets.finding_detail import FindingDetail
from remedy.tui.widgets.findings_tree import FindingsTree
from remedy.tui.widgets.resolution_picker import BULK_KEYS, ResolutionPicker
from remedy.tui.widgets.sql_preview import SqlPreview, preview_lines
from remedy.tui.widgets.status_header import StatusHeader, header_state, phase_ids

FILTER_DELAY = 0.15  # seconds of quiet typing before the tree is filtered
PREVIEW_DELAY = 0.2  # seconds after the last decision before the SQL is planned again
BULK_BY_KEY = {key: op for op, key in BULK_KEYS.items()}
ACTION_BY_KEY = {key: action for action, key in ACTION_KEYS.items()}
FOOTER_LABELS = {"add_copy": "Copy"}  # 80 columns: every key that matters must fit


class RemedyApp(KeepsWork, App[int]):
    CSS_PATH = str(Path(__file__).with_name("app.tcss"))
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]
    TITLE = "remedy"
    BINDINGS = [
        # the footer shows only the choices that apply to the focused node (check_action), so 80 columns keep
        # deciding, the dry run, export, the SQL, help and quit in view; the rest is in ? and ctrl+p
        *[Binding(key, f"decide('{action}')", FOOTER_LABELS.get(action, ACTION_LABELS[action].title()),
                  tooltip=ACTION_LABELS[action]) for action, key in ACTION_KEYS.items()],
        Binding("A", "decide('recommended')", "Recommended", show=False),
        Binding("delete", "clear_decision", "Clear", show=False),
        Binding("equals_sign", "set_value", "Value", show=False),
        Binding("u,ctrl+z", "undo", "Undo", show=False),
        Binding("slash", "filter", "Filter", show=False),
        Binding("n", "next_undecided", "Next", show=False),
        Binding("N", "previous_undecided", "Prev undecided", show=False),
        *[Binding(str(i), f"jump_phase({i})", f"Phase {i}", show=False) for i in range(1, 10)],
        Binding("right_square_bracket", "step_phase(1)", "Next phase", show=False),
        Binding("left_square_bracket", "step_phase(-1)", "Prev phase", show=False),
        Binding("v", "dry_run", "Dry run"),
        Binding("e", "export", "Export"),
        Binding("w", "whole_sql", "SQL"),
        Binding("X", "execute", "Execute", show=False),
        Binding("g", "guide", "Guide", show=False),
        Binding("ctrl+r", "rescan", "Rescan", show=False),
        Binding("z", "zoom", "Zoom pane", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, db_url: str, expected: str, code_paths: Iterable[str] = (), guide: bool = False,
                 scan: ScanResult | None = None, shown: dict[str, str] | None = None,
                 decisions_file: str | None = None) -> None:
        """``shown`` fixes header fields (url, server, expected) whatever the scan says: snapshots and
        screenshots must not depend on the server version, its port or the checkout's location."""
        super().__init__()
        self.shown = dict(shown or {})
        self.db_url, self.expected, self.code_paths = db_url, expected, tuple(code_paths)
        self.scope = Scope()  # which schemas both sides compare (run_app sets the command line's)
        self.scan_options: dict = {}  # --with-privileges, --ignore-extension-versions (run_app sets them)
        self.open_guide = guide
        self.decisions_file = decisions_file
        self._applied: tuple[str, str] | None = None  # (summary, journal) of an execute whose rescan is running
        self.sessions: list[Session] = []
        self.defaults: dict[str, object] = {}
        self.preview = adapter.Preview()
        self.verified: tuple[str, bool] | None = None
        self._generation = 0
        self._needle = ""
        self._given_scan = scan
        self._filter_timer = None
        self._preview_timer = None
        self._by_id: dict = {}
        self._phase_ids: dict = {}

    MAIN_ONLY = frozenset({"decide", "clear_decision", "set_value", "undo", "filter", "next_undecided", "previous_undecided",
                           "whole_sql",
                           "jump_phase", "step_phase", "guide", "zoom", "rescan"})

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Deciding and navigating keys belong to the main screen only; a choice shows where it applies."""
        if action in self.MAIN_ONLY and self.screen is not self.screen_stack[0]:
            return False
        return self._choice_applies(parameters[0]) if action == "decide" and parameters else True

    def _choice_applies(self, action: str) -> bool:
        if not self.sessions or action == "recommended":
            return True
        node = self.query_one(FindingsTree).cursor_node
        if node is None or node.data is None:
            return False
        if node.data.finding_id is None:  # a phase or table: the bulk keys
            return ACTION_KEYS.get(action) in BULK_BY_KEY
        return action in adapter.applicable_actions(self.finding(node.data.finding_id))

    # ---- layout ------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield StatusHeader(id="header")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield Input(placeholder="filter: id or message (Esc clears)", id="filter")
                yield FindingsTree(id="tree")
            with Vertical(id="right"):
                yield FindingDetail(id="detail")
                yield ResolutionPicker(id="picker")
        yield SqlPreview(id="sql")
        yield Footer(show_command_palette=False)  # ctrl+p still opens it; ? lists it

    def on_mount(self) -> None:
        self.query_one(FindingsTree).focus()
        if self._given_scan is not None:
            self.post_message(ScanCompleted(self._given_scan))
        else:
            self.start_scan()

    # ---- state -------------------------------------------------------------
    @property
    def session(self) -> Session:
        return self.sessions[-1]

    @property
    def scan(self) -> ScanResult:
        return self.session.scan

    def finding(self, finding_id: str):
        return self._by_id[finding_id]

    @property
    def undecided_required(self) -> list[str]:
        return [fid for fid in self.defaults if self.defaults[fid] is None and fid not in self.session.decisions]

    def current_key(self) -> str:
        return adapter.plan_key(self.scan, adapter.effective(self.scan, self.session.decisions, self.defaults))

    def verified_state(self) -> str:
        if self.verified is None:
            return ""
        key, ok = self.verified
        return "stale" if key != self.current_key() else ("passed" if ok else "failed")

    # ---- workers (database and heavy work) -----------------------------------
    def start_scan(self) -> None:
        self.push_screen(ScanningScreen(adapter.masked_url(self.db_url)))
        self.scan_worker(self.db_url)

    @work(thread=True, exclusive=True, group="scan", exit_on_error=False)
    def scan_worker(self, db_url: str) -> None:
        result = adapter.scan(db_url, self.expected, self.code_paths,
                              lambda stage, detail: self.post_message(ScanProgressed(stage, detail)), self.scope,
                              **self.scan_options)
        self.post_message(ScanCompleted(result))

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def preview_worker(self, generation: int, session: Session) -> None:
        decisions = adapter.effective(session.scan, session.decisions, self.defaults)
        if generation != self._generation:  # a newer decision came in: its own worker will draw
            return
        preview = adapter.preview_for_ui(session.scan, decisions)
        if generation == self._generation:
            self.post_message(PreviewRendered(preview, preview_lines(preview), generation))

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def dry_run_worker(self, session: Session) -> None:
        decisions = adapter.effective(session.scan, session.decisions)
        key = adapter.plan_key(session.scan, decisions)
        outcome = adapter.dry_run(self.db_url, session.scan, decisions, lambda s: self.post_message(StepReported(s)))
        self.post_message(CheckFinished("dry_run", outcome.ok, outcome.summary, session.scan.fingerprint, key))

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def apply_worker(self, session: Session) -> None:
        decisions = adapter.effective(session.scan, session.decisions)
        key = adapter.plan_key(session.scan, decisions)
        outcome = adapter.apply(self.db_url, session.scan, decisions, lambda s: self.post_message(StepReported(s)))
        self.post_message(CheckFinished("apply", outcome.ok, outcome.summary, session.scan.fingerprint, key,
                                        outcome.journal))

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export_worker(self, session: Session, fmt: str, path: str) -> None:
        paths = adapter.export(session.scan, adapter.effective(session.scan, session.decisions), fmt, path)
        self.post_message(Exported(paths))

    def on_unmount(self) -> None:
        adapter.close_planner()

    # ---- the one error router ------------------------------------------------
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        group = event.worker.group
        if group == "scan":
            self._scan_failed(error)
            return
        if group == "check" and isinstance(self.screen, (DryRunScreen, ExecuteScreen)):
            self._finish_screen(False, _one_line(error), "")
        self.push_screen(ErrorDialog(_title(group), _one_line(error)))

    def _scan_failed(self, error: BaseException) -> None:
        if isinstance(self.screen, ScanningScreen):
            self.pop_screen()
        if isinstance(error, ConnectionFailed):
            self.push_screen(ConnectionErrorDialog(_one_line(error), self.db_url), self._connection_choice)
        else:
            self.push_screen(ErrorDialog("The scan failed", _one_line(error)),
                             lambda _: None if self.sessions else self.exit(2))

    def _connection_choice(self, choice: tuple[str, str] | None) -> None:
        if choice is None or choice[0] == "quit":
            self.exit(2)
            return
        self.db_url = choice[1] or self.db_url
        self.start_scan()

    # ---- messages from workers -----------------------------------------------
    def on_scan_progressed(self, message: ScanProgressed) -> None:
        if isinstance(self.screen, ScanningScreen):
            self.screen.progress(message.stage, message.detail)

    def on_scan_completed(self, message: ScanCompleted) -> None:
        typed: list[tuple[str, str | None]] = []
        if isinstance(self.screen, ScanningScreen):
            typed = self.screen.typed
            self.pop_screen()
        scan = message.scan
        self._by_id = {f.id: f for f in scan.findings}
        self._phase_ids = phase_ids(scan)
        self.defaults = {f.id: adapter.default_decision(f) for f in scan.findings}
        self.sessions = [Session(scan)]
        self.verified = None
        self._rebuild_tree()
        self._paint_header()
        self._refresh_preview()
        if self._applied is not None:
            self._show_after_execute(scan)
        else:
            self._offer_earlier_decisions()
        if self.open_guide:
            self.open_guide = False
            self.action_guide()
        gc.collect()
        gc.freeze()  # the scan is long-lived: keep the collector from walking it on every pause
        for key, character in typed:  # typed while scanning: they act now, in order
            self.post_message(events.Key(key, character))

    def on_preview_rendered(self, message: PreviewRendered) -> None:
        if message.generation != self._generation:
            return
        self.preview = message.preview
        hazards = sum(len(s.hazards) for s in message.preview.statements)
        sql = self.query_one(SqlPreview)
        sql.show(message.lines, len(message.preview.statements), hazards)
        sql.follow(self._focused_finding())

    def _focused_finding(self) -> str | None:
        node = self.query_one(FindingsTree).cursor_node
        return node.data.finding_id if node is not None and node.data is not None else None

    def on_step_reported(self, message: StepReported) -> None:
        if isinstance(self.screen, (DryRunScreen, ExecuteScreen)):
            self.screen.add_step(message.step)

    def on_check_finished(self, message: CheckFinished) -> None:
        if message.kind == "dry_run":
            self.verified = (message.plan_key, message.ok)
        else:
            self.verified = None
            self._applied = (message.summary, message.journal) if message.ok else None
        self._finish_screen(message.ok, message.summary, message.journal)
        self._paint_header()

    def _finish_screen(self, ok: bool, summary: str, journal: str) -> None:
        if isinstance(self.screen, DryRunScreen):
            self.screen.finish(ok, summary)
        elif isinstance(self.screen, ExecuteScreen):
            self.screen.finish(ok, summary, journal)

    def on_exported(self, message: Exported) -> None:
        self.mark_decisions_saved()
        text = "Wrote:\n" + "\n".join(f"  {path}" for path in message.paths)
        self.push_screen(ChoiceDialog("Exported", text, (("close", "Close"), ("copy", "Copy the path"))),
                         lambda answer: self._copy_path(message.paths[0]) if answer == "copy" else None)

    def _copy_path(self, path: str) -> None:
        self.copy_to_clipboard(path)
        self.notify(f"copied {path}", timeout=4)

    # ---- painting ------------------------------------------------------------
    def _rebuild_tree(self) -> None:
        tree = self.query_one(FindingsTree)
        kept = self._focused_finding()
        tree.show_findings(self.scan.phases, self.scan.findings, self.session.decisions, self.defaults, self._needle)
        ids = tree.visible_finding_ids()
        if ids:  # now, not after a refresh: keys already queued must find the cursor where it will be
            self._focus_finding(kept if kept in ids else ids[0])  # a cleared filter keeps the cursor
        elif not self.scan.findings:
            self.query_one(FindingDetail).show_message("No drift", "The database matches what is expected. "
                                                       "Nothing to do.")
            self.query_one(ResolutionPicker).show_nothing()

    def _focus_finding(self, finding_id: str) -> None:
        """Put the cursor on a finding and show it (a rebuilt tree may not report the move)."""
        self.query_one(FindingsTree).select_finding(finding_id)
        self._paint_detail(finding_id)
        self.query_one(SqlPreview).follow(finding_id)

    def _paint_header(self) -> None:
        if self.sessions:
            state = header_state(self.scan, self.session.decisions, self.verified_state(), self._phase_ids,
                                 self.defaults)
            self.query_one(StatusHeader).show(replace(state, **self.shown))

    def _refresh_preview(self, delay: float = 0.0) -> None:
        """Redraw the SQL in a worker; a short delay lets a run of quick decisions share one plan."""
        self._generation += 1
        if self._preview_timer is not None:
            self._preview_timer.stop()
        generation, session = self._generation, self.session
        self._preview_timer = self.set_timer(delay, lambda: self._start_preview(generation, session)) \
            if delay else None
        if not delay:
            self.preview_worker(generation, session)

    def _start_preview(self, generation: int, session: Session) -> None:
        self._preview_timer = None
        self.preview_worker(generation, session)

    @property
    def busy(self) -> bool:
        """A preview or filter is pending or a worker runs (tests and scripts wait on this)."""
        running = any(w.is_running or w.state.name == "PENDING" for w in self.workers)
        return running or self._preview_timer is not None or self._filter_timer is not None

    def on_finding_focused(self, message: FindingFocused) -> None:
        self.refresh_bindings()
        with self.batch_update():
            self._paint_detail(message.finding_id, message.group)
            self.query_one(SqlPreview).follow(message.finding_id)

    def _paint_detail(self, finding_id: str | None, group: tuple = ()) -> None:
        if not self.sessions:
            return
        with self.batch_update():
            self._paint_detail_now(finding_id, group)

    def _paint_picker(self, finding) -> None:
        picker, taken = self.query_one(ResolutionPicker), self.session.taken_by(finding, self.defaults)
        if taken is not None:
            picker.show_taken(finding, _taken_text(self.finding(taken), self.session.effective(self.defaults)[taken]))
            return
        picker.show_actions(finding, adapter.applicable_actions(finding), self.session.decision(finding.id),
                            self.defaults.get(finding.id))

    def _paint_detail_now(self, finding_id: str | None, group: tuple) -> None:
        detail, picker = self.query_one(FindingDetail), self.query_one(ResolutionPicker)
        if finding_id is not None:
            finding = self.finding(finding_id)
            actions, recommended = adapter.applicable_actions(finding), self.defaults.get(finding_id)
            detail.show_finding(self.scan, finding, actions, recommended)
            self._paint_picker(finding)
            return
        ids = self.query_one(FindingsTree).finding_ids_under_cursor()
        findings = [self.finding(fid) for fid in ids]
        phase, table = (group + (None, None))[:2]
        title = table or next((f"Phase {p.id}: {p.title}" for p in self.scan.phases if p.id == phase), "")
        decided = sum(1 for fid in ids if fid in self.session.decisions)
        ops = [op for op in BULK if bulk(findings, op)]  # only what would decide something here
        hints = "\n".join(f"  {BULK_KEYS[op]}  {BULK[op]}" for op in ops) or "  (nothing to decide in bulk here)"
        detail.show_group(title, findings, decided, hints)
        picker.show_bulk(ids, ops)

    # ---- deciding ------------------------------------------------------------
    def apply_changes(self, changes: dict) -> None:
        """Record a change set as one undo step and repaint what it touches."""
        changes = {fid: d for fid, d in changes.items() if self.session.decision(fid) != d}
        if not changes:
            return
        clashes = self.session.conflicts_after(changes, self.defaults)
        if clashes:
            self._ask_which_wins(changes, clashes[0])
            return
        self.sessions.append(self.session.with_changes(changes))
        self._after_change(set(changes))

    def _ask_which_wins(self, changes: dict, clash) -> None:
        """A decision that conflicts with one already made: the operator says which one stays."""
        new, old = (clash.second, clash.first) if clash.second in changes else (clash.first, clash.second)
        effective = self.session.with_changes(changes).effective(self.defaults)
        text = (f"{_decision_line(self.finding(new), effective[new])}\nconflicts with\n"
                f"{_decision_line(self.finding(old), effective[old])}\n\nBoth use column {clash.column}.")
        self.push_screen(ChoiceDialog("Which decision wins?", text,
                                      (("new", "The new one"), ("old", "Keep the earlier one"))),
                         lambda answer: self.apply_changes({**changes, old: None}) if answer == "new" else None)

    def _after_change(self, changed: set[str]) -> None:
        self.query_one(FindingsTree).update_decisions(self.session.decisions, self.defaults, changed)
        self._paint_header()
        self._refresh_preview(PREVIEW_DELAY)
        node = self.query_one(FindingsTree).cursor_node
        if node is not None and node.data is not None and node.data.finding_id is not None:
            self._paint_picker(self.finding(node.data.finding_id))  # the detail itself does not change
        elif node is not None and node.data is not None:
            self._paint_detail(None, (node.data.phase, node.data.table))
        if isinstance(self.screen, GuideScreen):
            self.screen.update_decisions(self.session.decisions)
        self.autosave()

    def action_decide(self, action: str) -> None:
        if not self.sessions:
            return
        tree = self.query_one(FindingsTree)
        node = tree.cursor_node
        if node is None or node.data is None:
            return
        if node.data.finding_id is None:
            self._bulk(action, tree.finding_ids_under_cursor())
            return
        finding = self.finding(node.data.finding_id)
        if action == "recommended":
            self.apply_changes({finding.id: self.defaults.get(finding.id)} if self.defaults.get(finding.id) else {})
            return
        source = next_candidate(finding, self.session.decision(finding.id)) if action == "rename" else None
        changes = decide(finding, action, source)
        if not changes:
            self.notify(f"{ACTION_LABELS.get(action, action)} does not apply to {finding.kind.replace('_', ' ')}",
                        severity="warning", timeout=3)
        self.apply_changes(changes)

    def _bulk(self, action: str, finding_ids: list[str]) -> None:
        key = ACTION_KEYS.get(action, "A" if action == "recommended" else "")
        op = BULK_BY_KEY.get(key)
        if op is None:
            self.notify("on a phase or table: r renames, a adds, s skips extras, A recommends", timeout=4)
            return
        self.run_bulk(op, finding_ids)

    def run_bulk(self, op: str, finding_ids: list[str]) -> None:
        changes = bulk((self.finding(fid) for fid in finding_ids), op)
        self.notify(f"{BULK[op]}: {len(changes)} decided", timeout=3)
        self.apply_changes(changes)

    def on_decision_requested(self, message: DecisionRequested) -> None:
        if message.action.startswith("bulk:"):
            self.run_bulk(message.action.removeprefix("bulk:"), list(message.finding_ids))
            return
        for fid in message.finding_ids:
            self.apply_changes(decide(self.finding(fid), message.action, message.from_column))

    def action_clear_decision(self) -> None:
        if self.sessions:
            self.apply_changes({fid: None for fid in self.query_one(FindingsTree).finding_ids_under_cursor()})

    def action_set_value(self) -> None:
        """Give the decision on the selected finding a backfill value or a USING / cast expression."""
        node = self.query_one(FindingsTree).cursor_node
        if not self.sessions or node is None or node.data is None or node.data.finding_id is None:
            return
        from remedy.decided_types import untyped_columns
        from remedy.decisions import applicable_actions

        finding = self.finding(node.data.finding_id)
        current = self.session.decision(finding.id) or self.defaults.get(finding.id)
        untyped = untyped_columns(finding)
        if untyped and (current is None or current.action != "skip"):  # only the code names it: ask its type
            current = current or adapter.make_decision(finding, applicable_actions(finding)[0])
        elif current is None or current.action not in VALUE_ACTIONS:
            self.notify("a value applies to add, add + copy and alter decisions", severity="warning", timeout=3)
            return

        def chosen(value: str | None) -> None:
            if value is not None:
                self.apply_changes({finding.id: adapter.make_decision(finding, current.action, current.from_column,
                                                                      value)})

        self.push_screen(ValueDialog(finding, current.action, current.value, untyped), chosen)

    def action_undo(self) -> None:
        if len(self.sessions) < 2:
            self.notify("nothing to undo", timeout=2)
            return
        before, after = self.sessions[-2].decisions, self.sessions.pop().decisions
        self._after_change({fid for fid in set(before) | set(after) if before.get(fid) != after.get(fid)})

    # ---- navigation ----------------------------------------------------------
    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.add_class("visible")
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Filter after a short pause in typing: rebuilding 5,000 nodes per key would lag."""
        if event.input.id == "filter" and self.sessions:
            if self._filter_timer is not None:
                self._filter_timer.stop()
            self._filter_timer = self.set_timer(FILTER_DELAY, lambda: self._apply_filter(event.value.strip()))

    def _apply_filter(self, needle: str) -> None:
        self._filter_timer = None
        if needle != self._needle and self.query(FindingsTree):  # not while the app is closing
            self._needle = needle
            self._rebuild_tree()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self.query_one(FindingsTree).focus()

    def on_key(self, event) -> None:
        box = self.query_one("#filter", Input)
        if event.key == "escape" and self.screen is self.screen_stack[0] and box.has_class("visible"):
            box.value = ""
            box.remove_class("visible")
            self.query_one(FindingsTree).focus()
            event.stop()

    def action_next_undecided(self, forward: bool = True) -> None:
        tree = self.query_one(FindingsTree)
        target = tree.next_undecided(forward)
        if target is None:
            self.notify("every finding shown is decided", timeout=3)
        else:
            tree.select_finding(target)

    def action_previous_undecided(self) -> None:
        self.action_next_undecided(False)

    def action_jump_phase(self, phase: int) -> None:
        if not self.query_one(FindingsTree).select_phase(phase):
            self.notify(f"no findings in phase {phase}", timeout=2)

    def action_step_phase(self, step: int) -> None:
        tree = self.query_one(FindingsTree)
        phases, current = tree.phase_ids(), tree.current_phase()
        if phases:
            index = phases.index(current) + step if current in phases else 0
            tree.select_phase(phases[index % len(phases)])

    # ---- verify, export, execute, guide, help ----------------------------------
    def _blocked(self) -> bool:
        if not self.sessions:
            return True
        missing = self.undecided_required
        if missing:
            self.notify(f"{len(missing)} finding(s) need your choice first (n jumps to the next one)",
                        severity="warning", timeout=5)
            self.query_one(FindingsTree).select_finding(missing[0])
        return bool(missing)

    def action_dry_run(self) -> None:
        if self._blocked():
            return
        while isinstance(self.screen, (DryRunScreen, GuideScreen)):
            self.pop_screen()
        self.push_screen(DryRunScreen())
        self.dry_run_worker(self.session)

    def on_dry_run_requested(self, message: DryRunRequested) -> None:
        self.action_dry_run()

    def action_export(self) -> None:
        if not self._blocked():
            self.push_screen(ExportScreen(), self._export_chosen)

    def _export_chosen(self, choice: tuple[str, str] | None) -> None:
        if choice is not None:
            self.export_worker(self.session, *choice)

    def action_execute(self) -> None:
        if self._blocked():
            return
        if self.verified_state() != "passed":
            self.notify("run the dry run first (v): execute needs a passed dry run on this schema and these "
                        "decisions", severity="warning", timeout=5)
            return
        while isinstance(self.screen, DryRunScreen):
            self.pop_screen()
        self.push_screen(ExecuteScreen(_database_name(self.db_url), len(self.preview.statements)),
                         lambda applied: self.start_scan() if applied else None)

    def _show_after_execute(self, scan: ScanResult) -> None:
        """After an execute and its rescan: what ran, where it is recorded, and what the database says now."""
        summary, journal = self._applied or ("", "")
        self._applied = None
        now = ("No drift: the database now matches what is expected." if not scan.findings else
               f"{plural(len(scan.findings), 'finding')} remain; they are in the tree.")
        text = "\n".join(line for line in (f"Applied: {summary}", f"Journal: {journal}" if journal else "",
                                            "", f"Rescan: {now}") if line is not None)
        self.push_screen(ChoiceDialog("Executed", text, (("close", "Close"),)))

    def on_execute_confirmed(self, message: ExecuteConfirmed) -> None:
        if self.verified_state() == "passed":
            self.apply_worker(self.session)

    def action_rescan(self) -> None:
        self.start_scan()

    def action_guide(self) -> None:
        if self.sessions:
            self.push_screen(GuideScreen(self.scan, self.session.decisions), self._leave_guide)

    def _leave_guide(self, finding_id: str | None) -> None:
        if finding_id:
            self.query_one(FindingsTree).select_finding(finding_id)

    def action_zoom(self) -> None:
        """Maximize the focused pane (or restore it): small terminals need it."""
        if self.screen.maximized is not None:
            self.screen.minimize()
        elif self.focused is not None:
            pane = self.focused if not isinstance(self.focused, Input) else None
            pane = self.query_one(FindingDetail) if isinstance(pane, ResolutionPicker) else pane
            if pane is not None:
                self.screen.maximize(pane, container=False)

    def action_whole_sql(self) -> None:
        """Every statement in full on the whole screen, at the focused finding's first statement."""
        if self.sessions:
            self.push_screen(SqlScreen(self.preview, self._focused_finding()))

    def on_statements_requested(self, message: StatementsRequested) -> None:
        """Enter on a finding: its statements alone on the whole screen (f there shows the whole batch)."""
        self.push_screen(SqlScreen(self.preview, message.finding_id, only_finding=True))

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for action, key in ACTION_KEYS.items():
            yield SystemCommand(f"Decide: {ACTION_LABELS[action]} ({key})", "on the selected finding",
                                lambda a=action: self.action_decide(a))
        for op, label in BULK.items():
            yield SystemCommand(f"Bulk: {label} ({BULK_KEYS[op]})", "on the selected phase or table",
                                lambda o=op: self.run_bulk(o, self.query_one(FindingsTree).finding_ids_under_cursor()))
        for title, help_text, callback in (
                ("Undo (u)", "undo the last decision", self.action_undo),
                ("Clear decision (Del)", "forget the decision on the selection", self.action_clear_decision),
                ("Set value (=)", "backfill value or USING expression of the decision", self.action_set_value),
                ("Filter findings (/)", "show only findings matching a text", self.action_filter),
                ("Next undecided (n)", "jump to the next finding without a decision", self.action_next_undecided),
                ("Previous undecided (N)", "jump back", self.action_previous_undecided),
                ("Dry run (v)", "apply, re-scan, downgrade, roll back", self.action_dry_run),
                ("Export (e)", "SQL, alembic or golang-migrate, with decisions.toml", self.action_export),
                ("Whole SQL (w)", "every statement in full, hazards on their own lines", self.action_whole_sql),
                ("Execute (X)", "apply for real after a passed dry run", self.action_execute),
                ("Guided walk-through (g)", "phase by phase, with recommendations", self.action_guide),
                ("Rescan (ctrl+r)", "connect and scan again", self.action_rescan),
                ("Zoom pane (z)", "maximize the focused pane, or restore it", self.action_zoom),
                ("Help (?)", "every key", self.action_help)):
            yield SystemCommand(title, help_text, callback)
        for phase in (self.scan.phases if self.sessions else ()):
            yield SystemCommand(f"Jump to phase {phase.id} ({phase.id})", phase.title,
                                lambda p=phase.id: self.action_jump_phase(p))


def _one_line(error: BaseException | None) -> str:
    if error is None:
        return "unknown error"
    if isinstance(error, RemedyError):
        return mask_text(str(error))
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return mask_text(f"{type(error).__name__}: {text}" if text else type(error).__name__)


def _decision_line(finding, decision) -> str:
    source = f" from {decision.from_column}" if decision.from_column else ""
    return f"  {ACTION_LABELS.get(decision.action, decision.action)}{source}: {finding.id}"


def _taken_text(user, decision) -> str:
    verb = "the rename to" if decision.action == "rename" else "the add + copy into"
    return f"used by {verb} {user.column} (decide there to free it)"


def _title(group: str) -> str:
    return {"check": "The check failed", "export": "The export failed", "preview": "The plan failed"}.get(
        group, "Something failed")


def _database_name(url: str) -> str:
    try:
        return normalize_url(url).database or "database"
    except RemedyError:
        return "database"


def run_app(db_url: str, expected_source: str, code_paths: Iterable[str] = (), guide: bool = False,
            decisions_file: str | None = None, scope: Scope | None = None, **scan_options: bool) -> int:
    """Open the app on a live database; returns the exit code. ``scan_options``: remedy.scan.scan's flags.
    The app lives on: the cyclic garbage collector runs (remedy.cli.main turns it off for one-shot commands)."""
    gc.enable()
    app = RemedyApp(db_url, expected_source, code_paths, guide=guide, decisions_file=decisions_file)
    app.scope = scope or Scope()
    app.scan_options = scan_options
    result = app.run()
    return int(result or 0)
