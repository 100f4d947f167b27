"""Plain-language text for the detail pane and the guide: what a choice does, why one is recommended."""
from __future__ import annotations

from remedy.findings import Finding

ACTION_LABELS = {
    "rename": "rename",
    "add": "add",
    "add_copy": "add + copy",
    "create": "create",
    "alter": "alter",
    "drop": "drop",
    "skip": "skip",
}

ACTION_KEYS = {"rename": "r", "add": "a", "add_copy": "p", "create": "c", "alter": "t", "drop": "x", "skip": "s"}


def choice_effect(finding: Finding, action: str, from_column: str | None = None) -> str:
    """One sentence: what this choice would do to the database."""
    where = finding.target
    effects = {
        "rename": f"renames {finding.table}.{from_column} to {finding.column}; the rows keep their values",
        "add": f"adds {where} as a new, empty column; any data in an old column stays where it is",
        "add_copy": f"adds {where} and copies the values of {finding.table}.{from_column} into it; "
                    f"the old column stays",
        "create": f"creates {_object_word(finding)} {where}",
        "alter": (f"renames it to {(finding.expected or {}).get('name')}; what it does stays as it is"
                  if finding.kind == "name_mismatch" else f"changes {where} to match what the code expects")
                 + (" (the values are cast; rows that do not cast make the dry run fail)"
                    if finding.kind == "type_mismatch" else ""),
        "drop": _DROPS.get(finding.kind, "drops {where} and the data in it (destructive)").format(where=where),
        "skip": "leaves the database as it is; the finding stays open",
    }
    return effects.get(action, action)


_DROPS = {"extra_extension": "drops extension {where} and what it provides (PostgreSQL refuses while something "
                              "uses it)"}


def _object_word(finding: Finding) -> str:
    return finding.kind.removeprefix("missing_").replace("_", " ")


def recommendation(finding: Finding, decision) -> str:
    """Why the recommended (default) choice is the one to take, or why a person must choose."""
    if decision is None:
        best = finding.rename_candidates[0] if finding.rename_candidates else None
        if best is None:
            return "no default: choose what fits"
        return (f"choose: {best.column} looks like the old name (score {best.score:.2f}: "
                f"{', '.join(best.reasons) or 'similar'}). Rename keeps its rows; add starts empty.")
    reasons = {
        "create": "nothing exists yet, so creating it loses nothing",
        "add": "no existing column looks like its old name, so adding it loses nothing",
        "alter": "the code reads and writes the expected type; altering makes the two agree",
        "skip": "the application does not use it; extras are never dropped without your say-so",
        "rename": "the old column holds the data the code is looking for",
    }
    if finding.kind == "name_mismatch" and decision.action == "alter":
        return "renaming changes nothing it does; a migration that names it finds it"
    return reasons.get(decision.action, "")


def why_it_breaks(finding: Finding) -> str:
    if finding.impact:
        return finding.impact
    texts = {
        "missing_table": "queries naming this table fail with 'relation does not exist'",
        "missing_column": "queries naming this column fail with 'column does not exist'",
        "type_mismatch": "values the code writes may not fit, and comparisons may fail or be slow",
        "nullability_mismatch": "inserts that leave it out fail, or NULLs reach code that does not expect them",
        "default_mismatch": "inserts that leave it out get a different value than the code expects",
        "extra_table": "nothing breaks: the application does not use it",
        "extra_column": "nothing breaks unless it is NOT NULL without a default",
        "missing_index": "queries that rely on it scan the whole table",
        "extra_extension": "nothing breaks: what it provides (functions, types, operator classes) may be in use, "
                           "and the finding says by what",
        "name_mismatch": "it works as expected, but a migration that names it (DROP CONSTRAINT, ALTER INDEX) fails "
                         "with 'does not exist'",
    }
    return texts.get(finding.kind, "the database does not guarantee what the code relies on")


def plural(count: int, noun: str) -> str:
    """'1 finding', '2 findings'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
