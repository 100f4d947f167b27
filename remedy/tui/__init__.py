"""The Textual app: triage, decide, preview, verify, export, execute.

``remedy.tui.app.run_app`` is the entry point; nothing outside ``remedy/tui`` and
``remedy/cli/tui.py`` imports Textual.
"""
