"""Per-language rules for ``flow``: which tree-sitter node is a function, an assignment, a branch,
a string, and what each string-building call does (``fmt.Sprintf``, ``", ".join``, ``arr.join``,
``String.format``, ``StringBuilder.append``, ``listOf``…).

One ``Rules`` subclass per grammar; ``Flow`` asks them and keeps the values. Names follow the
official tree-sitter grammars (tree-sitter-go, -python, -javascript, -typescript, -java, -kotlin).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from remedy.sources.code import builders, chains, gorm, texts
from remedy.sources.code.texts import Text, Value

if TYPE_CHECKING:
    from remedy.sources.code.flow import Flow

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "", "\\": "\\", "'": "'", '"': '"', "`": "`", "b": "", "f": "",
            "$": "$"}
_BLANK_LEAD = re.compile(r"(?:\s|\\[ntr])*")


def decode_escapes(raw: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), raw, flags=re.S)


def piece(raw: str, node, decode: bool = True) -> Value:
    """A literal fragment, with the line of its first non-blank character."""
    lead = _BLANK_LEAD.match(raw).group(0)
    line = node.start_point[0] + 1 + lead.count("\n") if raw.strip() and lead != raw else 0
    return Value("str", (Text(decode_escapes(raw) if decode else raw, line),))


def field(node, name: str):
    return node.child_by_field_name(name)


EMPTY_LIST = Value("list", ((),))
EMPTY_STR = Value("str", (Text("", 0),))


class Rules:
    functions: frozenset = frozenset()
    blocks: frozenset = frozenset()
    strings: frozenset = frozenset()
    content: frozenset = frozenset()  # literal text pieces inside a string node
    escapes: frozenset = frozenset({"escape_sequence"})
    interpolations: frozenset = frozenset()
    concatenations: frozenset = frozenset()
    statements: dict = {}
    expressions: dict = {}
    sinks: dict = {}  # database call method -> index of its SQL argument
    raw_strings: frozenset = frozenset()
    builder_imports: dict = {}  # builder -> byte strings whose presence in the file says it is used
    builder_calls: dict = {}  # builder -> method names that mark a function worth following
    builder_marks: frozenset = frozenset()  # builder methods recognisable without an import
    modules: bool = False  # ``mod.NAME`` may be an imported module's constant (Python, JS/TS)
    numbers: frozenset = frozenset({"int_literal", "float_literal", "integer", "float", "number",
                                    "decimal_integer_literal", "decimal_floating_point_literal", "integer_literal",
                                    "number_literal", "long_literal"})

    # ---- functions

    def function_name(self, node, src: bytes) -> str:
        name = field(node, "name")
        return name.text.decode("utf-8", "replace") if name is not None else ""

    def parameters_node(self, node):
        return field(node, "parameters")

    def param_names(self, node) -> list[str]:
        params = self.parameters_node(node)
        if params is None:
            return []
        if params.type == "identifier":
            return [params.text.decode()]
        return [n for n in (_first_identifier(c) for c in params.named_children) if n]

    def body(self, node):
        return field(node, "body")

    # ---- statements

    def assignments(self, node) -> list[tuple[list, list, str]]:
        return []

    def target_name(self, target, src: bytes) -> str | None:
        if target.type in ("identifier", "simple_identifier"):
            return target.text.decode("utf-8", "replace")
        if target.type in ("selector_expression", "attribute", "member_expression", "field_access",
                           "navigation_expression"):
            return re.sub(r"\s+", "", target.text.decode("utf-8", "replace"))
        return None

    def zero_value(self, target, src: bytes) -> Value | None:
        return None

    def conditions(self, node) -> list:
        return [c for c in (field(node, "initializer"), field(node, "condition")) if c is not None]

    def if_condition(self, node):
        """The condition of a plain if (narrows the branches), None for switches and the like."""
        return field(node, "condition") if node.type in ("if_statement", "if_expression") else None

    def branches(self, node) -> tuple[list, bool]:
        consequence, alternative = field(node, "consequence"), field(node, "alternative")
        return [b for b in (consequence, alternative) if b is not None], alternative is not None

    def loop_body(self, node):
        return field(node, "body")

    def loop_variables(self, node, flow: "Flow", env: dict) -> list[tuple[str, Value]]:
        return []

    # ---- expressions

    def inner(self, node):
        children = node.named_children
        return children[-1] if children else None

    def binary(self, node, src: bytes):
        left, right = field(node, "left"), field(node, "right")
        operator = field(node, "operator")
        if operator is None:
            between = [c for c in node.children if not c.is_named]
            operator = between[0] if between else None
        return left, operator.text.decode() if operator is not None else "", right

    def list_items(self, node) -> list:
        return node.named_children

    def ternary(self, node):
        return field(node, "condition"), [field(node, "consequence"), field(node, "alternative")]

    def string(self, node, flow: "Flow", env: dict) -> Value:
        parts = []
        raw = node.type in self.raw_strings
        for child in node.children:
            kind = child.type
            if kind in self.content:
                parts.append(piece(flow.text_of(child), child, decode=not raw))
            elif kind in self.escapes:
                parts.append(Value("str", (Text(decode_escapes(flow.text_of(child)), 0),)))
            elif kind in self.interpolations:
                parts.append(self.interpolation(child, flow, env))
        return texts.concat(*parts) if parts else EMPTY_STR

    def interpolation(self, node, flow: "Flow", env: dict) -> Value:
        inner = node.named_children
        return flow.eval(inner[0], env) if inner else flow.hole("an empty interpolation")

    def call(self, node, flow: "Flow", env: dict) -> Value:
        return flow.hole("a call")

    def sql_argument(self, name: str, call, src: bytes) -> int | None:
        return self.sinks.get(name)

    def param_values(self, node, flow: "Flow") -> dict[str, Value]:
        """Parameters whose declared type says what they hold (a gorm handle, a model struct)."""
        return {}

    def called_operand(self, node):
        """The call a field is read from (``f().Error``), evaluated first; None when there is none."""
        return None

    def builders(self, source: bytes) -> frozenset:
        """The query builders a file uses whose calls need the import to be told apart (knex, gorm)."""
        return frozenset(name for name, marks in self.builder_imports.items() if any(m in source for m in marks))

    def sink_marks(self, source: bytes, handles: frozenset = frozenset()) -> list[int]:
        """Offsets of calls that may send SQL without a SQL word (a sink, a builder chain's start, a call of
        a builder's handle)."""
        names = set(self.sinks) | self.builder_marks
        for builder in self.builders(source):
            names |= self.builder_calls.get(builder, set())
        marks = [m.start() for m in _sink_pattern(tuple(sorted(names))).finditer(source)] if names else []
        if handles:
            marks += [m.start() for m in _call_pattern(tuple(sorted(handles))).finditer(source)]
        return marks

    def handles(self, source: bytes, builders: frozenset) -> frozenset:
        """Names a query builder's instance goes by in this file (knex: ``const pg = knex({...})``)."""
        return frozenset()

    # ---- shared call helpers

    def args(self, arguments, flow: "Flow", env: dict) -> list[Value]:
        if arguments is None:
            return []
        return [flow.eval(a, env) for a in arguments.named_children if a.type not in ("comment",)]

    def mutate(self, receiver, value: Value, flow: "Flow", env: dict) -> None:
        """``b.WriteString(x)`` / ``parts.append(x)``: the receiver variable now holds ``value``."""
        name = self.target_name(receiver, flow.src) if receiver is not None else None
        if name is not None:
            env[name] = value


_SINK_PATTERNS: dict = {}


def _sink_pattern(names: tuple) -> re.Pattern:
    if names not in _SINK_PATTERNS:
        _SINK_PATTERNS[names] = re.compile(rb"\.(?:" + b"|".join(n.encode() for n in names) + rb")\s*\(")
    return _SINK_PATTERNS[names]


def _call_pattern(names: tuple) -> re.Pattern:
    """``name(`` for each name (a builder's handle called), kept apart from the ``.method(`` patterns."""
    key = ("call", *names)
    if key not in _SINK_PATTERNS:
        _SINK_PATTERNS[key] = re.compile(rb"\b(?:" + b"|".join(names) + rb")\s*\(")
    return _SINK_PATTERNS[key]


def _first_identifier(node) -> str:
    if node.type in ("identifier", "simple_identifier"):
        return node.text.decode("utf-8", "replace")
    for name in ("name", "pattern", "left"):
        sub = field(node, name)
        if sub is not None:
            return _first_identifier(sub)
    for child in node.named_children:
        if child.type in ("identifier", "simple_identifier"):
            return child.text.decode("utf-8", "replace")
    return ""


def _trim_suffix(value: Value, suffix: str, chars: bool = False) -> Value:
    def cut(t: Text) -> Text:
        s = t.text.rstrip(suffix) if chars else (t.text[:-len(suffix)] if suffix and t.text.endswith(suffix) else t.text)
        return Text(s, t.line, t.literal, t.src)

    return Value("str", tuple(cut(t) for t in value.alts), value.truncated) if value.kind == "str" else value


def _literal(value: Value) -> str | None:
    if value.kind == "str" and len(value.alts) == 1 and value.alts[0].literal:
        return value.alts[0].text
    return None


# ====================================================================== Go

_GO_SINKS = {"Query": 0, "QueryRow": 0, "Exec": 0, "Prepare": 0, "Queryx": 0, "QueryRowx": 0, "MustExec": 0,
             "NamedExec": 0, "NamedQuery": 0, "Raw": 0, "Preparex": 0, "PrepareNamed": 0, "Select": 1, "Get": 1,
             "QueryContext": 1, "QueryRowContext": 1, "ExecContext": 1, "PrepareContext": 1, "QueryxContext": 1,
             "QueryRowxContext": 1, "NamedExecContext": 1, "NamedQueryContext": 1, "MustExecContext": 1,
             "PreparexContext": 1, "PrepareNamedContext": 1, "SelectContext": 2, "GetContext": 2}
# sqlx package functions take the Queryer first: sqlx.GetContext(ctx, q, dest, query, ...)
_SQLX_FUNCS = {"Get": 2, "Select": 2, "GetContext": 3, "SelectContext": 3, "NamedExec": 1, "NamedExecContext": 2,
               "NamedQuery": 1, "NamedQueryContext": 2}


class GoRules(Rules):
    builder_imports = {"gorm": gorm.IMPORTS}
    builder_calls = {"gorm": gorm.METHODS}
    functions = frozenset({"function_declaration", "method_declaration", "func_literal"})
    blocks = frozenset({"block", "statement_list"})
    strings = frozenset({"interpreted_string_literal", "raw_string_literal"})
    content = frozenset({"interpreted_string_literal_content", "raw_string_literal_content"})
    raw_strings = frozenset({"raw_string_literal"})
    concatenations = frozenset({"binary_expression", "parenthesized_expression"})
    statements = {
        "short_var_declaration": "s_declare", "assignment_statement": "s_declare", "var_declaration": "s_declare",
        "const_declaration": "s_declare", "if_statement": "s_branches", "expression_switch_statement": "s_branches",
        "type_switch_statement": "s_branches", "select_statement": "s_branches", "for_statement": "s_loop",
        "return_statement": "s_return",
    }
    expressions = {
        "identifier": "e_name", "selector_expression": "e_field", "index_expression": "e_index",
        "slice_expression": "e_index", "parenthesized_expression": "e_inner", "unary_expression": "e_inner",
        "type_assertion_expression": "e_inner", "binary_expression": "e_binary", "call_expression": "e_call",
        "composite_literal": "e_composite", "expression_list": "e_inner", "variadic_argument": "e_inner",
    }
    sinks = _GO_SINKS

    def branches(self, node) -> tuple[list, bool]:
        if node.type == "if_statement":
            return super().branches(node)
        cases = [c for c in node.named_children if c.type.endswith("_case")]
        return cases, any(c.type == "default_case" for c in cases)

    def conditions(self, node) -> list:
        found = super().conditions(node)
        value = field(node, "value")
        return found + ([value] if value is not None else [])

    def assignments(self, node):
        if node.type in ("short_var_declaration", "assignment_statement"):
            operator = field(node, "operator")
            op = operator.text.decode() if operator is not None else "="
            return [(field(node, "left").named_children, _go_values(field(node, "right")), op if op in ("=", "+=", ":=") else "?")]
        out = []
        for spec in node.named_children:
            if spec.type == "var_spec_list":
                out += self.assignments(spec)
                continue
            if spec.type not in ("var_spec", "const_spec"):
                continue
            names = [c for i, c in enumerate(spec.children) if spec.field_name_for_child(i) == "name"]
            value = field(spec, "value")
            values = _go_values(value) if value is not None else _go_zero(field(spec, "type"), len(names))
            out.append((names, values, "="))
        return out

    def loop_variables(self, node, flow, env):
        clause = next((c for c in node.named_children if c.type == "range_clause"), None)
        if clause is None or field(clause, "left") is None:
            return []
        names = [c.text.decode() for c in field(clause, "left").named_children]
        value = flow.eval(field(clause, "right"), env) if field(clause, "right") is not None else None
        if value is None or value.kind != "list" or not names:
            return [(n, flow.hole(f"loop variable `{n}`")) for n in names]
        items = [Value("str", (t,)) for alt in value.alts for t in alt]
        element = texts.merge(items) if items else flow.hole(f"loop variable `{names[-1]}`")
        return [(n, flow.hole(f"loop index `{n}`")) for n in names[:-1]] + [(names[-1], element)]

    def sql_argument(self, name, call, src):
        function = field(call, "function")
        operand = field(function, "operand") if function is not None and function.type == "selector_expression" else None
        if operand is not None and operand.text == b"sqlx":
            return _SQLX_FUNCS.get(name)
        return self.sinks.get(name)

    def call(self, node, flow, env):
        function, arguments = field(node, "function"), field(node, "arguments")
        operand = field(function, "operand") if function.type == "selector_expression" else None
        name = (field(function, "field") if operand is not None else function).text.decode("utf-8", "replace")
        qualified = f"{operand.text.decode('utf-8', 'replace')}.{name}" if operand is not None else name
        nodes = arguments.named_children if arguments is not None else []
        if qualified in ("make", "new") and nodes and gorm.struct_of(nodes[0]):
            return gorm.model(gorm.struct_of(nodes[0]))
        if qualified == "make" and nodes:
            return EMPTY_LIST if len(nodes) == 1 or nodes[1].text in (b"0",) else Value("list", ((flow.hole("a slice of computed length").alts[0],),))
        if qualified == "new" and nodes and nodes[0].text.endswith((b"Builder", b"Buffer")):
            return EMPTY_STR
        args = self.args(arguments, flow, env)
        receiver = None
        if flow.uses("gorm") and operand is not None and name in gorm.METHODS:
            receiver = flow.eval(operand, env)
            chained = self._gorm(operand, receiver, name, args, nodes, node, flow)
            if chained is not None:
                return chained
        chained = self._squirrel(operand, name, args, flow, env, receiver)
        if chained is not None:
            return chained
        if qualified in ("fmt.Sprintf", "fmt.Errorf") and args:
            return texts.format_go(args[0], args[1:])
        if qualified == "fmt.Fprintf" and len(args) >= 2:
            target = nodes[0].named_children[-1] if nodes[0].type == "unary_expression" else nodes[0]
            built = texts.concat(flow.eval(target, env), texts.format_go(args[1], args[2:]))
            self.mutate(target, built, flow, env)
            return flow.hole("Fprintf's byte count")
        if qualified == "strings.Join" and len(args) == 2:
            return texts.join(args[0], args[1])
        if qualified == "append" and args:
            spread = nodes and nodes[-1].type == "variadic_argument"
            if spread and len(args) == 2:
                return texts.extend(args[0], args[1])
            return texts.append(args[0], args[1:])
        if qualified in ("strings.TrimSpace", "string", "strings.ToUpper", "strings.ToLower") and args:
            return args[0]
        if qualified in ("strings.TrimSuffix", "strings.TrimRight") and len(args) == 2 and _literal(args[1]) is not None:
            return _trim_suffix(args[0], _literal(args[1]), chars=name == "TrimRight")
        if operand is not None and name in ("WriteString", "WriteByte", "WriteRune", "Write") and args:
            built = texts.concat(flow.eval(operand, env), args[0])
            self.mutate(operand, built, flow, env)
            return flow.hole("a write's byte count")
        if operand is not None and name == "String" and not args:
            return flow.eval(operand, env)
        return flow.call_unknown(name, node, args, env, operand if receiver is None else None)

    def _gorm(self, operand, receiver: Value, name: str, args: list[Value], nodes: list, node, flow) -> Value | None:
        """A step of a gorm chain (``r.db.Model(&User{}).Where(…).Find(&users)``), None when it is not one:
        the receiver is a chain already, or a handle by its usual name (``db``, ``r.db``, ``tx``)."""
        if receiver.kind != "gorm":
            if flow.recording and gorm.unread_receiver(operand, name, nodes, flow, node.start_point[0] + 1):
                return flow.hole(f"the result of gorm's `{name}(…)`")
            last = field(operand, "field") if operand.type == "selector_expression" else operand
            if operand.type not in ("identifier", "selector_expression") or last is None \
                    or last.text.decode("utf-8", "replace") not in gorm.HANDLES or receiver.kind != "str" \
                    or receiver.known:
                return None
            if name == "Select" and nodes and nodes[0].type == "unary_expression":
                return None  # sqlx's db.Select(&dest, query)
            receiver = gorm.handle()
        return gorm.step(receiver, name, args, nodes, flow, node.start_point[0] + 1)

    def param_values(self, node, flow):
        params = self.parameters_node(node)
        if params is None or not flow.uses("gorm"):
            return {}
        out = {}
        for declaration in params.named_children:
            kind = field(declaration, "type")
            value = gorm.handle() if gorm.is_handle_type(kind) else \
                gorm.model(gorm.struct_of(kind)) if gorm.struct_of(kind) else None
            for name in declaration.children_by_field_name("name"):
                if value is not None:
                    out[name.text.decode("utf-8", "replace")] = value
        return out

    def called_operand(self, node):
        operand = field(node, "operand") if node.type == "selector_expression" else None
        return operand if operand is not None and operand.type == "call_expression" else None

    def _squirrel(self, operand, name: str, args: list[Value], flow, env, receiver: Value | None = None) -> Value | None:
        """A step of a squirrel chain (``sq.Select(…).From(…).Where(…)``), None when it is not one."""
        if operand is None or not (name in builders.STARTS or name in builders.CLAUSES or name in _SQUIRREL_NAMES):
            return None
        if builders.starts_chain(operand.text, name):
            return builders.step(None, name, args) if name in builders.STARTS else builders.START
        receiver = flow.eval(operand, env) if receiver is None else receiver
        if receiver.kind != "sq":
            return None
        if name == "ToSql":
            return builders.finish(receiver)
        if name in builders.EXECUTE:
            flow.record(builders.finish(receiver), built=True)
            return flow.hole(f"the result of `{name}(…)`")
        return builders.step(receiver, name, args)

    def composite(self, node, flow, env):
        type_node = field(node, "type")
        kind = type_node.text.split(b".")[-1].decode() if type_node is not None else ""
        if type_node is not None and type_node.text.split(b".")[0] in (b"sq", b"squirrel") and kind in builders.OPERATORS:
            return builders.condition(kind, _keyed_pairs(flow, node, env))
        return _go_composite(flow, node, env)

    def target_name(self, target, src):
        if target.type == "unary_expression":  # &b
            return self.target_name(target.named_children[-1], src)
        return super().target_name(target, src)


def _go_values(node) -> list:
    if node is None:
        return []
    return node.named_children if node.type == "expression_list" else [node]


def _go_zero(type_node, count: int) -> list:
    """``var b strings.Builder`` is "", ``var parts []string`` is an empty list."""
    text = type_node.text if type_node is not None else b""
    if text.endswith((b"Builder", b"Buffer")) or text == b"string":
        return [EMPTY_STR] * count
    if text == b"[]string":
        return [EMPTY_LIST] * count
    if gorm.struct_of(type_node):  # var users []User
        return [gorm.model(gorm.struct_of(type_node))] * count
    return []


_SQUIRREL_NAMES = builders.PASSTHROUGH | builders.EXECUTE | {"Columns", "Values", "Where", "Set", "Limit", "Offset",
                                                              "ToSql"}


def _keyed_pairs(flow, node, env) -> list[tuple[Value, Value]]:
    body = field(node, "body")
    pairs = []
    for element in (body.named_children if body is not None else []):
        if element.type == "keyed_element" and len(element.named_children) == 2:
            key, value = element.named_children
            pairs.append((flow.eval(key.named_children[0] if key.named_children else key, env), flow.eval(value, env)))
    return pairs


def _go_composite(flow, node, env) -> Value:
    type_node, body = field(node, "type"), field(node, "body")
    text = type_node.text if type_node is not None else b""
    if text.endswith((b"Builder", b"Buffer")):
        return EMPTY_STR
    elements = [c.named_children[-1] for c in (body.named_children if body is not None else [])
                if c.type == "literal_element" or c.type == "keyed_element"]
    if text == b"[]string" and body is not None:
        return texts.as_list([flow.eval(e, env) for e in elements])
    for element in elements:
        flow.record(flow.eval(element, env))  # SQL in a struct field or a map value
    if gorm.struct_of(type_node):
        return gorm.model(gorm.struct_of(type_node))  # User{…}, &User{}, []User{}: a model gorm may read
    return flow.hole(f"a composite literal `{text.decode('utf-8', 'replace')[:40]}`")


# ====================================================================== Python


class PythonRules(Rules):
    modules = True
    functions = frozenset({"function_definition", "lambda"})
    blocks = frozenset({"block"})
    strings = frozenset({"string", "concatenated_string"})
    content = frozenset({"string_content"})
    concatenations = frozenset({"binary_operator", "parenthesized_expression", "concatenated_string"})
    statements = {
        "assignment": "s_declare", "augmented_assignment": "s_declare", "if_statement": "s_branches",
        "match_statement": "s_branches", "for_statement": "s_loop", "while_statement": "s_loop",
        "return_statement": "s_return", "class_definition": "s_class",
    }
    expressions = {
        "identifier": "e_name", "attribute": "e_field", "subscript": "e_index", "parenthesized_expression": "e_inner",
        "await": "e_inner", "binary_operator": "e_binary", "call": "e_call", "list": "e_list", "tuple": "e_list",
        "conditional_expression": "e_ternary", "expression_list": "e_list", "named_expression": "e_walrus",
    }
    sinks = {"execute": 0, "executemany": 0, "fetch": 0, "fetchrow": 0, "fetchval": 0, "read_sql": 0,
             "read_sql_query": 0, "raw": 0, "exec_driver_sql": 0, "mogrify": 0}

    def string(self, node, flow, env):
        if node.type == "concatenated_string":
            return texts.concat(*[self.string(c, flow, env) for c in node.named_children if c.type == "string"])
        start = node.children[0] if node.children else None
        prefix = start.text.decode().lower().rstrip("'\"") if start is not None and start.type == "string_start" else ""
        if "b" in prefix:
            return flow.hole("bytes, not text")
        parts = []
        for child in node.children:
            if child.type == "string_content":
                raw = flow.text_of(child)
                if "f" in prefix:
                    raw = raw.replace("{{", "{").replace("}}", "}")
                parts.append(piece(raw, child, decode="r" not in prefix))
            elif child.type == "interpolation":
                expression = field(child, "expression")
                parts.append(flow.eval(expression, env) if expression is not None else flow.hole("an interpolation"))
        return texts.concat(*parts) if parts else EMPTY_STR

    def assignments(self, node):
        left, right = field(node, "left"), field(node, "right")
        if left is None:
            return []
        operator = field(node, "operator")
        op = "=" if node.type == "assignment" else (operator.text.decode() if operator is not None else "?")
        many = left.type in ("pattern_list", "tuple_pattern", "list_pattern")
        targets = left.named_children if many else [left]
        if right is None:
            return [(targets, [], "=")]
        values = right.named_children if many and right.type in ("expression_list", "tuple") else [right]
        return [(targets, values, op)]

    def branches(self, node):
        if node.type == "match_statement":
            body = field(node, "body")
            cases = [c for c in (body.named_children if body is not None else []) if c.type == "case_clause"]
            return cases, False
        out = [field(node, "consequence")]
        exhaustive = False
        for alt in node.children_by_field_name("alternative"):
            if alt.type == "else_clause":
                out.append(field(alt, "body"))
                exhaustive = True
            else:
                out.append(field(alt, "consequence"))
        return [b for b in out if b is not None], exhaustive

    def ternary(self, node):
        parts = node.named_children  # a if condition else b
        return (parts[1], [parts[0], parts[2]]) if len(parts) == 3 else (None, parts)

    def loop_variables(self, node, flow, env):
        left, right = field(node, "left"), field(node, "right")
        if left is None or left.type != "identifier" or right is None:
            return []
        value = flow.eval(right, env)
        name = left.text.decode()
        if value.kind != "list":
            return [(name, flow.hole(f"loop variable `{name}`"))]
        items = [Value("str", (t,)) for alt in value.alts for t in alt]
        return [(name, texts.merge(items) if items else flow.hole(f"loop variable `{name}`"))]

    def call(self, node, flow, env):
        function, arguments = field(node, "function"), field(node, "arguments")
        obj = field(function, "object") if function.type == "attribute" else None
        name = (field(function, "attribute") if obj is not None else function).text.decode("utf-8", "replace")
        nodes = arguments.named_children if arguments is not None else []
        if arguments is not None and arguments.type == "generator_expression":
            nodes = []
        named = {field(k, "name").text.decode(): flow.eval(field(k, "value"), env)
                 for k in nodes if k.type == "keyword_argument"}
        args = [flow.eval(a, env) for a in nodes if a.type not in ("keyword_argument", "comment")]
        if obj is not None and name == "join" and len(args) == 1:
            return texts.join(_as_list(args[0]), flow.eval(obj, env))
        if obj is not None and name == "format":
            return texts.format_braces(flow.eval(obj, env), args, named)
        if obj is not None and name in ("append", "extend") and len(args) == 1:
            current = flow.eval(obj, env)
            if current.kind == "list":
                self.mutate(obj, texts.append(current, args) if name == "append" else texts.extend(current, args[0]),
                            flow, env)
                return flow.hole("None")
        if obj is not None and name in ("strip", "rstrip", "lstrip") and not args:
            return flow.eval(obj, env)
        if name in ("text", "str", "TextClause", "SQL", "literal_column") and len(args) == 1 and args[0].kind == "str":
            flow.sink(name, node, args)
            return args[0]
        if name == "list" and len(args) == 1 and args[0].kind == "list":
            return args[0]
        return flow.call_unknown(name, node, args, env, obj)


def _as_list(value: Value) -> Value:
    return value if value.kind == "list" else Value("list", tuple((t,) for t in value.alts))


# ====================================================================== JavaScript / TypeScript


class JsRules(Rules):
    modules = True
    builder_imports = {"knex": (b"knex", b"Knex")}
    builder_calls = {"knex": {"where", "first", "pluck", "insert", "update", "del", "delete", "from", "into",
                              "table", "increment", "decrement", "count", "whereIn", "returning"}}
    builder_marks = frozenset(chains.KYSELY_STARTS)
    functions = frozenset({"function_declaration", "function_expression", "arrow_function", "method_definition",
                           "generator_function_declaration", "function"})
    blocks = frozenset({"statement_block"})
    strings = frozenset({"string", "template_string"})
    content = frozenset({"string_fragment"})
    interpolations = frozenset({"template_substitution"})
    concatenations = frozenset({"binary_expression", "parenthesized_expression"})
    statements = {
        "variable_declarator": "s_declare", "assignment_expression": "s_declare",
        "augmented_assignment_expression": "s_declare", "if_statement": "s_branches",
        "switch_statement": "s_branches", "for_statement": "s_loop", "for_in_statement": "s_loop",
        "while_statement": "s_loop", "do_statement": "s_loop", "return_statement": "s_return",
        "class_declaration": "s_class", "class": "s_class",
    }
    expressions = {
        "identifier": "e_name", "member_expression": "e_field", "subscript_expression": "e_index",
        "parenthesized_expression": "e_inner", "await_expression": "e_await", "as_expression": "e_first",
        "non_null_expression": "e_inner", "satisfies_expression": "e_first", "type_assertion": "e_inner",
        "binary_expression": "e_binary", "call_expression": "e_call", "array": "e_list",
        "ternary_expression": "e_ternary", "spread_element": "e_inner",
    }
    sinks = {"query": 0, "execute": 0, "raw": 0, "unsafe": 0, "none": 0, "one": 0, "oneOrNone": 0, "many": 0,
             "any": 0, "manyOrNone": 0, "all": 0, "run": 0, "prepare": 0, "$queryRawUnsafe": 0,
             "$executeRawUnsafe": 0}

    def assignments(self, node):
        if node.type == "variable_declarator":
            value = field(node, "value")
            return [([field(node, "name")], [value] if value is not None else [], "=")]
        operator = field(node, "operator")
        op = "=" if node.type == "assignment_expression" else (operator.text.decode() if operator is not None else "?")
        return [([field(node, "left")], [field(node, "right")], op)]

    def param_names(self, node):
        single = field(node, "parameter")
        if single is not None:
            return [single.text.decode()]
        return super().param_names(node)

    def branches(self, node):
        if node.type == "if_statement":
            consequence, alternative = field(node, "consequence"), field(node, "alternative")
            return [b for b in (consequence, alternative) if b is not None], alternative is not None
        body = field(node, "body")
        cases = body.named_children if body is not None else []
        return cases, any(c.type == "switch_default" for c in cases)

    def conditions(self, node):
        found = [c for c in (field(node, "condition"), field(node, "value")) if c is not None]
        return found

    def loop_variables(self, node, flow, env):
        if node.type != "for_in_statement":
            return []
        left, right = field(node, "left"), field(node, "right")
        if left is None or right is None or left.type != "identifier":
            return []
        value = flow.eval(right, env)
        name = left.text.decode()
        items = [Value("str", (t,)) for alt in value.alts for t in alt] if value.kind == "list" else []
        return [(name, texts.merge(items) if items else flow.hole(f"loop variable `{name}`"))]

    def string(self, node, flow, env, tagged: bool = False):
        if not tagged:
            return super().string(node, flow, env)
        parts = []
        for child in node.children:
            if child.type in self.content:
                parts.append(piece(flow.text_of(child), child))
            elif child.type in self.escapes:
                parts.append(Value("str", (Text(decode_escapes(flow.text_of(child)), 0),)))
            elif child.type in self.interpolations:
                value = self.interpolation(child, flow, env)
                known = value.kind == "str" and all(texts.HOLE not in t.text for t in value.alts)
                parts.append(value if known else Value("str", (Text(" ? ", 0),)))  # a bound parameter
        return texts.concat(*parts) if parts else EMPTY_STR

    def call(self, node, flow, env):
        function, arguments = field(node, "function"), field(node, "arguments")
        obj = field(function, "object") if function.type == "member_expression" else None
        name_node = field(function, "property") if obj is not None else function
        name = name_node.text.decode("utf-8", "replace") if name_node is not None else ""
        if arguments is not None and arguments.type == "template_string":  # sql`…${x}…`: holes are parameters
            value = self.string(arguments, flow, env, tagged=True)
            flow.sink(name, node, [value])
            return value
        args = self.args(arguments, flow, env)
        if obj is not None and name == "join":
            current = flow.eval(obj, env)
            if current.kind == "list":
                return texts.join(current, args[0] if args else Value("str", (Text(",", 0),)))
        if obj is not None and name in ("push", "concat") and args:
            current = flow.eval(obj, env)
            if current.kind == "list":
                grown = texts.append(current, [a for a in args if a.kind == "str"])
                for extra in (a for a in args if a.kind == "list"):
                    grown = texts.extend(grown, extra)
                if name == "push":
                    self.mutate(obj, grown, flow, env)
                return grown
            if current.kind == "str" and name == "concat":
                return texts.concat(current, *args)
        if obj is not None and name in ("trim", "trimEnd", "trimStart", "toString") and not args:
            return flow.eval(obj, env)
        if name == "String" and len(args) == 1:
            return args[0]
        chained = self._builder(node, obj, name, arguments, args, flow, env)
        if chained is not None:
            return chained
        return flow.call_unknown(name, node, args, env, obj)

    def _builder(self, node, obj, name: str, arguments, args: list[Value], flow, env) -> Value | None:
        """A step of a knex or kysely chain (``knex('t').where('a', x)``, ``db.selectFrom('t').select([...])``),
        None when the call is not one. knex builders change in place: ``q.where(...)`` updates ``q``."""
        built = _builder_args(arguments, args, flow, env)
        knex = flow.uses("knex")
        if obj is not None and name in chains.KYSELY_STARTS:
            base = flow.eval(obj, env) if obj.type == "call_expression" else None
            return chains.kysely_start(name, built, base)
        handles = flow.handles
        if obj is not None and name in chains.WITH and built and built[0].literal is not None \
                and not (knex and _is_handle(obj, False, "", handles)):
            receiver = flow.eval(obj, env)  # kysely: db.with('recent', (db) => …).selectFrom('recent')
            return chains.cte(receiver if receiver.kind == "kysely" else chains.start("kysely"), built, flow.hole)
        if knex and _is_handle(obj if obj is not None else field(node, "function"), obj is None, name, handles) and built:
            return _instance(built, flow) or chains.add(chains.start("knex"), "table", built[0].value)  # knex('users')
        receiver = flow.eval(obj, env) if obj is not None else None
        in_place = receiver is not None and receiver.kind == "knex"  # a builder held in a variable
        if receiver is None or receiver.kind not in ("knex", "kysely"):
            if knex and receiver is not None and name in chains.KNEX_STARTS and _is_handle(obj, False, "", handles):
                receiver = chains.start("knex")  # knex.select('a').from('t'), db.insert({...}).into('t')
            else:
                return None
        terminal = chains.KNEX_TERMINAL if receiver.kind == "knex" else chains.KYSELY_TERMINAL
        if name in terminal:
            flow.record(receiver)
            return flow.hole(f"the result of `{name}(…)`")
        step = chains.knex_step if receiver.kind == "knex" else chains.kysely_step
        after = step(receiver, name, built, flow.hole)
        if after is None:
            return receiver
        if in_place and obj.type in ("identifier", "member_expression"):
            self.mutate(obj, after, flow, env)
        return after


    def handles(self, source, builders):
        return knex_handles(source) if "knex" in builders else frozenset()


class TsRules(JsRules):
    pass


_KNEX_HANDLES = frozenset({b"knex", b"db", b"trx", b"tx", b"database", b"conn", b"connection", b"k", b"qb", b"pg",
                           b"mysql"})
_CALLBACKS = ("arrow_function", "function_expression", "function")
_KNEX_MODULE = rb"""['"]knex['"]"""
_KNEX_FACTORIES = (  # names the knex module goes by: import knex from 'knex', const makeKnex = require('knex')
    re.compile(rb"\bimport\s+(\w+)\s*(?:,\s*\{[^}]*\}\s*)?from\s*" + _KNEX_MODULE),
    re.compile(rb"\bimport\s*\{[^}]*?\bknex(?:\s+as\s+(\w+))?[^}]*\}\s*from\s*" + _KNEX_MODULE),
    re.compile(rb"\b(?:const|let|var|import)\s+(\w+)\s*=\s*require\(\s*" + _KNEX_MODULE + rb"\s*\)\s*(?![\s(.])"),
)
_KNEX_TYPED = re.compile(rb"\b(\w+)\??\s*:\s*Knex\b(?:\s*\.\s*Transaction\b|(?!\s*\.))")  # orm: Knex, t: Knex.Transaction
_KNEX_TRANSACTION = re.compile(rb"\.transaction\(\s*(?:async\s*)?(?:function\s*\w*\s*)?\(?\s*(\w+)")
_KNEX_CONFIG = frozenset({"client", "connection", "pool", "useNullAsDefault", "searchPath", "migrations", "seeds",
                          "acquireConnectionTimeout", "debug", "asyncStackTraces", "version", "dialect"})


def knex_handles(source: bytes) -> frozenset:
    """The usual names, and the names this file gives a knex instance: made by the knex module
    (``const reporting = knex({...})``, ``this.orm = makeKnex(config)``, ``require('knex')(config)``), typed
    ``Knex`` / ``Knex.Transaction``, or a transaction's callback parameter."""
    factories = {m.group(1) or b"knex" for pattern in _KNEX_FACTORIES for m in pattern.finditer(source)}
    made = rb"(?:" + b"|".join(sorted(factories | {rb"require\(\s*" + _KNEX_MODULE + rb"\s*\)"})) + rb")\s*\("
    found = set(re.findall(rb"\b(?:const|let|var)\s+(\w+)\s*(?::[^=;\n]+)?=\s*(?:await\s+)?" + made, source))
    found |= set(re.findall(rb"(?:\bthis\.|\b)(\w+)\s*=\s*(?:await\s+)?" + made, source))
    found |= set(_KNEX_TYPED.findall(source)) | set(_KNEX_TRANSACTION.findall(source))
    return _KNEX_HANDLES | frozenset(found - {b"this", b"const", b"let", b"var", b"Knex"})


def _is_handle(node, called: bool, name: str, handles: frozenset = _KNEX_HANDLES) -> bool:
    """``knex`` / ``db`` / ``this.knex`` / ``ctx.db`` / a name the file gives a knex instance (``knex_handles``)."""
    if node is None:
        return False
    if called:
        return node.type == "identifier" and node.text in handles
    if name:  # this.knex('users'): the method is the handle
        return name.encode() in handles
    last = field(node, "property") if node.type == "member_expression" else node
    return last is not None and last.type in ("identifier", "property_identifier") and last.text in handles


def _instance(built: list[chains.Arg], flow) -> Value | None:
    """``knex({ client: 'pg', … })`` makes an instance (not a query); ``knex({ u: 'users' })`` aliases a
    table, which is not read (a hole with the reason, never its alias taken for a table)."""
    first = built[0]
    if first.shape != "object":
        return None
    keys = {t.text for alt in first.value.alts for t in alt} if first.value.kind == "list" else set()
    if keys & _KNEX_CONFIG:
        return flow.hole("a knex instance")
    return chains.add(chains.start("knex"), "table", flow.hole("a table aliased in an object (knex({ alias: table }))"))


def _builder_args(arguments, values: list[Value], flow, env) -> list[chains.Arg]:
    """Each argument with its shape: an object gives its keys, a callback is a hole with the reason."""
    nodes = [a for a in (arguments.named_children if arguments is not None else []) if a.type != "comment"]
    out = []
    for node, value in zip(nodes, values):
        if node.type == "array" and node.named_children and node.named_children[0].type == "object":
            node = node.named_children[0]  # insert([{...}, {...}]): the first row's keys
        if node.type == "object":
            out.append(chains.Arg(_object_keys(node, flow, env), "object"))
        elif node.type in _CALLBACKS:
            out.append(chains.Arg(flow.hole("a condition built in a callback"), "callback"))
        else:
            if value.kind in chains.KINDS:  # a sub-builder (whereIn('id', knex('t').select('id'))): its own statement
                flow.record(value)
            out.append(chains.Arg(value, "value", _literal(value)))
    return out


def _object_keys(node, flow, env) -> Value:
    """``{a: x, 'b': y, c, [k]: z, ...rest}`` as the list [a, b, c, <hole>, <hole>]."""
    keys: list[Value] = []
    for child in node.named_children:
        if child.type == "pair":
            key = field(child, "key")
            if key is None:
                continue
            if key.type == "computed_property_name":
                inner = key.named_children[0] if key.named_children else None
                value = flow.eval(inner, env) if inner is not None else flow.hole("a computed key")
                keys.append(value if value.known else flow.hole(f"a computed key `{flow.text_of(key)[:40]}`"))
            elif key.type == "string":
                keys.append(flow.eval(key, env))
            else:
                keys.append(texts.text(flow.text_of(key), key.start_point[0] + 1))
        elif child.type == "shorthand_property_identifier":
            keys.append(texts.text(flow.text_of(child), child.start_point[0] + 1))
        elif child.type == "spread_element":
            keys.append(flow.hole(f"the keys of an object spread `{flow.text_of(child)[:40]}`"))
    return texts.as_list(keys)


# ====================================================================== Java


class JavaRules(Rules):
    functions = frozenset({"method_declaration", "constructor_declaration", "lambda_expression"})
    blocks = frozenset({"block", "constructor_body"})
    strings = frozenset({"string_literal"})
    content = frozenset({"string_fragment", "multiline_string_fragment"})
    concatenations = frozenset({"binary_expression", "parenthesized_expression"})
    statements = {
        "local_variable_declaration": "s_declare", "field_declaration": "s_declare",
        "assignment_expression": "s_declare", "if_statement": "s_branches", "switch_expression": "s_branches",
        "for_statement": "s_loop", "enhanced_for_statement": "s_loop", "while_statement": "s_loop",
        "do_statement": "s_loop", "return_statement": "s_return", "class_declaration": "s_class",
        "enum_declaration": "s_class", "interface_declaration": "s_class", "record_declaration": "s_class",
    }
    expressions = {
        "identifier": "e_name", "field_access": "e_field", "array_access": "e_index",
        "parenthesized_expression": "e_inner", "cast_expression": "e_last", "binary_expression": "e_binary",
        "method_invocation": "e_call", "ternary_expression": "e_ternary", "object_creation_expression": "e_new",
        "array_initializer": "e_list",
    }
    sinks = {"prepareStatement": 0, "executeQuery": 0, "executeUpdate": 0, "execute": 0, "addBatch": 0,
             "createNativeQuery": 0, "queryForObject": 0, "queryForList": 0, "queryForMap": 0, "query": 0,
             "update": 0, "batchUpdate": 0, "prepareCall": 0, "createQuery": 0, "sql": 0}

    def assignments(self, node):
        if node.type == "assignment_expression":
            operator = field(node, "operator")
            return [([field(node, "left")], [field(node, "right")], operator.text.decode() if operator is not None else "=")]
        type_node = field(node, "type")
        out = []
        for declarator in node.children_by_field_name("declarator"):
            value = field(declarator, "value")
            values = [value] if value is not None else _java_zero(type_node)
            out.append(([field(declarator, "name")], values, "="))
        return out

    def branches(self, node):
        if node.type == "if_statement":
            return super().branches(node)
        body = field(node, "body")
        cases = body.named_children if body is not None else []
        return cases, any(b"default" in c.text[:12] for c in cases)

    def call(self, node, flow, env):
        obj, name_node, arguments = field(node, "object"), field(node, "name"), field(node, "arguments")
        name = name_node.text.decode("utf-8", "replace")
        qualified = f"{obj.text.decode('utf-8', 'replace')}.{name}" if obj is not None else name
        args = self.args(arguments, flow, env)
        if qualified in ("String.format",) and args:
            return texts.format_go(args[0], args[1:])
        if name == "formatted" and obj is not None:
            return texts.format_go(flow.eval(obj, env), args)
        if qualified == "String.join" and args:
            items = args[1] if len(args) == 2 and args[1].kind == "list" else texts.as_list(args[1:])
            return texts.join(items, args[0])
        if qualified in ("List.of", "Arrays.asList", "Stream.of", "Set.of"):
            return texts.as_list(args)
        if qualified == "String.valueOf" and args:
            return args[0]
        if obj is not None and name in ("append", "add") and args:
            current = flow.eval(obj, env)
            grown = texts.concat(current, args[0]) if current.kind == "str" else texts.append(current, args[:1])
            self.mutate(_root(obj), grown, flow, env)
            return grown
        if obj is not None and name in ("toString", "trim", "strip") and not args:
            return flow.eval(obj, env)
        return flow.call_unknown(name, node, args, env, obj)

    def new(self, node, flow, env) -> Value:
        type_node, arguments = field(node, "type"), field(node, "arguments")
        kind = type_node.text if type_node is not None else b""
        args = self.args(arguments, flow, env)
        if kind.startswith((b"StringBuilder", b"StringBuffer", b"StringJoiner")):
            return args[0] if args and args[0].kind == "str" and not kind.startswith(b"StringJoiner") else EMPTY_STR
        if kind.startswith((b"ArrayList", b"LinkedList")):
            return args[0] if args and args[0].kind == "list" else EMPTY_LIST
        return flow.call_unknown(kind.decode("utf-8", "replace"), node, args, env)


class _Start:
    """Where content that ends just before ``after`` started (for its line)."""

    def __init__(self, after, raw: str):
        row = after.start_point[0] - raw.count("\n")
        self.start_point = (row, 0)


def _root(node):
    """The variable at the start of ``sb.append(a).append(b)``."""
    while node is not None and node.type == "method_invocation":
        node = field(node, "object")
    return node


def _java_zero(type_node) -> list:
    return []


# ====================================================================== Kotlin


class KotlinRules(Rules):
    functions = frozenset({"function_declaration", "lambda_literal", "anonymous_function"})
    blocks = frozenset({"block", "function_body", "statements"})
    strings = frozenset({"string_literal", "multiline_string_literal"})
    content = frozenset({"string_content"})
    interpolations = frozenset({"interpolation"})
    concatenations = frozenset({"binary_expression", "additive_expression", "parenthesized_expression"})
    statements = {
        "property_declaration": "s_declare", "assignment": "s_declare", "if_expression": "s_branches",
        "when_expression": "s_branches", "for_statement": "s_loop", "while_statement": "s_loop",
        "do_while_statement": "s_loop", "return_expression": "s_return", "jump_expression": "s_return",
        "class_declaration": "s_class", "object_declaration": "s_class", "companion_object": "s_class",
        "class_body": "s_class",
    }
    expressions = {
        "identifier": "e_name", "simple_identifier": "e_name", "navigation_expression": "e_field_or_call",
        "indexing_expression": "e_index", "parenthesized_expression": "e_inner", "binary_expression": "e_binary",
        "additive_expression": "e_binary", "call_expression": "e_call",
    }
    sinks = {"prepareStatement": 0, "executeQuery": 0, "executeUpdate": 0, "execute": 0, "createNativeQuery": 0,
             "queryForObject": 0, "queryForList": 0, "query": 0, "update": 0, "exec": 0}

    def function_name(self, node, src):
        name = field(node, "name")
        if name is None:
            name = next((c for c in node.named_children if c.type in ("identifier", "simple_identifier")), None)
        return name.text.decode("utf-8", "replace") if name is not None else ""

    def parameters_node(self, node):
        return next((c for c in node.named_children if c.type in ("function_value_parameters", "lambda_parameters")), None)

    def body(self, node):
        found = next((c for c in node.named_children if c.type in ("function_body", "statements", "block")), None)
        if found is not None and found.type == "function_body" and found.named_child_count == 1 \
                and found.named_children[0].type not in self.blocks:
            return found.named_children[0]
        return found

    def assignments(self, node):
        if node.type == "assignment":
            left, right = field(node, "left"), field(node, "right")
            op = next((c.text.decode() for c in node.children if not c.is_named and c.text in (b"=", b"+=")), "?")
            return [([left], [right] if right is not None else [], op)] if left is not None else []
        declaration = next((c for c in node.named_children if c.type == "variable_declaration"), None)
        if declaration is None:
            return []
        name = next((c for c in declaration.named_children if c.type in ("identifier", "simple_identifier")), None)
        values = [c for c in node.named_children if c.type not in ("variable_declaration", "modifiers", "binding_pattern_kind",
                                                                   "type_constraints", "property_delegate", "getter", "setter")]
        return [([name], values[-1:], "=")] if name is not None else []

    def string(self, node, flow, env):
        parts, text = [], ""
        for child in node.children:  # the grammar splits "$name" into "$" and "name…": join the pieces
            if child.type == "string_content":
                text += flow.text_of(child)
                continue
            parts.extend(self._content(text, child, flow, env, node.type == "string_literal"))
            text = ""
            if child.type in self.interpolations:
                parts.append(self.interpolation(child, flow, env))
            elif child.type in self.escapes:
                parts.append(Value("str", (Text(decode_escapes(flow.text_of(child)), 0),)))
        return texts.concat(*parts) if parts else EMPTY_STR

    def _content(self, raw: str, after, flow, env, decode: bool) -> list[Value]:
        """Content up to ``after``, its ``$name`` templates evaluated."""
        if not raw:
            return []
        start = _Start(after, raw)
        pieces = re.split(r"\$([A-Za-z_]\w*)", raw)
        out = [piece(pieces[0], start, decode)]
        for i in range(1, len(pieces), 2):
            out.append(flow.e_name_text(pieces[i], env))
            out.append(Value("str", (Text(decode_escapes(pieces[i + 1]) if decode else pieces[i + 1], 0),)))
        return out

    def branches(self, node):
        if node.type == "if_expression":
            condition = field(node, "condition")
            parts = [c for c in node.named_children if condition is None or c.id != condition.id]
            return parts, len(parts) >= 2
        entries = [c for c in node.named_children if c.type == "when_entry"]
        return entries, any(b"else" in c.text[:6] for c in entries)

    def conditions(self, node):
        condition = field(node, "condition")
        return [condition] if condition is not None else []

    def loop_body(self, node):
        return next((c for c in reversed(node.named_children) if c.type in ("block", "control_structure_body")), None)

    def call(self, node, flow, env):
        callee = node.named_children[0] if node.named_children else None
        arguments = next((c for c in node.named_children if c.type in ("value_arguments", "call_suffix")), None)
        if callee is None:
            return flow.hole("a call")
        receiver = callee.named_children[0] if callee.type == "navigation_expression" else None
        name_node = callee.named_children[-1] if callee.type == "navigation_expression" else callee
        name = name_node.text.decode("utf-8", "replace").lstrip(".?")
        args = [flow.eval(a.named_children[-1], env) for a in (arguments.named_children if arguments is not None else [])
                if a.named_children]
        if name in ("listOf", "mutableListOf", "arrayOf", "arrayListOf"):
            return texts.as_list(args)
        if name == "joinToString" and receiver is not None:
            return texts.join(_as_list(flow.eval(receiver, env)), args[0] if args else Value("str", (Text(", ", 0),)))
        if name == "format" and receiver is not None:
            if receiver.text == b"String" and args:
                return texts.format_go(args[0], args[1:])
            return texts.format_go(flow.eval(receiver, env), args)
        if name in ("StringBuilder", "StringBuffer"):
            return args[0] if args and args[0].kind == "str" else EMPTY_STR
        if name in ("append", "add") and receiver is not None and args:
            current = flow.eval(receiver, env)
            grown = texts.concat(current, args[0]) if current.kind == "str" else texts.append(current, args[:1])
            self.mutate(receiver, grown, flow, env)
            return grown
        if name in ("toString", "trimIndent", "trimMargin", "trim") and receiver is not None:
            return flow.eval(receiver, env)
        return flow.call_unknown(name, node, args, env, receiver)


for _rules in (GoRules, PythonRules, JsRules, JavaRules, KotlinRules):
    _rules.expressions = {**_rules.expressions, **{n: "e_number" for n in Rules.numbers}}

LANGUAGE_RULES: dict[str, Rules] = {
    "go": GoRules(), "python": PythonRules(), "js": JsRules(), "ts": TsRules(), "tsx": TsRules(),
    "java": JavaRules(), "kotlin": KotlinRules(),
}
