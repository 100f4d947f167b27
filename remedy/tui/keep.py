"""Work is never lost: decisions are saved per database as they are made, offered back on the next start while
the schema is the same, loaded from ``--decisions FILE``, and quitting with decisions asks first.

A mixin of the app (it needs the app's session and screens); the files themselves are ``remedy.autosave``'s.
"""
from __future__ import annotations

from pathlib import Path

from remedy import autosave
from remedy.decisions import Decisions, checked, dump_decisions, load_decisions
from remedy.errors import RemedyError
from remedy.tui.explain import plural
from remedy.tui.screens.choice_dialog import ChoiceDialog
from remedy.tui.screens.error_dialog import ErrorDialog

QUIT_SAVE_PATH = "remedy-decisions.toml"


class KeepsWork:
    """Expects the app's ``db_url``, ``expected``, ``decisions_file``, ``sessions``, ``session``, ``scan`` and
    ``apply_changes``."""

    _saved_decisions_key: str = ""

    # ---- on start ------------------------------------------------------------
    def _offer_earlier_decisions(self) -> None:
        if self.decisions_file:
            path, self.decisions_file = self.decisions_file, None
            self.load_decisions_file(path)
            return
        saved = autosave.load(self.db_url, self.expected)
        if saved is None or self.session.decisions:
            return
        if not saved.matches(self.scan.fingerprint):
            self.notify(f"the {plural(len(saved.decisions.decisions), 'decision')} saved {saved.age()} were made against "
                        "another version of this schema, so they are not offered; they stay in "
                        f"{saved.path} until you decide again", title="Earlier decisions", timeout=12)
            return
        text = (f"{plural(len(saved.decisions.decisions), 'decision')} for this database were saved {saved.age()}, "
                "and the schema has not changed since. Resume them?")
        self.push_screen(ChoiceDialog("Resume your decisions?", text,
                                      (("resume", "Resume"), ("fresh", "Start fresh"))),
                         lambda answer: self._resume(saved.decisions) if answer == "resume" else None)

    def _resume(self, decisions: Decisions) -> None:
        try:
            self.apply_changes(checked(self.scan, decisions))
        except RemedyError as exc:
            self.push_screen(ErrorDialog("The saved decisions no longer fit", str(exc)))
            return
        self.notify(f"resumed {plural(len(decisions.decisions), 'decision')}", timeout=4)

    def load_decisions_file(self, path: str) -> None:
        """``--decisions FILE`` (or the palette): the file's decisions become the session's, checked first."""
        try:
            decisions = load_decisions(path)
            self.apply_changes(checked(self.scan, decisions))
        except RemedyError as exc:
            self.push_screen(ErrorDialog(f"Cannot load {path}", str(exc)))
            return
        self.notify(f"loaded {plural(len(decisions.decisions), 'decision')} from {Path(path).resolve()}", timeout=6)

    # ---- while working ---------------------------------------------------------
    def autosave(self) -> None:
        try:
            autosave.save(self.db_url, self.expected, self.scan.fingerprint,
                          tuple(self.session.decisions.values()))
        except OSError as exc:
            self.notify(f"could not keep the decisions: {exc}", severity="warning", timeout=6)

    def mark_decisions_saved(self) -> None:
        """An export wrote them: quitting now need not ask."""
        self._saved_decisions_key = self._decisions_key()

    def _decisions_key(self) -> str:
        return dump_decisions(Decisions(self.scan.fingerprint, tuple(self.session.decisions.values())))

    # ---- quitting --------------------------------------------------------------
    async def action_quit(self) -> None:
        """Quitting with decisions that no export holds asks first, and offers to save them."""
        if not self.sessions or not self.session.decisions or self._saved_decisions_key == self._decisions_key():
            self.exit(0)
            return
        target = Path(QUIT_SAVE_PATH).resolve()
        text = (f"You have made {plural(len(self.session.decisions), 'decision')} that no export holds. They are kept for "
                f"this database and offered when you open it again.\nSave them to {target} as well?")
        self.push_screen(ChoiceDialog("Quit remedy?", text, (("save", "Save and quit"), ("quit", "Quit"),
                                                             ("cancel", "Cancel"))), self._quit_answer)

    def _quit_answer(self, answer: str | None) -> None:
        if answer == "quit":
            self.exit(0)
        elif answer == "save":
            self._save_and_quit(Path(QUIT_SAVE_PATH).resolve())

    def _save_and_quit(self, target: Path) -> None:
        try:
            target.write_text(self._decisions_key(), encoding="utf-8")
        except OSError as exc:
            self.push_screen(ErrorDialog(f"Cannot write {target}", str(exc)))
            return
        self.exit(0, message=f"remedy: decisions saved to {target}")
