"""``scan --format json``: the contract's shape (CONTRACT.md) plus fingerprint and counts."""
from __future__ import annotations

import json

from remedy.findings import ScanResult
from remedy.render.report.common import ordered, summarize, tool_version


def report_dict(result: ScanResult) -> dict:
    summary = summarize(result)
    live = result.live
    return {
        "database": {
            "url": result.database_url,
            "dialect": getattr(live, "dialect", ""),
            "server_version": getattr(live, "server_version", ""),
        },
        "expected": result.expected_source or getattr(result.expected, "source", ""),
        "fingerprint": result.fingerprint,
        "summary": {
            "total": summary.total,
            "by_phase": summary.by_phase,
            "by_severity": summary.by_severity,
            "by_kind": summary.by_kind,
        },
        "phases": [{**p.to_json(), "count": summary.by_phase.get(str(p.id), 0)} for p in result.phases],
        "findings": [f.to_json() for f in ordered(result.findings)],
        "not_compared": [p.to_json() for p in result.not_compared],
        "notes": list(result.notes),
        "tool": {"name": "remedy", "version": tool_version()},
        **({"code_coverage": result.code_coverage.to_json()} if result.code_coverage is not None else {}),
    }


def render_json(result: ScanResult) -> str:
    return json.dumps(report_dict(result), indent=2, ensure_ascii=False) + "\n"
