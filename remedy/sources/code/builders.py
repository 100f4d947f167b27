"""Query builders read as the SQL they build: Go ``squirrel`` chains.

``sq.Select("id", "name").From("users").Where(sq.Eq{"status": s}).OrderBy("id")`` becomes
``SELECT id, name FROM users WHERE status = ? ORDER BY id``; ``Insert(t).Columns(...).Values(...)``,
``Update(t).Set(col, v)`` and ``Delete(t)`` likewise. A chain is a ``Value`` of kind ``"sq"`` until
``ToSql()`` (or a ``Query``/``Exec`` on it) turns it into SQL text. Conditional ``Where``s give
variants like any other fragment.
"""
from __future__ import annotations

from remedy.sources.code import texts
from remedy.sources.code.texts import Text, Value

PACKAGES = ("sq", "squirrel")
STARTS = {"Select": "SELECT ", "Insert": "INSERT INTO ", "Update": "UPDATE ", "Delete": "DELETE FROM ",
          "Replace": "REPLACE INTO "}
CLAUSES = {"From": (4, " FROM "), "Join": (5, " JOIN "), "LeftJoin": (5, " LEFT JOIN "),
           "RightJoin": (5, " RIGHT JOIN "), "InnerJoin": (5, " JOIN "), "CrossJoin": (5, " CROSS JOIN "),
           "GroupBy": (7, " GROUP BY "), "Having": (8, " HAVING "), "OrderBy": (9, " ORDER BY "),
           "Suffix": (12, " ")}
SEGMENT = "\x1e"  # each clause is kept as SEGMENT + two-digit rank + text, put in SQL order by finish()
PASSTHROUGH = {"PlaceholderFormat", "RunWith", "Prefix", "Options", "Distinct"}
EXECUTE = {"Query", "QueryRow", "Exec", "QueryContext", "QueryRowContext", "ExecContext", "Scan"}
OPERATORS = {"Eq": "=", "NotEq": "<>", "Lt": "<", "Gt": ">", "LtOrEq": "<=", "GtOrEq": ">=", "Like": "LIKE",
             "NotLike": "NOT LIKE", "ILike": "ILIKE", "NotILike": "NOT ILIKE"}
START = Value("sq", (Text("", 0),))


def starts_chain(operand_text: bytes, name: str) -> bool:
    return operand_text in (b"sq", b"squirrel") and name in STARTS or operand_text.endswith(b"StatementBuilder")


def step(receiver: Value | None, name: str, args: list[Value]) -> Value | None:
    """The chain after one more call (None: not a squirrel call)."""
    if name in STARTS:
        return _start(name, args)
    if receiver is None or receiver.kind != "sq":
        return None
    if name in PASSTHROUGH:
        return receiver
    if name in CLAUSES and args:
        rank, keyword = CLAUSES[name]
        return _append(receiver, rank, text(keyword), _joined(args))
    if name == "Columns":
        return _append(receiver, 1, text(" ("), _joined(args), text(")"))
    if name == "Values":
        return _append(receiver, 2, text(" VALUES (" + ", ".join("?" * len(args)) + ")"))
    if name == "Where" and args:
        return _clause(receiver, 6, " WHERE ", " AND ", args[0])
    if name == "Set" and args:
        return _clause(receiver, 3, " SET ", ", ", texts.concat(args[0], text(" = ?")))
    if name in ("Limit", "Offset"):
        return _append(receiver, 10 if name == "Limit" else 11, text(f" {name.upper()} 0"))
    return receiver


def finish(receiver: Value) -> Value:
    """``ToSql()``: the SQL the chain builds, its clauses in SQL order whatever order they were called in."""
    return Value("str", tuple(Text(_ordered(t.text), t.line, t.literal, t.src) for t in receiver.alts), receiver.truncated)


def _ordered(chain: str) -> str:
    head, *segments = chain.split(SEGMENT)
    return head + "".join(s[2:] for s in sorted(segments, key=lambda s: s[:2]))


def text(s: str) -> Value:
    return Value("str", (Text(s, 0),))


def condition(kind: str, pairs: list[tuple[Value, Value]]) -> Value:
    """``sq.Eq{"a": x, "b": y}`` -> ``a = ? AND b = ?``."""
    operator = OPERATORS.get(kind, "=")
    parts = []
    for i, (key, _) in enumerate(pairs):
        parts += ([text(" AND ")] if i else []) + [key, text(f" {operator} ?")]
    return texts.concat(*parts) if parts else text("TRUE")


def _start(name: str, args: list[Value]) -> Value:
    first = text(STARTS[name])
    return Value("sq", texts.concat(first, _joined(args)).alts if args else first.alts)


def _joined(args: list[Value]) -> Value:
    items = [a if a.kind == "list" else texts.as_list([a]) for a in args]
    whole = items[0]
    for more in items[1:]:
        whole = texts.extend(whole, more)
    return texts.join(whole, text(", "))


def _append(receiver: Value, rank: int, *parts: Value) -> Value:
    built = texts.concat(Value("str", receiver.alts), text(f"{SEGMENT}{rank:02d}"), *parts)
    return Value("sq", built.alts, built.truncated or receiver.truncated)


def _clause(receiver: Value, rank: int, first: str, more: str, value: Value) -> Value:
    """A WHERE (or SET) the first time, AND (or a comma) after: decided per variant."""
    alts = []
    for alt in receiver.alts:
        glue = more if f"{SEGMENT}{rank:02d}" in alt.text else first
        alts.extend(_append(Value("sq", (alt,)), rank, text(glue), value).alts)
    return Value("sq", tuple(dict.fromkeys(alts))[:texts.MAX_VARIANTS], receiver.truncated)
