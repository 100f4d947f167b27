"""Values through a function: what each string and string list can hold where SQL is sent.

``Flow`` walks one file's syntax tree (tree-sitter), function by function, keeping for every
local variable the bounded set of values it can hold (``texts.Value``): literals, constants of the
file, ``+`` and ``+=``, appends, joins, ``Sprintf`` / ``%`` / ``.format`` / f-strings / template
literals, string builders, and helpers of the same file called with known arguments. Branches
give each side's values, a loop its body run zero times or once. Where a value leaves the
function (an argument of a call, a return, a field) and looks like SQL, it is a *site*: keyed by
the line of its first literal character, with every variant it can take. A database call whose
SQL argument cannot be known (a parameter, a map lookup, a field) is an *unread* site with the
reason. Nothing here raises on odd input: what it cannot follow becomes a hole with a reason.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from remedy.sources.code import chains, texts
from remedy.sources.code.languages import LANGUAGE_RULES, Rules
from remedy.sources.code.texts import HOLE, Text, Value

MAX_DEPTH = 2  # helper calls followed inside helper calls
MAX_STEPS = 200_000  # expression evaluations per file, then the rest is not followed
_SQL_START = re.compile(r"(?i)(select|insert|update|delete|with|merge)\b")
SQL_WORD = re.compile(rb"\b(?:select|insert|update|delete|merge|with|replace)\b")  # over the lowered source


@dataclass
class Site:
    """One place SQL leaves the code: its variants, whether built, the holes' reasons."""

    line: int
    variants: dict = field(default_factory=dict)  # Text -> None (ordered set)
    built: bool = False
    truncated: bool = False


@dataclass
class Result:
    sites: dict[int, Site]
    unread: list[tuple[int, str, str]]  # (line, reason, function whose parameter it is or "")
    holes: dict[int, str]  # hole number -> why it is unknown
    callees: set[str]  # functions called with SQL as an argument (wrappers that run it)
    syntax_error: int = 0
    models: list = field(default_factory=list)  # (line, struct): a gorm chain's table from a model struct
    needed: tuple = ()  # names whose value the SQL needed and this file does not define (``link``)


class Stop(Exception):
    """The step budget is spent: stop following values in this file."""


class Flow:
    def __init__(self, source: bytes, root, language: str, linker=None, path: str = "", origin: str = ""):
        self.src = source
        self.root = root
        self.rules: Rules = LANGUAGE_RULES[language]
        self.lang = language
        self.holes: dict[int, str] = {}
        self.sites: dict[int, Site] = {}
        self.unread: list[tuple[int, str, str]] = []
        self.callees: set[str] = set()
        self.functions: dict[str, object] = {}
        self.queue: list[tuple[object, dict]] = []
        self.globals: dict[str, Value] = {}
        self.recording = True
        self.depth = 0
        self.steps = 0
        self.params: set[str] = set()
        self.function_name = ""
        self.returns: list[Value] | None = None
        self.builders = self.rules.builders(source)  # query builders this file imports (knex, gorm)
        self.handles = self.rules.handles(source, self.builders)  # what a builder's instance is called here
        self.marks = [m.start() for m in SQL_WORD.finditer(source.lower())] + self.rules.sink_marks(source, self.handles)
        self.marks.sort()
        self.models: list[tuple[int, str]] = []
        self.path = path  # this file (where the linker looks for its package and imports)
        self.linker = linker  # helpers and constants of other files (``link.Linker``), None: this file only
        self.origin = origin  # this file as evidence shows it, when its values are followed from another file
        self.wanted: dict[int, tuple[str, ...]] = {}  # hole number -> the names it stands for
        self.sent: set[int] = set()  # holes in the SQL of database calls that could not be read

    def uses(self, builder: str) -> bool:
        return builder in self.builders

    # ------------------------------------------------------------------ driving

    def run(self) -> Result:
        try:
            self.module(self.root)
            for node, env in self.queue:
                if self._relevant(node):
                    self.function(node, dict(env))
            self.fallback()
        except (Stop, RecursionError):
            pass
        return Result(self.sites, self.unread, self.holes, self.callees, models=sorted(set(self.models)),
                      needed=self._needed())

    def _needed(self) -> tuple:
        """The names behind the holes of the SQL sites and unread calls (another file may define them)."""
        if not self.wanted:
            return ()
        numbers = set(self.sent)
        for site in self.sites.values():
            for alt in site.variants:
                numbers.update(int(n) for n in re.findall(rf"{HOLE}(\d+)", alt.text))
        return tuple(sorted({name for n in numbers for name in self.wanted.get(n, ())}))

    def _relevant(self, node) -> bool:
        i = bisect.bisect_left(self.marks, node.start_byte)
        return i < len(self.marks) and self.marks[i] < node.end_byte

    def module(self, root) -> None:
        """Top level: constants into the globals, functions queued (evaluated once globals are known)."""
        self.exec(root, self.globals, top=True)

    def function(self, node, env: dict, args: list[Value] | None = None) -> list[Value]:
        """Run a function body; returns the values it can return."""
        rules = self.rules
        saved = (self.params, self.returns, self.function_name)
        names = rules.param_names(node)
        self.params = set(names)
        self.function_name = rules.function_name(node, self.src)
        self.returns = []
        typed = rules.param_values(node, self)
        for i, name in enumerate(names):
            given = args is not None and i < len(args)
            env[name] = args[i] if given else typed.get(name) or self.hole(f"a value from parameter `{name}`")
        body = rules.body(node)
        if body is not None:
            if body.type in rules.blocks or body.type in rules.statements:
                self.exec(body, env)
            else:
                value = self.eval(body, env)  # an arrow function's expression body: returned
                self.record(value)
                self.returns.append(value)
        for name, value in env.items():  # SQL built in a local that no call here sends (kept for later)
            if name not in self.globals and name not in self.params:
                self.record(value, only_new=True)
        out = self.returns
        self.params, self.returns, self.function_name = saved
        return out

    def helper(self, name: str, args: list[Value], env: dict, qualifier: str | None = None,
               line: int = 0) -> Value | None:
        """A function of this file, else (called by name or on a plain name: ``qualifier``) one another file
        defines (``linker``), called with these arguments: the values it returns (None: not followed)."""
        if self.depth >= MAX_DEPTH:
            return None
        owner, node = self, self.functions.get(name)
        if node is None and self.linker is not None and qualifier is not None:
            owner, node = self.linker.function(self, qualifier, name) or (self, None)
        if node is None:
            return None
        saved = owner.recording, owner.depth
        owner.recording, owner.depth = False, self.depth + 1
        try:
            values = owner.function(node, dict(owner.globals), args)
        except (Stop, RecursionError):
            if owner is self:
                raise
            return None  # another file's helper too long to follow: not followed
        finally:
            owner.recording, owner.depth = saved
        values = [v for v in values if v is not None]
        value = texts.merge(values) if values else None
        return texts.moved(value, line) if owner is not self and value is not None else value

    def linked(self, qualifier: str, name: str, line: int) -> Value | None:
        """A constant another file defines (a Go package's, a Python or TS module's import), moved to ``line``."""
        if self.linker is None or self.depth >= MAX_DEPTH:
            return None
        value = self.linker.value(self, qualifier, name)
        return texts.moved(value, line) if value is not None else None

    def unknown(self, reason: str, *names: str) -> Value:
        """A hole for names this file does not define (kept, so another file's definition can be looked for)."""
        value = self.hole(reason)
        if names:
            self.wanted[len(self.holes)] = names
        return value

    def _wanted_in(self, values: list[Value], receiver=None) -> tuple[str, ...]:
        """The names behind the holes of a call's arguments and receiver (``cols.FIELDS.join(…)``)."""
        if not self.wanted:
            return ()
        texts_ = [t.text for v in values if v.kind in ("str", "list")
                  for alt in v.alts for t in (alt if v.kind == "list" else (alt,))]
        names = [name for text in texts_ for n in re.findall(rf"{HOLE}(\d+)", text)
                 for name in self.wanted.get(int(n), ())]
        if receiver is not None:
            key = re.sub(r"\s+", "", self.text_of(receiver))
            names += [key] if any(key in names_ for names_ in self.wanted.values()) else []
        return tuple(dict.fromkeys(names))

    # ------------------------------------------------------------------ holes and sites

    def hole(self, reason: str) -> Value:
        number = len(self.holes) + 1
        self.holes[number] = reason
        return texts.hole(number)

    def text_of(self, node) -> str:
        return self.src[node.start_byte:node.end_byte].decode("utf-8", "replace")

    def record(self, value: Value, built: bool | None = None, only_new: bool = False) -> bool:
        """Keep the variants of ``value`` that look like SQL as a site; True when there was one."""
        from remedy.sources.code.sqltext import looks_like_query

        if value.kind in chains.KINDS and not (chains.has(value, "table") or chains.has(value, "model")):
            return False  # a handle passed around (NewRepo(tx)), not a statement
        if value.kind in chains.KINDS and self.recording:
            value, built = chains.finish(value, self.hole, self.model_table), True
        if not self.recording or value.kind != "str":
            return False
        if built is None:
            built = not texts.literal_only(value)
        found = False
        existing = set(self.sites) if only_new else ()
        for alt in value.alts:
            if alt.line in existing:
                continue
            if alt.line and looks_like_query(alt.text.lstrip()):
                site = self.sites.setdefault(alt.line, Site(alt.line))
                site.variants[alt] = None
                site.built = site.built or built or len(value.alts) > 1 or not alt.literal
                site.truncated = site.truncated or value.truncated
                found = True
        return found

    def model_table(self, struct: str, line: int) -> str:
        """The table a gorm chain on ``struct`` reads: by gorm's convention here; a TableName() or naming
        strategy elsewhere in the scan renames it later (``gorm.renamed``)."""
        from remedy.sources.code import gorm

        self.models.append((line, struct))
        return gorm.convention(struct)

    def sink(self, name: str, call, args: list[Value]) -> None:
        """A call the flow does not model: its SQL arguments are sites; a database call whose SQL
        argument is unknown is an unread site."""
        recorded = [self.record(a) for a in args]
        if any(recorded):
            self.callees.add(name)
            return
        index = self.rules.sql_argument(name, call, self.src)
        if index is None or index >= len(args) or not self.recording:
            return
        reason = self._unknown_reason(args[index])
        if reason:
            if args[index].kind == "str":
                self.sent.update(int(n) for n in re.findall(rf"{HOLE}(\d+)", args[index].alts[0].text))
            self.unread.append((call.start_point[0] + 1, reason, self.function_name if "parameter" in reason else ""))

    def _unknown_reason(self, value: Value) -> str:
        """Why a value passed as SQL cannot be read ("" when it is a plain non-SQL literal)."""
        if value.kind != "str" or not value.alts:
            return "a list, not a string"
        first = value.alts[0].text.lstrip()
        hole = re.search(rf"{HOLE}(\d+)", first)
        if hole is None or not (first.startswith(HOLE) or _SQL_START.match(first)):
            return ""
        reason = self.holes.get(int(hole.group(1)), "a value remedy cannot follow")
        return reason if first.startswith(HOLE) else f"SQL whose shape depends on {reason}"

    # ------------------------------------------------------------------ statements

    def _tick(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise Stop()

    def exec(self, node, env: dict, top: bool = False) -> None:
        self._tick()
        kind = node.type
        rules = self.rules
        if kind in rules.functions:
            self.define(node, env, top)
        elif kind in rules.statements:
            getattr(self, rules.statements[kind])(node, env, top)
        elif kind in rules.expressions or kind in rules.strings:
            self.eval(node, env)
        else:
            for child in node.named_children:
                self.exec(child, env, top)

    def define(self, node, env: dict, top: bool) -> None:
        name = self.rules.function_name(node, self.src)
        if name:
            self.functions.setdefault(name, node)
        if top:
            self.queue.append((node, env))
        elif self._relevant(node):
            self.function(node, dict(env))

    def s_declare(self, node, env: dict, top: bool) -> None:
        """``x := v`` / ``x = v`` / ``var x = v`` / ``const x = v`` / ``let x = v`` / ``val x = v``."""
        for targets, values, operator in self.rules.assignments(node):
            self.assign(targets, values, operator, env, top)

    def assign(self, targets: list, values: list, operator: str, env: dict, top: bool) -> None:
        evaluated = [v if isinstance(v, Value) else self.eval(v, env) for v in values if v is not None]
        for i, target in enumerate(targets):
            value = evaluated[i] if i < len(evaluated) else None  # a, err := f(): the first takes the value
            key = self.rules.target_name(target, self.src)
            if key is None:
                if value is not None:
                    self.record(value)  # stored in a map, slice or field elsewhere: leaves the function
                continue
            if value is None:
                value = self.rules.zero_value(target, self.src) or self.hole(f"`{key}`, which remedy cannot follow here")
            if operator == "+=":
                value = self._plus(env.get(key), value, key)
            if top or "." in key:
                self.record(value)
            env[key] = value

    def _plus(self, old: Value | None, value: Value, key: str) -> Value:
        if old is None:
            old = self.hole(f"`{key}`, which remedy cannot follow here")
        if old.kind == "list":
            return texts.extend(old, value) if value.kind == "list" else texts.append(old, [value])
        return texts.concat(old, value)

    def s_branches(self, node, env: dict, top: bool) -> None:
        """if / else, switch / when / match: each branch from the same start, their values united."""
        for condition in self.rules.conditions(node):
            self.exec(condition, env)
        branches, exhaustive = self.rules.branches(node)
        test = emptiness(self.rules.if_condition(node), self.src)
        outcomes = []
        for i, branch in enumerate(branches):
            copy = _narrowed(env, test, i == 0) if test and i < 2 else dict(env)
            if copy is not None:
                self.exec(branch, copy)
                outcomes.append(copy)
        if not exhaustive:
            rest = _narrowed(env, test, False) if test else dict(env)
            outcomes.extend([rest] if rest is not None else [])
        self._join_envs(env, outcomes or [dict(env)])

    def s_loop(self, node, env: dict, top: bool) -> None:
        """A loop runs its body zero times or once (each appended fragment present or absent)."""
        body = self.rules.loop_body(node)
        for part in node.named_children:
            if body is None or part.id != body.id:
                self.exec(part, env)
        for name, value in self.rules.loop_variables(node, self, env):
            env[name] = value
        if body is None:
            return
        copy = dict(env)
        self.exec(body, copy)
        self._join_envs(env, [dict(env), copy])

    @staticmethod
    def _join_envs(env: dict, outcomes: list[dict]) -> None:
        for key in {k for o in outcomes for k in o}:
            values = [o[key] for o in outcomes if key in o]
            env[key] = values[0] if all(v is values[0] for v in values) else texts.merge(values)

    def s_return(self, node, env: dict, top: bool) -> None:
        for child in node.named_children:
            value = self.eval(child, env)
            self.record(value)
            if self.returns is not None:
                self.returns.append(value)

    def s_class(self, node, env: dict, top: bool) -> None:
        for child in node.named_children:
            self.exec(child, env, top=True)

    # ------------------------------------------------------------------ expressions

    def eval(self, node, env: dict) -> Value:
        self._tick()
        kind = node.type
        rules = self.rules
        if kind in rules.strings:
            value = rules.string(node, self, env)
            return self.linker.tag(self, value) if self.origin else value
        handler = rules.expressions.get(kind)
        if handler is not None:
            return getattr(self, handler)(node, env)
        if kind in rules.functions:
            self.define(node, env, top=False)
            return self.hole("a function value")
        if kind in rules.statements:
            self.exec(node, env)
            return self.hole(f"the value of a {kind.replace('_', ' ')}")
        for child in node.named_children:
            self.exec(child, env)
        return self.hole(f"a {kind.replace('_', ' ')} remedy does not follow")

    def e_name(self, node, env: dict) -> Value:
        return self.e_name_text(self.text_of(node), env, node.start_point[0] + 1)

    def e_name_text(self, name: str, env: dict, line: int = 0) -> Value:
        if name in env:
            return env[name]
        if name in self.globals:
            return self.globals[name]
        if name in self.params:
            return self.hole(f"a value from parameter `{name}`")
        linked = self.linked("", name, line)
        if linked is not None:
            return linked
        return self.unknown(f"`{name}`, which remedy cannot follow here", name)

    def e_field(self, node, env: dict) -> Value:
        operand = self.rules.called_operand(node)
        if operand is not None:  # db.Find(&users).Error: the call runs
            self.eval(operand, env)
        name = self.text_of(node)
        key = re.sub(r"\s+", "", name)
        if key in env:
            return env[key]
        if key in self.globals:
            return self.globals[key]
        owner, _, short = key.rpartition(".")
        if owner in ("self", "cls", "this") and short in self.globals:  # a class constant
            return self.globals[short]
        if short in self.globals and self.lang in ("go",):
            return self.hole(f"a field or value of another package `{key}`")
        if "." not in owner and owner and self.rules.modules:  # cols.FIELDS: a module's constant
            linked = self.linked(owner, short, node.start_point[0] + 1)
            return linked if linked is not None else self.unknown(f"a field `{key}`", key)
        return self.hole(f"a field `{key}`")

    def e_index(self, node, env: dict) -> Value:
        for child in node.named_children:
            self.exec(child, env)
        return self.hole(f"a map or slice lookup `{self.text_of(node)[:60]}`")

    def e_inner(self, node, env: dict) -> Value:
        """Parentheses, await, casts, type assertions: the value inside."""
        inner = self.rules.inner(node)
        return self.eval(inner, env) if inner is not None else self.hole("an empty expression")

    def e_await(self, node, env: dict) -> Value:
        """``await q``: a query builder chain awaited is sent."""
        value = self.e_inner(node, env)
        if value.kind in chains.KINDS:
            self.record(value)
            return self.hole("the rows a query returns")
        return value

    def e_binary(self, node, env: dict) -> Value:
        left, operator, right = self.rules.binary(node, self.src)
        numbers = self.rules.numbers
        sides = [n.type for n in (left, right) if n is not None]
        if operator in "+-*/" and any(t in numbers for t in sides) and not any(t in self.rules.strings for t in sides):
            for side in (left, right):
                self.exec(side, env) if side is not None else None
            return self.hole("a number computed at run time")
        a = self.eval(left, env) if left is not None else self.hole("?")
        b = self.eval(right, env) if right is not None else self.hole("?")
        if operator == "+":
            if a.kind == "list" and b.kind == "list":
                return texts.extend(a, b)
            return texts.concat(a, b)
        if operator == "%" and a.kind == "str" and not a.alts[0].text.lstrip().startswith(HOLE):
            return texts.format_percent(a, self._tuple_items(right, env, b), {})
        return self.hole(f"the result of `{operator}`")

    def _tuple_items(self, node, env: dict, value: Value) -> list[Value]:
        if node is not None and node.type in ("tuple", "parenthesized_expression") and node.named_child_count > 1:
            return [self.eval(c, env) for c in node.named_children]
        if node is not None and node.type == "tuple":
            return [self.eval(c, env) for c in node.named_children]
        return [value]

    def e_list(self, node, env: dict) -> Value:
        items = [self.eval(c, env) for c in self.rules.list_items(node)]
        for chain in [v for v in items if v.kind in chains.KINDS]:  # Promise.all([q1, q2]): each is sent
            self.record(chain)
        items = [v for v in items if v.kind not in chains.KINDS]
        spread = [v for v in items if v.kind == "list"]
        plain = [v for v in items if v.kind == "str"]
        out = texts.as_list(plain)
        for v in spread:
            out = texts.extend(out, v)
        return out

    def e_ternary(self, node, env: dict) -> Value:
        condition, options = self.rules.ternary(node)
        if condition is not None:
            self.exec(condition, env)
        values = [self.eval(o, env) for o in options if o is not None]
        return texts.merge(values) if values else self.hole("a conditional")

    def e_number(self, node, env: dict) -> Value:
        return texts.text(self.text_of(node), 0)

    def e_first(self, node, env: dict) -> Value:
        return self.eval(node.named_children[0], env) if node.named_children else self.hole("an empty expression")

    def e_last(self, node, env: dict) -> Value:
        return self.eval(node.named_children[-1], env) if node.named_children else self.hole("an empty expression")

    def e_walrus(self, node, env: dict) -> Value:
        return self.eval(node.named_children[-1], env)

    def e_field_or_call(self, node, env: dict) -> Value:
        return self.e_field(node, env)

    def e_composite(self, node, env: dict) -> Value:
        return self.rules.composite(node, self, env)

    def e_new(self, node, env: dict) -> Value:
        return self.rules.new(node, self, env)

    def e_assign(self, node, env: dict) -> Value:
        self.s_declare(node, env, False)
        return self.hole("an assignment's value")

    def e_call(self, node, env: dict) -> Value:
        return self.rules.call(node, self, env)

    def call_unknown(self, name: str, node, args: list[Value], env: dict, receiver=None) -> Value:
        """A call no rule models: a same-file helper is followed, anything else is a sink. A receiver
        that is itself a call (``db.QueryRow(q).Scan(…)``, ``prepareStatement(q).executeQuery()``) runs first."""
        if receiver is not None and receiver.type in self.rules.expressions \
                and self.rules.expressions[receiver.type] in ("e_call", "e_inner", "e_field_or_call"):
            self.eval(receiver, env)
        qualifier = receiver.text.decode("utf-8", "replace") if receiver is not None and receiver.type == "identifier" \
            else "" if receiver is None else None
        result = self.helper(name, args, env, qualifier, node.start_point[0] + 1)
        self.sink(name, node, args)
        if result is not None:
            return result
        reason = f"the result of `{name}(…)`, which remedy does not follow"
        called = (f"{qualifier}.{name}" if qualifier else name,) if qualifier is not None else ()
        return self.unknown(reason, *called, *self._wanted_in(args, receiver if qualifier is None else None))

    # ------------------------------------------------------------------ strings not reached

    def fallback(self) -> None:
        """SQL in literals no function sends (struct fields, maps, constants used elsewhere)."""
        self.recording, self.depth = True, 0
        done: set[tuple[int, int]] = set()
        for offset in self.marks:
            node = self.root.descendant_for_byte_range(offset, offset + 1)
            top = self._literal_expression(node)
            if top is None or (top.start_byte, top.end_byte) in done:
                continue
            done.add((top.start_byte, top.end_byte))
            self.params, self.returns, self.function_name = set(), None, ""
            value = self.eval(top, {})
            if self.lang == "go":  # a Sprintf template read on its own: its verbs are unknown fragments
                value = texts.format_go(value, [])
            self.record(value, only_new=True)

    def _literal_expression(self, node):
        """The string literal at ``node`` (or the ``+`` chain it is part of)."""
        for _ in range(3):
            if node is None or node.type in self.rules.strings:
                break
            node = node.parent
        if node is None or node.type not in self.rules.strings:
            return None
        while node.parent is not None and node.parent.type in self.rules.concatenations:
            node = node.parent
        return node


_NONEMPTY = re.compile(r"^(?:len\((\w+)\)\s*(?:>\s*0|!=\s*0|>=\s*1)|(\w+)\.(?:length|size\(\)|isNotEmpty\(\))"
                       r"(?:\s*(?:>\s*0|!==?\s*0))?|(\w+)\s*!=\s*(?:\"\"|''|nil)|(\w+))$")
_EMPTY = re.compile(r"^(?:len\((\w+)\)\s*==\s*0|(\w+)\.(?:length|size\(\))\s*===?\s*0|(\w+)\.isEmpty\(\)"
                    r"|not\s+(\w+)|!\s*(\w+)|(\w+)\s*==\s*(?:\"\"|''))$")


def emptiness(condition, src: bytes) -> tuple[str, bool] | None:
    """``len(where) > 0`` / ``where`` / ``parts.length`` -> ("where", True); ``len(x) == 0`` / ``not x`` -> (x, False)."""
    if condition is None:
        return None
    text = src[condition.start_byte:condition.end_byte].decode("utf-8", "replace").strip()
    while text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    for pattern, nonempty in ((_NONEMPTY, True), (_EMPTY, False)):
        m = pattern.match(text)
        if m:
            return next(g for g in m.groups() if g), nonempty
    return None


def _narrowed(env: dict, test: tuple[str, bool], holds: bool) -> dict | None:
    """The variables as they are where the test holds (or fails): variants that contradict it dropped;
    None when no variant is left (the branch cannot run)."""
    name, nonempty = test
    value = env.get(name)
    copy = dict(env)
    if value is None:
        return copy
    want = nonempty == holds
    if value.kind == "list":
        alts = tuple(a for a in value.alts if bool(a) == want)
    else:
        alts = tuple(a for a in value.alts if (a.text != "" or HOLE in a.text) == want or HOLE in a.text)
    if not alts:
        return None
    copy[name] = Value(value.kind, alts, value.truncated)
    return copy


def flow(source: bytes, root, language: str, linker=None, path: str = "") -> Result:
    return Flow(source, root, language, linker, path).run()
