"""The database's verdicts applied to the code expectations.

Evidence gets the verdict of its statement ("confirmed by the database: …", "static only (…)",
"prepared fine by the database") or of a direct probe ("… (asked directly)"). A static
expectation that every statement using it prepared fine with, or that a probe found, is
contradicted and dropped: remedy never reports drift the database disproves.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping

from remedy.model import Evidence, Schema, Table
from remedy.sources.code.values import CodeExpectations, Statement, Verdict



def apply_verdicts(code: CodeExpectations, verdicts: Mapping[Statement, Verdict],
                   live: Schema | None = None, probes: Mapping[tuple, Verdict] | None = None) -> CodeExpectations:
    """Evidence annotated with the database's verdict; expectations the database disproved dropped.

    ``probes`` are direct answers per (schema, table, column) from ``probe_columns``.
    """
    if not verdicts:
        return code
    tables, contradicted = {}, []
    index = _index(code.statements)
    proof = _Proof(index, verdicts, probes or {}, live)
    for key, table in code.schema.tables.items():
        kept = _table(table, proof, contradicted)
        if kept is not None:
            tables[key] = kept
    places = {(s.file, s.line): verdicts[s] for s in code.statements if s in verdicts}
    unresolved = tuple(replace(u, evidence=_with_verdict(u.evidence, places)) for u in code.unresolved)
    return replace(code, schema=replace(code.schema, tables=tables), unresolved=unresolved,
                   verdicts=dict(verdicts), contradicted=tuple(contradicted))


def _index(statements) -> dict[tuple, list[Statement]]:
    """Statements by the (schema, table) and (schema, table, column) they reference."""
    index: dict[tuple, list[Statement]] = {}
    for stmt in statements:
        for key in (*stmt.tables, *stmt.columns):
            index.setdefault(key, []).append(stmt)
    return index


@dataclass(frozen=True)
class _Proof:
    index: Mapping[tuple, list[Statement]]
    verdicts: Mapping[Statement, Verdict]
    probes: Mapping[tuple, Verdict]
    live: Schema | None


def _table(table: Table, proof: _Proof, contradicted: list) -> Table | None:
    users = proof.index.get((table.schema, table.name), [])
    table_probe = proof.probes.get((table.schema, table.name, ""))
    disproved = (users and _disproved(users, proof.verdicts)) or (table_probe and table_probe.status == "prepared")
    if disproved and _absent(proof.live, table.schema, table.name):
        contradicted.append((table.schema, table.name, ""))
        return None
    columns = []
    for col in table.columns:
        key = (table.schema, table.name, col.name)
        col_users = proof.index.get(key, [])
        probe = proof.probes.get(key)
        disproved = (col_users and _disproved(col_users, proof.verdicts)) or (probe and probe.status == "prepared")
        if disproved and _absent(proof.live, *key):
            contradicted.append(key)
            continue
        evidence = _annotate(col.evidence, col_users, proof.verdicts, col.name, "column")
        if probe is not None and probe.status == "undefined_column":
            evidence = tuple(_probed(ev, probe) for ev in evidence)
        columns.append(replace(col, evidence=evidence))
    evidence = _annotate(table.evidence, users, proof.verdicts, table.name, "table")
    if table_probe is not None and table_probe.status == "undefined_table":
        evidence = tuple(_probed(ev, table_probe) for ev in evidence)
    return replace(table, columns=tuple(columns), evidence=evidence)


def _probed(ev: Evidence, probe: Verdict) -> Evidence:
    """Evidence the statement could not confirm, confirmed by asking for the column directly."""
    if ev.verdict.startswith("confirmed"):
        return ev
    return replace(ev, verdict=f"{probe.text} (asked directly)")


def _disproved(users: list[Statement], verdicts) -> bool:
    return all(verdicts.get(s, Verdict("not_checked")).status == "prepared" for s in users)


def _absent(live: Schema | None, schema: str, table: str, column: str | None = None) -> bool:
    if live is None:
        return True
    found = live.table(schema, table)
    if column is None:
        return found is None
    return found is None or found.column(column, live.name_key) is None


def _annotate(evidence: tuple[Evidence, ...], users: list[Statement], verdicts, name: str,
              kind: str) -> tuple[Evidence, ...]:
    by_place: dict[tuple[str, int], Verdict] = {}
    for stmt in users:  # several variants at one place: the one that speaks of this name wins
        verdict = verdicts.get(stmt)
        places = [(stmt.file, stmt.line)] + [(f, line) for word, f, line, _ in stmt.origins if word == name.lower()]
        for place in places:  # where the SQL is sent, and where another file spells the name
            held = by_place.get(place)
            if verdict is not None and (held is None or _weight(verdict, name, kind) > _weight(held, name, kind)):
                by_place[place] = verdict
    out = []
    for ev in evidence:
        verdict = by_place.get((ev.file, ev.line))
        out.append(replace(ev, verdict=_text(verdict, name, kind)) if verdict else ev)
    return tuple(out)


def _weight(verdict: Verdict, name: str, kind: str) -> int:
    """Confirmed for this very name > stopped at something else > prepared fine."""
    if verdict.status in ("undefined_column", "undefined_table"):
        return 3 if verdict.name == name and (verdict.status == "undefined_column") == (kind == "column") else 2
    return 1 if verdict.status == "prepared" else 2


def _text(verdict: Verdict, name: str, kind: str) -> str:
    if verdict.status in ("undefined_column", "undefined_table"):
        mine = verdict.name == name and (verdict.status == "undefined_column") == (kind == "column")
        if not mine:
            return f"static only (the database stopped first at: {verdict.sqlstate} {verdict.message})"
    return verdict.text


def _with_verdict(ev: Evidence, places: dict) -> Evidence:
    verdict = places.get((ev.file, ev.line))
    return replace(ev, verdict=verdict.text) if verdict else ev

