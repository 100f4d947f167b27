"""What to do about each finding: the decisions file of the contract, defaults, and the stale check.

A decision names a finding by its stable id and an action. ``resolve`` turns a
scan plus an optional decisions file into one decision per finding, or stops
with the findings nobody decided (exit 2).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from remedy.decided_types import still_untyped, untyped_columns
from remedy.errors import RemedyError, StaleDecisions, UndecidedFindings
from remedy.findings import Finding, ScanResult

ACTIONS = ("rename", "add", "add_copy", "alter", "create", "drop", "skip")

_CREATE_KINDS = ("missing_schema", "missing_table", "missing_enum", "missing_primary_key", "missing_foreign_key", "missing_unique",
                 "missing_index", "missing_check", "missing_enum_value", "missing_extension", "missing_exclusion")
_ALTER_KINDS = ("type_mismatch", "nullability_mismatch", "default_mismatch", "constraint_mismatch", "index_mismatch",
                "name_mismatch",
                "column_kind_mismatch", "column_visibility_mismatch", "table_option_mismatch",
                "table_flag_mismatch")
_EXTRA_KINDS = ("extra_schema", "extra_table", "extra_column", "extra_primary_key", "extra_unique", "extra_foreign_key", "extra_check",
                "extra_exclusion", "extra_index", "extra_enum",
                "extra_extension")


@dataclass(frozen=True)
class Decision:
    finding: str
    action: str
    from_column: str | None = None  # rename / add_copy: the live column the data comes from
    value: str | None = None  # backfill value (NOT NULL) or cast expression (type change, add_copy)

    def __post_init__(self):
        if self.action not in ACTIONS:
            raise RemedyError(f"unknown action {self.action!r} for {self.finding}", f"use one of {', '.join(ACTIONS)}")
        if self.action in ("rename", "add_copy") and not self.from_column:
            raise RemedyError(f"decision {self.action} for {self.finding} needs from = \"<old column>\"")


@dataclass(frozen=True)
class Decisions:
    fingerprint: str
    decisions: tuple[Decision, ...] = field(default=())

    def by_finding(self) -> dict[str, Decision]:
        return {d.finding: d for d in self.decisions}


def applicable_actions(finding: Finding) -> tuple[str, ...]:
    """The actions that make sense for a finding, the default first where there is one."""
    if finding.kind == "missing_column":
        if finding.rename_candidates:
            return ("rename", "add_copy", "add", "skip")
        return ("add", "skip")
    if finding.kind in _CREATE_KINDS:
        return ("create", "skip")
    if finding.kind in _ALTER_KINDS:
        return ("alter", "skip")
    if finding.kind in _EXTRA_KINDS:
        return ("skip", "drop")
    return _object_actions(finding.kind)


def _object_actions(kind: str) -> tuple[str, ...]:
    """Views, functions, triggers, policies... (remedy.diff.objects): create, alter or drop."""
    if kind.startswith("missing_"):
        return ("create", "skip")
    if kind.endswith("_mismatch"):
        return ("alter", "skip")
    if kind.startswith("extra_"):
        return ("skip", "drop")
    return ("skip",)


def default_decision(finding: Finding, renames: str | None) -> Decision | None:
    """The decision taken when the file says nothing; None when a person must choose."""
    if finding.kind == "missing_column" and finding.rename_candidates:
        if renames == "accept":
            return Decision(finding.id, "rename", from_column=finding.rename_candidates[0].column)
        if renames == "reject":
            return Decision(finding.id, "add")
        return None
    if untyped_columns(finding):
        return None  # only the code names it and nothing says its type: the operator gives it
    return Decision(finding.id, applicable_actions(finding)[0])


def resolve(scan: ScanResult, decisions: Decisions | None, renames: str | None,
            allow_destructive: bool) -> dict[str, Decision]:
    """One decision per finding id; raises on stale files, unknown ids and undecided findings."""
    explicit = checked(scan, decisions) if decisions else {}
    known = {f.id: f for f in scan.findings}
    chosen = {fid: explicit.get(fid) or default_decision(f, renames) for fid, f in known.items()}
    _refuse_untyped(known, chosen, scan.live.dialect)
    undecided = [fid for fid, d in chosen.items() if d is None]
    if undecided:
        raise UndecidedFindings(
            f"{len(undecided)} finding(s) need a decision: {', '.join(sorted(undecided))}",
            "pass --renames accept|reject or --decisions FILE")
    _refuse_conflicts(known, chosen)
    if allow_destructive:
        chosen = {fid: _destructive(known[fid], d, fid in explicit) for fid, d in chosen.items()}
    return _spare_renamed(known, chosen)


def _refuse_untyped(known: dict[str, Finding], chosen: dict[str, Decision | None], dialect: str) -> None:
    """Exit 2 naming every column that would be created without a type (a bad type is exit 2 too)."""
    missing = [name for fid, f in known.items() if untyped_columns(f)
               and (chosen[fid] is None or chosen[fid].action != "skip")
               for name in still_untyped(f, chosen[fid].value if chosen[fid] else None, dialect)]
    if missing:
        raise UndecidedFindings(f"{len(missing)} column(s) have no known type: {', '.join(missing)}",
                                "give each a type with a decision value (value = \"timestamptz\") or --decisions")


# --- coherence: a rename or add+copy consumes its source column -----------------------------------

@dataclass(frozen=True)
class Conflict:
    """Two decisions that cannot both be carried out: ``first`` takes ``column``, ``second`` also wants it."""
    first: str
    second: str
    column: str

    def sentence(self) -> str:
        return f"{self.first} and {self.second} conflict: both use column {self.column}"


def _source(finding: Finding, decision: Decision | None) -> tuple | None:
    if decision is None or decision.action not in ("rename", "add_copy"):
        return None
    return (finding.schema, finding.table, decision.from_column)


def consumers(known: dict[str, Finding], chosen: dict[str, Decision | None]) -> dict[tuple, list[str]]:
    """(schema, table, column) -> the findings whose rename / add+copy takes that live column."""
    out: dict[tuple, list[str]] = {}
    for fid, finding in known.items():
        source = _source(finding, chosen.get(fid))
        if source is not None:
            out.setdefault(source, []).append(fid)
    return out


def consumed_by(finding: Finding, known: dict[str, Finding], chosen: dict[str, Decision | None]) -> str | None:
    """For an extra column that a rename or add+copy takes: that finding's id."""
    if finding.kind != "extra_column":
        return None
    users = consumers(known, chosen).get((finding.schema, finding.table, finding.column))
    return users[0] if users else None


def conflicts(known: dict[str, Finding], chosen: dict[str, Decision | None]) -> list[Conflict]:
    """Two findings taking one column, or a drop of a column that a rename or add+copy takes."""
    found: list[Conflict] = []
    for (_, table, column), users in consumers(known, chosen).items():
        found += [Conflict(users[0], other, f"{table}.{column}") for other in users[1:]]
    for fid, finding in known.items():
        user = consumed_by(finding, known, chosen)
        decision = chosen.get(fid)
        if user and decision is not None and decision.action == "drop":
            found.append(Conflict(user, fid, f"{finding.table}.{finding.column}"))
    return found


def _refuse_conflicts(known: dict[str, Finding], chosen: dict[str, Decision | None]) -> None:
    """Exit 2 naming both decisions (checked before ``--allow-destructive`` implies drops: those yield)."""
    for conflict in conflicts(known, chosen):
        raise RemedyError(conflict.sentence(), "keep one of the two decisions")


def checked(scan: ScanResult, decisions: Decisions) -> dict[str, Decision]:
    """A file's decisions by finding id, once they are known to fit this scan: same schema, known ids, actions that
    apply, and no two of them at odds (raises RemedyError, exit 2, otherwise)."""
    if scan.fingerprint and decisions.fingerprint != scan.fingerprint:
        raise StaleDecisions(
            f"the decisions were made against schema {decisions.fingerprint[:19]}…, the live schema is now "
            f"{scan.fingerprint[:19]}…", "scan again and decide again")
    explicit, known = decisions.by_finding(), {f.id: f for f in scan.findings}
    unknown = sorted(set(explicit) - set(known))
    if unknown:
        raise RemedyError(f"the decisions file names unknown finding(s): {', '.join(unknown)}")
    for decision in explicit.values():
        _check_applicable(known[decision.finding], decision)
    _refuse_conflicts(known, explicit)
    return explicit


def _check_applicable(finding: Finding, decision: Decision) -> None:
    allowed = applicable_actions(finding)
    if decision.action not in allowed:
        raise RemedyError(f"action {decision.action!r} does not apply to {finding.id}",
                          f"use one of {', '.join(allowed)}")


def _destructive(finding: Finding, decision: Decision, explicit: bool) -> Decision:
    if (finding.kind in _EXTRA_KINDS or finding.kind.startswith("extra_")) and not explicit:
        return Decision(finding.id, "drop")
    return decision


def _spare_renamed(known: dict[str, Finding], chosen: dict[str, Decision]) -> dict[str, Decision]:
    """An extra column that a rename consumes is not dropped: the rename moves it."""
    moved = {(f.schema, f.table, chosen[fid].from_column) for fid, f in known.items()
             if chosen[fid].action == "rename"}
    out = dict(chosen)
    for fid, finding in known.items():
        if finding.kind == "extra_column" and (finding.schema, finding.table, finding.column) in moved:
            if chosen[fid].action == "drop":
                out[fid] = Decision(fid, "skip")
    return out


# --- the TOML file -------------------------------------------------------------------------------

def load_decisions(path: str | Path) -> Decisions:
    text = _read_decisions(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RemedyError(f"{path}: not valid TOML: {exc}") from None
    if not isinstance(data.get("fingerprint"), str):
        raise RemedyError(f"{path}: missing fingerprint = \"sha256:…\"")
    raw = data.get("decision", [])
    if not isinstance(raw, list):
        raise RemedyError(f"{path}: decision must be an array of tables ([[decision]])")
    places = _places(text, len(raw))
    decisions = tuple(_decision(path, place, d) for place, d in zip(places, raw))
    _refuse_duplicates(path, places, decisions)
    return Decisions(data["fingerprint"], decisions)


def _read_decisions(path: str | Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RemedyError(f"decisions file not found: {path}") from None
    except IsADirectoryError:
        raise RemedyError(f"{path}: is a directory, expected a decisions file (TOML)") from None
    except UnicodeDecodeError:
        raise RemedyError(f"{path}: not a decisions file (not UTF-8 text)") from None
    except OSError as exc:
        raise RemedyError(f"cannot read {path}: {exc.strerror or type(exc).__name__}") from None


def _places(text: str, count: int) -> list[str]:
    """Where each decision is written: "line N" of its [[decision]] header, else "decision #N"."""
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if _HEADER.match(line)]
    if len(lines) == count:
        return [f"line {n}" for n in lines]
    return [f"decision #{i}" for i in range(1, count + 1)]


_HEADER = re.compile(r"^\s*\[\[\s*decision\s*\]\]")


def _refuse_duplicates(path, places: list[str], decisions: tuple[Decision, ...]) -> None:
    first: dict[str, str] = {}
    for place, decision in zip(places, decisions):
        if decision.finding in first:
            raise RemedyError(f"{path}: {first[decision.finding]} and {place} both decide {decision.finding}",
                              "keep one of them")
        first[decision.finding] = place


def _decision(path, place: str, raw: dict) -> Decision:
    if not isinstance(raw, dict) or not raw.get("finding") or not raw.get("action"):
        raise RemedyError(f"{path}: {place}: a decision needs finding = \"…\" and action = \"…\"")
    unknown = set(raw) - {"finding", "action", "from", "value"}
    if unknown:
        raise RemedyError(f"{path}: {place}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("finding", "action", "from", "value"):
        if key in raw and not isinstance(raw[key], str):
            raise RemedyError(f"{path}: {place}: {key} must be a string in quotes, got {raw[key]!r}"[:200])
    return Decision(raw["finding"], raw["action"], raw.get("from"), raw.get("value"))


def dump_decisions(d: Decisions) -> str:
    lines = [f"fingerprint = {toml_string(d.fingerprint)}"]
    for decision in d.decisions:
        lines += ["", "[[decision]]", f"finding = {toml_string(decision.finding)}",
                  f"action = {toml_string(decision.action)}"]
        if decision.from_column:
            lines.append(f"from = {toml_string(decision.from_column)}")
        if decision.value is not None:
            lines.append(f"value = {toml_string(decision.value)}")
    return "\n".join(lines) + "\n"


def toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'
