"""The core never imports Textual: the CLI and CI can run it headless."""
import subprocess
import sys

CORE = ["remedy.scan", "remedy.diff", "remedy.sources", "remedy.sources.catalog", "remedy.renames",
        "remedy.triage", "remedy.findings", "remedy.model", "remedy.cli"]


def test_core_modules_do_not_import_textual():
    code = (f"import importlib, sys\nfor m in {CORE!r}: importlib.import_module(m)\n"
            "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
