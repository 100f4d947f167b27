"""The corpus format: a shape of real code that sends SQL, with what remedy must read from it.

Each ``Case`` is one shape with ``{t}``, ``{a}``, ``{b}`` standing for a table and two columns; it is
read once per naming in ``NAMINGS``, so each shape is checked with three sets of names (a name that
leaks from one place to another shows). ``want`` is every variant of every SQL site (whitespace
folded); ``status`` the coverage of the snippet's sites; a case with ``want=()`` and ``unread`` is
one remedy must refuse to guess about.
"""
from __future__ import annotations

from dataclasses import dataclass

NAMINGS = (("invoice", "number", "due_at"), ("users", "email", "created_at"), ("orders", "total", "status"))


@dataclass(frozen=True)
class Case:
    name: str
    source: str
    want: tuple[str, ...]
    status: tuple[str, ...] = ()  # the sites' coverage statuses, in file order ("" = not checked)
    unread: int = 0

    def named(self, t: str, a: str, b: str) -> "Case":
        fill = lambda s: s.replace("{t}", t).replace("{a}", a).replace("{b}", b)  # noqa: E731
        return Case(self.name, fill(self.source), tuple(fill(w) for w in self.want), self.status, self.unread)


def expand(cases: list[Case]) -> list[tuple[str, Case]]:
    return [(f"{case.name}[{t}]", case.named(t, a, b)) for case in cases for t, a, b in NAMINGS]
