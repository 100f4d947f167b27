"""Reports over a ScanResult: text, json, markdown and sarif, each a pure function -> str."""
from __future__ import annotations

from remedy.errors import RemedyError
from remedy.findings import ScanResult
from remedy.render.report.json import render_json
from remedy.render.report.markdown import render_markdown
from remedy.render.report.sarif import render_sarif
from remedy.render.report.text import render_text

FORMATS = ("text", "json", "markdown", "sarif")


def render(result: ScanResult, fmt: str = "text", color: bool = False, generated_at: str = "",
           source_flags: str = "") -> str:
    """The report in one of FORMATS; ``color`` affects text only, ``generated_at`` and
    ``source_flags`` (the inputs as command-line flags, for the next steps) markdown only."""
    if fmt == "text":
        return render_text(result, color=color)
    if fmt == "json":
        return render_json(result)
    if fmt == "markdown":
        return render_markdown(result, generated_at=generated_at, source_flags=source_flags)
    if fmt == "sarif":
        return render_sarif(result)
    raise RemedyError(f"unknown report format {fmt!r}", f"use one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "render", "render_json", "render_markdown", "render_sarif", "render_text"]
