"""The terminal report: findings grouped by phase, then by table.

With ``color=True`` (a TTY without NO_COLOR) severities get ANSI colour and icons;
plain text (piped, files) uses bracketed words so it greps well.
"""
from __future__ import annotations

from remedy.findings import Finding, ScanResult
from remedy.render.report.common import (
    by_table, candidates_line, coverage_lines, describe_pair, evidence_refs, no_drift_line, not_compared_text,
    phase_sections,
    spans_schemas, summarize,
)

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
SEVERITY_STYLE = {  # severity -> (ANSI colour, icon)
    "critical": ("\x1b[31m", "✖"),
    "warning": ("\x1b[33m", "▲"),
    "info": ("\x1b[36m", "●"),
}


class _Paint:
    def __init__(self, color: bool):
        self.color = color

    def __call__(self, text: str, *codes: str) -> str:
        return f"{''.join(codes)}{text}{RESET}" if self.color and codes else text

    def severity(self, severity: str) -> str:
        colour, icon = SEVERITY_STYLE.get(severity, ("", "·"))
        if self.color:
            return self(f"{icon} {severity}", colour, BOLD)
        return f"[{severity}]"


def render_text(result: ScanResult, color: bool = False) -> str:
    paint = _Paint(color)
    lines = [_header(result, paint)] + [paint(line, DIM) for line in coverage_lines(result)]
    lines += [paint(f"note: {note}", DIM) for note in result.notes]  # what was read differently, or not at all
    qualify = spans_schemas(result.findings)
    for phase, findings in phase_sections(result):
        lines += ["", paint(f"Phase {phase.id} · {phase.title} ({len(findings)})", BOLD)]
        for table, group in by_table(findings, qualify):
            lines.append(f"  {paint(table, BOLD)}")
            lines += [f"    {paint(f'impact: {note}', DIM)}" for note in dict.fromkeys(f.impact for f in group if f.impact)]
            for finding in group:
                lines += _finding_lines(finding, paint)
    lines += ["", _footer(result, paint)]
    return "\n".join(lines) + "\n"


def _header(result: ScanResult, paint: _Paint) -> str:
    database = result.database_url or getattr(result.live, "source", "") or "database"
    expected = result.expected_source or getattr(result.expected, "source", "") or "expected schema"
    return paint(f"remedy scan: {database} against {expected}", DIM)


def _finding_lines(finding: Finding, paint: _Paint) -> list[str]:
    pad = "      "
    lines = [f"    {paint.severity(finding.severity)} {finding.id}"]
    lines.append(pad + (finding.message or finding.kind.replace("_", " ")))
    expected, actual = describe_pair(finding)
    if finding.kind.endswith("_mismatch"):
        lines.append(pad + f"expected {expected}, actual {actual}")
    elif expected is not None and finding.kind.startswith("missing_") and not expected.startswith("any type"):
        lines.append(pad + f"expected {expected}")
    if finding.rename_candidates:
        lines.append(pad + f"rename candidates: {candidates_line(finding)}")
    if finding.verdict:
        lines.append(pad + paint(f"verdict: {finding.verdict}", DIM))
    return lines + [pad + paint(line, DIM) for line in _evidence_lines(finding)]


def _evidence_lines(finding: Finding) -> list[str]:
    """One line for plain references; one per reference when the database gave verdicts."""
    refs = evidence_refs(finding)
    if not any(e.verdict for e in finding.evidence):
        return [f"evidence: {', '.join(refs)}"] if refs else []
    return [f"evidence: {ref}" + (f" — {e.verdict}" if e.verdict else "") for ref, e in zip(refs, finding.evidence)]


def _footer(result: ScanResult, paint: _Paint) -> str:
    summary = summarize(result)
    if not summary.total:
        return paint(no_drift_line(result), BOLD)
    worst = next((sev for sev, n in summary.by_severity.items() if n), "")
    colour = SEVERITY_STYLE.get(worst, ("",))[0]
    unread = not_compared_text(result)
    return paint(summary.severity_line(), colour, BOLD) + (f"\n{paint(f'not compared: {unread}', DIM)}" if unread else "")
