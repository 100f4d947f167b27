"""Rename candidates: pair each missing column with the table's extra live columns.

Scores add up reasons: the catalog's rename hint, type compatibility,
nullability/default similarity, name similarity, ordinal position. Each extra
column is offered to the one missing column it fits best, so one old column is
never proposed as the old name of two new ones.
"""
from __future__ import annotations

from dataclasses import replace
from difflib import SequenceMatcher
from typing import Mapping

from remedy.diff.detached import expected_partition
from remedy.findings import Finding, RenameCandidate
from remedy.model import Column, Schema
from remedy.normalize import types_equivalent

MIN_SCORE = 0.3


def attach_rename_candidates(findings: list[Finding], expected: Schema, live: Schema,
                             hints: Mapping[str, Mapping[str, str]]) -> list[Finding]:
    """Return findings with ``rename_candidates`` set on missing_column findings."""
    by_table: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        if f.kind == "missing_column":
            by_table.setdefault((f.schema, f.table), []).append(f)
    chosen: dict[str, tuple[RenameCandidate, ...]] = {}
    for (schema, table), group in by_table.items():
        chosen.update(_table_candidates(group, expected, live, schema, table, hints.get(table, {})))
    old_names = {(f.schema, f.table, c.column): f.column for f in findings if f.id in chosen
                 for c in chosen[f.id][:1]}
    out = []
    for f in findings:
        if f.id in chosen:
            f = replace(f, rename_candidates=chosen[f.id], message=_message(f, chosen[f.id]))
        elif f.kind == "extra_column" and (f.schema, f.table, f.column) in old_names:
            new = old_names[(f.schema, f.table, f.column)]
            f = replace(f, message=f"{f.table}.{f.column} is not expected; it looks like the old name of {new}"
                        + ("; NOT NULL without a default, inserts that omit it fail" if f.severity == "critical"
                           else ""))
        out.append(f)
    return out


def _table_candidates(group, expected: Schema, live: Schema, schema: str, table: str, hints) -> dict:
    missing = [f for f in group if f.kind == "missing_column"]
    live_table = live.table(schema, table)
    exp_table = _expected_table(expected, schema, table)
    if not missing or live_table is None or exp_table is None:
        return {}
    # Live columns the expected table does not declare (code expectations list no extras, so look directly).
    spare = [c for c in live_table.columns if exp_table.column(c.name, live.name_key) is None]
    scored = []
    for m in missing:
        want = exp_table.column(m.column, expected.name_key)
        for have in spare:
            cand = score(want, have, hints.get(m.column), expected.dialect, live.dialect)
            if cand is not None:
                scored.append((cand.score, m.id, cand))
    return _assign(scored)


def _expected_table(expected: Schema, schema: str, table: str):
    """The expected table of a live one: in the same schema, else (MariaDB's unqualified catalog against
    a database of another name) the one table of that name; a detached partition's, the table it is."""
    found = expected.table(schema, table)
    if found is not None:
        return found
    key = expected.name_key
    named = [t for (_, name), t in expected.tables.items() if key(name) == key(table)]
    return named[0] if len(named) == 1 else expected_partition(expected, schema, table)


def _assign(scored: list) -> dict:
    """Each extra column goes to the missing column it scores highest with."""
    best_for_extra: dict[str, tuple[float, str]] = {}
    for value, fid, cand in scored:
        if cand.column not in best_for_extra or value > best_for_extra[cand.column][0]:
            best_for_extra[cand.column] = (value, fid)
    out: dict[str, list[RenameCandidate]] = {}
    for value, fid, cand in sorted(scored, key=lambda s: -s[0]):
        if best_for_extra[cand.column][1] == fid:
            out.setdefault(fid, []).append(cand)
    return {fid: tuple(cands) for fid, cands in out.items()}


def score(want: Column | None, have: Column | None, hint: str | None, exp_dialect: str,
          live_dialect: str) -> RenameCandidate | None:
    if want is None or have is None:
        return None
    reasons, total = [], 0.0
    hinted = hint is not None and hint.lower() == have.name.lower()
    if hinted:
        total += 0.45
        reasons.append("catalog rename hint")
    same_type = not want.type or types_equivalent(want.type, have.type, exp_dialect, live_dialect)
    if same_type:
        total += 0.2
        reasons.append("same type" if want.type else "type unknown")
    elif _castable(want.type, have.type):
        total += 0.08
        reasons.append(f"type {have.type} castable to {want.type}")
    similarity = name_similarity(want.name, have.name)
    total += 0.25 * similarity
    if similarity >= 0.3:
        reasons.append(f"similar name ({similarity:.2f})")
    if want.nullable == have.nullable or not want.type:  # code expectations: nullability unknown
        total += 0.05
        reasons.append("same nullability")
    if (want.default or None) == (have.default or None):
        total += 0.03
    if want.ordinal and have.ordinal and abs(want.ordinal - have.ordinal) <= 1:
        total += 0.02
        reasons.append("same position")
    if not hinted and (not same_type or similarity < 0.3) or total < MIN_SCORE:
        return None
    return RenameCandidate(have.name, round(min(total, 1.0), 2), tuple(reasons))


_FILLER = frozenset({"", "id", "at", "on", "is", "by", "of", "to"})  # suffixes that say nothing alone


def name_similarity(a: str, b: str) -> float:
    """0..1 from shared name parts, containment, or near-identical spelling (job_payload ~ payload).

    Loose character overlap alone (business_status ~ next_execution_at) counts for nothing: a rename
    proposed on it would move one column's data into another's name.
    """
    a, b = a.lower(), b.lower()
    ta, tb = set(a.split("_")) - _FILLER, set(b.split("_")) - _FILLER
    tokens = len(ta & tb) / max(len(ta | tb), 1)
    contained = 0.8 if (a in b or b in a) else 0.0
    ratio = SequenceMatcher(None, a, b).ratio()
    spelled = ratio * 0.8 if ratio >= 0.75 else 0.0  # typos and plurals: user_name ~ username
    return max(tokens, contained, spelled)


def _castable(want: str, have: str) -> bool:
    text = {"text", "varchar", "char"}
    base = lambda t: t.split("(")[0]
    return base(want) in text or base(have) in text or {base(want), base(have)} <= {"integer", "bigint", "smallint",
                                                                                    "numeric", "real"}


def _message(f: Finding, cands: tuple[RenameCandidate, ...]) -> str:
    if not cands:
        return f.message
    return f"{f.table}.{f.column} is expected but missing; {cands[0].column} looks like its old name"
