"""Go ``gorm``: chains read as the SQL they send, model structs as the tables and columns they map to.

``r.db.Model(&User{}).Where("status = ?", s).Select("id, email").Find(&users)`` is
``SELECT id, email FROM users WHERE status = ?`` at the chain's line. The table is the one
``Table("t")`` names, else the model's (``Model(&T{})``, else the destination of ``Find`` /
``First`` / ``Create`` / ``Delete``…): gorm's naming convention (snake_case, plural by gorm's
inflection rules) unless the struct has a ``TableName()`` method in any file scanned, or the
``gorm.Config`` sets ``SingularTable`` / ``TablePrefix``. The struct's fields are the columns the
code expects of that table (``gorm:"column:x"`` tags, ``gorm.Model`` embedded, Go types and
``gorm:"type:…"`` tags as types). A part the code does not spell (a condition from a parameter,
``Scopes(…)``, an association join, the fields an ``Updates(&u)`` writes) stays an unknown part:
the site counts as read partly, with the reason.

Parsing is per file and schema-free (cached); ``model_names`` and ``expectations`` join the files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from remedy.model import Evidence
from remedy.sources.code import chains, texts
from remedy.sources.code.models import STRUCT, go_type, snake, table_names
from remedy.sources.code.texts import Text, Value

IMPORTS = (b"gorm.io/gorm", b"jinzhu/gorm")
HANDLES = {"db", "DB", "tx", "Tx", "TX", "gdb", "gormDB", "GormDB", "orm", "Orm", "conn", "Conn", "database",
           "Database", "gorm", "Gorm", "dbConn", "DbConn", "dB"}
PASS = {"WithContext", "Debug", "Unscoped", "Session", "Omit", "Preload", "Clauses", "Begin", "Set", "InstanceSet",
        "Attrs", "Assign", "Distinct", "Statement", "Limit", "Offset", "Order", "Group", "Having", "Joins",
        "InnerJoins", "Select", "Where", "Or", "Not", "Model", "Table", "Scopes", "Lock"}
FINDERS = {"Find": "", "First": " LIMIT 1", "Last": " LIMIT 1", "Take": " LIMIT 1", "Scan": "", "Row": "", "Rows": "",
           "FirstOrInit": " LIMIT 1", "FirstOrCreate": " LIMIT 1", "FindInBatches": ""}
WRITERS = {"Create", "Save", "CreateInBatches", "Update", "UpdateColumn", "Updates", "UpdateColumns", "Delete"}
TERMINAL = set(FINDERS) | WRITERS | {"Pluck", "Count"}
METHODS = PASS | TERMINAL
_BUILTIN_TYPES = {"string", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
                  "float32", "float64", "bool", "byte", "rune", "any", "error", "interface"}
_IN_PARAM = re.compile(r"(?i)\b(in)\s+\?")
_NAMED = re.compile(r"@\w+")


# ------------------------------------------------------------------ naming

_UNCOUNTABLE = {"equipment", "information", "rice", "money", "species", "series", "fish", "sheep", "jeans", "police"}
_IRREGULAR = {"person": "people", "man": "men", "child": "children", "sex": "sexes", "move": "moves",
              "mombie": "mombies"}
_PLURALS = [  # jinzhu/inflection's rules, the last that matches wins
    (r"$", "s"), (r"s$", "s"), (r"^(ax|test)is$", r"\1es"), (r"(octop|vir)us$", r"\1i"), (r"(octop|vir)i$", r"\1i"),
    (r"(alias|status|campus)$", r"\1es"), (r"(bu)s$", r"\1ses"), (r"(buffal|tomat)o$", r"\1oes"),
    (r"([ti])um$", r"\1a"), (r"([ti])a$", r"\1a"), (r"sis$", "ses"), (r"(?:([^f])fe|([lr])f)$", r"\1\2ves"),
    (r"(hive)$", r"\1s"), (r"([^aeiouy]|qu)y$", r"\1ies"), (r"(x|ch|ss|sh)$", r"\1es"),
    (r"(matr|vert|ind)(?:ix|ex)$", r"\1ices"), (r"([m|l])ouse$", r"\1ice"), (r"([m|l])ice$", r"\1ice"),
    (r"^(ox)$", r"\1en"), (r"^(oxen)$", r"\1"), (r"(quiz)$", r"\1zes"),
]


def plural(word: str) -> str:
    """gorm's plural (jinzhu/inflection) of a snake_case name: its last word changes."""
    head, _, last = word.rpartition("_")
    prefix = head + "_" if head else ""
    if last in _UNCOUNTABLE:
        return word
    for single, many in _IRREGULAR.items():
        if last == single:
            return prefix + many
    for pattern, replacement in reversed(_PLURALS):
        if re.search(pattern, last):
            return prefix + re.sub(pattern, replacement, last, count=1)
    return word + "s"


def convention(struct: str) -> str:
    """The table gorm's default naming strategy gives a struct: ``OrderItem`` -> ``order_items``."""
    return plural(snake(struct))


@dataclass(frozen=True)
class Naming:
    """What the scanned code says about table names: TableName() methods and the naming strategy."""

    tables: dict  # struct -> table its TableName() returns
    singular: bool = False
    prefix: str = ""

    def table(self, struct: str) -> str:
        if struct in self.tables:
            return self.tables[struct]
        return self.prefix + (snake(struct) if self.singular else convention(struct))


def model_names(results: list[dict]) -> Naming:
    """The naming the files of one scan declare (the first TableName() of a struct wins)."""
    tables: dict[str, str] = {}
    singular, prefix = False, ""
    for result in results:
        info = result.get("gm") or {}
        for struct, table in info.get("n", {}).items():
            tables.setdefault(struct, table)
        singular = singular or info.get("singular", False)
        prefix = prefix or info.get("prefix", "")
    return Naming(tables, singular, prefix)


# ------------------------------------------------------------------ model structs (per file, schema-free)

_FIELD = re.compile(r"^\s*([A-Z]\w*)\s+([*\w.\[\]]+)\s*(`[^`]*`)?\s*(?://.*)?$")
_EMBEDDED_MODEL = re.compile(r"^\s*gorm\.Model\s*(?://.*)?$")
_GORM_TAG = re.compile(r'\bgorm:"([^"]*)"')
_SINGULAR = re.compile(r"\bSingularTable\s*:\s*true\b|\.SingularTable\(\s*true\s*\)")  # v2 config, v1 call
_PREFIX = re.compile(r'\bTablePrefix\s*:\s*"(\w*(?:\.\w*)?)"'  # TablePrefix: "app_", or a schema: "billing."
                     r'|\bDefaultTableNameHandler\s*=\s*func\s*\([^)]*\)\s*string\s*\{\s*return\s+"(\w*)"\s*\+')  # v1
_GORM_MODEL_FIELDS = [("id", "bigint"), ("created_at", "timestamptz"), ("updated_at", "timestamptz"),
                      ("deleted_at", "timestamptz")]
_TYPES = {"uint": "bigint", "uint64": "bigint", "uint32": "bigint", "uint16": "integer", "uint8": "smallint",
          "gorm.DeletedAt": "timestamptz", "datatypes.JSON": "jsonb", "datatypes.Date": "date",
          "datatypes.UUID": "uuid", "sql.NullByte": "smallint"}


def file_models(text: str) -> dict:
    """{"n": {struct: TableName()}, "f": {struct: [[column, line, snippet, type]]}, "singular", "prefix"}
    for one Go file that mentions gorm (plain data, cacheable). A field whose Go type says nothing
    certain (a struct, a relation, a named type) is left to the code's SQL, not guessed as a column."""
    if "gorm" not in text and "TableName()" not in text:
        return {}
    out: dict = {"n": table_names(text), "f": {}}
    if _SINGULAR.search(text):
        out["singular"] = True
    prefix = _PREFIX.search(text)
    if prefix:
        out["prefix"] = prefix.group(1) or prefix.group(2) or ""
    lines = text.splitlines()
    for struct in STRUCT.finditer(text):
        first = text.count("\n", 0, struct.start(2)) + 1
        fields = []
        for offset, line in enumerate(struct.group(2).split("\n")):
            number = first + offset
            if _EMBEDDED_MODEL.match(line):
                fields += [[c, number, lines[number - 1].strip()[:240], f"sql:{t}:gorm.Model"]
                           for c, t in _GORM_MODEL_FIELDS]
                continue
            field = _column(line)
            if field is not None:
                fields.append([field[0], number, lines[number - 1].strip()[:240], field[1]])
        if fields:
            out["f"][struct.group(1)] = fields
    return out


def _column(line: str) -> tuple[str, str] | None:
    """(column, declared type) of one struct field line, None when it is not certainly a column."""
    m = _FIELD.match(line)
    if m is None:
        return None
    name, kind, tag = m.group(1), m.group(2), m.group(3) or ""
    options = dict(_option(o) for o in (_GORM_TAG.search(tag).group(1).split(";") if _GORM_TAG.search(tag) else ())
                   if o.strip())
    if "-" in options or options.get("-") is not None or any(k in options for k in (
            "foreignkey", "references", "many2many", "embedded", "polymorphic", "joinforeignkey")):
        return None
    sql_type = options.get("type", "")
    known = go_type(kind) or _TYPES.get(kind.lstrip("*"), "")
    if not known and not sql_type and "column" not in options:
        return None
    if sql_type:
        declared = f'sql:{sql_type}:gorm:"type:{sql_type}"'
    else:
        declared = kind if go_type(kind) or not known else f"sql:{known}:{kind}"
    return options.get("column") or snake(name), declared


def _option(option: str) -> tuple[str, str]:
    key, _, value = option.partition(":")
    return key.strip().lower(), value.strip()


def expectations(results_by_file, naming: Naming, known) -> list[tuple[tuple[str, str, str], Evidence, str]]:
    """((schema, table, column), evidence, declared type) for the fields of every struct a gorm chain uses."""
    used = {struct for _, result in results_by_file for _, struct in result.get("g", ())}
    out = []
    for shown, result in results_by_file:
        for struct, fields in ((result.get("gm") or {}).get("f") or {}).items():
            if struct not in used:
                continue
            table = naming.table(struct)
            if not table:
                continue  # a TableName() remedy cannot read: no table to expect these columns of
            schema, name = table.split(".", 1) if "." in table else known.table("", table)
            out.extend(((schema, name, column), Evidence(shown, line, snippet), declared)
                       for column, line, snippet, declared in fields)
    return out


def renamed(statement, uses: list, naming: Naming, known):
    """The statement with each model table gorm's convention named replaced by the table the code declares."""
    for line, struct in uses:
        if line != statement.line:
            continue
        wrong, right = convention(struct), naming.table(struct)
        if wrong == right:
            continue
        if not right:  # a TableName() remedy cannot read: the chain's table is unknown, never the convention's
            statement = replace(statement, tables=tuple(t for t in statement.tables if t[1] != wrong),
                                columns=tuple(c for c in statement.columns if c[1] != wrong))
            continue
        schema, name = right.split(".", 1) if "." in right else known.table("", right)
        sql = re.sub(rf"(?<![\w.]){re.escape(wrong)}(?!\w)", right, statement.sql)
        tables = tuple((schema, name) if t[1] == wrong else t for t in statement.tables)
        columns = tuple((schema, name, c[2]) if c[1] == wrong else c for c in statement.columns)
        statement = replace(statement, sql=sql, tables=tables, columns=columns)
    return statement


# ------------------------------------------------------------------ chains (in the flow)


def struct_of(type_node) -> str:
    """``*User`` / ``[]models.User`` / ``[]*User`` -> ``User`` ("" for builtins and other shapes)."""
    node = type_node
    while node is not None and node.type in ("pointer_type", "slice_type", "array_type", "qualified_type",
                                             "generic_type", "parenthesized_type"):
        inner = node.child_by_field_name("element") or node.child_by_field_name("name") \
            or node.child_by_field_name("type")
        if inner is None:
            named = [c for c in node.named_children]
            inner = named[-1] if named else None
        node = inner
    if node is None or node.type != "type_identifier":
        return ""
    name = node.text.decode("utf-8", "replace")
    return "" if name in _BUILTIN_TYPES else name


def model(struct: str) -> Value:
    return Value("model", (Text(struct, 0),))


def handle() -> Value:
    return chains.start("gorm")


def is_handle_type(type_node) -> bool:
    return type_node is not None and type_node.text.replace(b" ", b"") in (b"*gorm.DB", b"gorm.DB")


def step(chain: Value, name: str, args: list[Value], nodes: list, flow, line: int) -> Value:
    """The gorm chain after ``.name(args)``; a terminal call records the statement it sends."""
    chain = Value("gorm", tuple(t if t.line else Text(t.text, line, t.literal) for t in chain.alts), chain.truncated)
    hole = flow.hole
    if name == "Table" and args:
        return chains.add(chain, "table", args[0])
    if name == "Model" and args:
        return _with_model(chain, args[0])
    if name in ("Where", "Or", "Not") and args:
        return _condition(chain, "where", args, nodes, flow)
    if name == "Having" and args:
        return _condition(chain, "having", args, nodes, flow)
    if name in ("Select", "Distinct") and args:
        return chains.add(chain, "cols", _names(args))
    if name in ("Order", "Group") and args and args[0].kind == "str":
        return chains.add(chain, "order" if name == "Order" else "group", args[0])
    if name in ("Joins", "InnerJoins") and args:
        return _join(chain, args[0], name, hole)
    if name == "Preload":  # a second query, on an association's table: the site is read only partly, and says so
        return chains.add(chain, "note", hole(f"the query Preload({_text(nodes[0]) if nodes else ''}) sends on an "
                                              f"association's table, which remedy does not read"))
    if name == "Scopes":
        return chains.add(chain, "where", hole("conditions the Scopes(…) functions add"))
    if name == "Limit":
        return chains.add(chain, "limit", chains.text("0"))
    if name in TERMINAL:
        _terminal(chain, name, args, nodes, flow)
        return flow.hole(f"the result of gorm's `{name}(…)`")
    return chain


def _with_model(chain: Value, value: Value) -> Value:
    if value.kind != "model":
        return chain
    return chains.add(chain, "model", Value("str", value.alts))


def _names(args: list[Value]) -> Value:
    return chains.joined([a for a in args if a.kind in ("str", "list")])


def _condition(chain: Value, key: str, args: list[Value], nodes: list, flow) -> Value:
    first = args[0]
    if first.kind == "model":  # Where(&User{Name: "x"}): the fields are the model's columns, expected from it
        return chains.add(chain, "model", Value("str", first.alts)) if not chains.has(chain, "model") else chain
    keys = _map_keys(nodes[0], flow) if nodes else None
    if keys is not None:
        return chains.add(chain, key, chains.pairs(keys, " AND "))
    if first.kind != "str":
        return chains.add(chain, key, flow.hole("a condition remedy cannot read"))
    return chains.add(chain, key, _spelled(first))


def _spelled(condition: Value) -> Value:
    """gorm's ``IN ?`` (a slice) and ``@name`` parameters as SQL placeholders."""
    return Value("str", tuple(Text(_NAMED.sub("?", _IN_PARAM.sub(r"\1 (?)", t.text)), t.line, t.literal)
                              for t in condition.alts), condition.truncated)


def _map_keys(node, flow) -> Value | None:
    """``map[string]interface{}{"a": 1, "b": x}`` -> ["a", "b"] (None: not a map literal)."""
    if node is None or node.type != "composite_literal":
        return None
    type_node = node.child_by_field_name("type")
    if type_node is None or type_node.type != "map_type":
        return None
    body = node.child_by_field_name("body")
    keys = []
    for element in (body.named_children if body is not None else []):
        if element.type == "keyed_element" and element.named_children:
            key = element.named_children[0]
            key = key.named_children[0] if key.type == "literal_element" and key.named_children else key
            value = flow.eval(key, {})
            keys.append(value if value.known else flow.hole(f"a map key `{flow.text_of(key)[:40]}`"))
    return texts.as_list(keys)


def _join(chain: Value, value: Value, name: str, hole) -> Value:
    if value.kind == "str" and all(" " in t.text.strip() for t in value.alts):
        glue = chains.text(" ") if name == "Joins" else chains.text(" JOIN ")
        return chains.add(chain, "join", glue, value)
    return chains.add(chain, "join", chains.text(" LEFT JOIN "),
                      hole(f"the table of the association gorm joins ({name}(…))"), chains.text(" ON TRUE"))


def _terminal(chain: Value, name: str, args: list[Value], nodes: list, flow) -> None:
    dest = args[1] if name == "Pluck" and len(args) > 1 else args[0] if args else None
    if dest is not None and dest.kind == "model" and not chains.has(chain, "model"):
        chain = _with_model(chain, dest)
    if name in FINDERS:
        if len(args) > 1 and name != "Scan" and _spells_condition(args[1]):
            chain = chains.add(chain, "where", _spelled(args[1]))  # First(&u, "email = ?", e); First(&u, id): the key
        if FINDERS[name]:
            chain = chains.add(chain, "limit", chains.text("1"))
    elif name == "Pluck" and args:
        chain = chains.add(chain, "cols", args[0])
    elif name == "Count":
        chain = chains.add(chain, "cols", chains.text("count(*)"))
    elif name in ("Create", "Save", "CreateInBatches"):
        chain = chains.add(chain, "verb", chains.text("insert"))
        keys = _map_keys(nodes[0], flow) if nodes else None
        if keys is not None:  # Create(map[string]interface{}{"Name": …}): keys are field names, not columns
            chain = chains.add(chain, "icols", flow.hole("columns from a map's keys (gorm field names)"))
    elif name in ("Update", "UpdateColumn") and args:
        chain = chains.add(chains.add(chain, "verb", chains.text("update")), "set", args[0], chains.text(" = ?"))
    elif name in ("Updates", "UpdateColumns"):
        chain = chains.add(chain, "verb", chains.text("update"))
        keys = _map_keys(nodes[0], flow) if nodes else None
        chain = chains.add(chain, "set", chains.pairs(keys, ", ") if keys is not None else texts.concat(
            flow.hole("the fields of a struct an Updates(…) writes (expected from its model)"), chains.text(" = ?")))
    elif name == "Delete":
        chain = chains.add(chain, "verb", chains.text("delete"))
        if len(args) > 1 and _spells_condition(args[1]):
            chain = chains.add(chain, "where", _spelled(args[1]))
    if not (chains.has(chain, "table") or chains.has(chain, "model")):
        chain = chains.add(chain, "table", flow.hole(f"the table of `{_text(nodes[0]) if nodes else name}`, "
                                                     f"whose type remedy does not know here"))
    flow.record(chain)


def _text(node) -> str:
    return node.text.decode("utf-8", "replace")[:40]


def unread_receiver(operand, name: str, nodes: list, flow, line: int) -> bool:
    """``r.scoped(ctx).Find(&users)``: a gorm call on a chain remedy cannot follow (another file's helper)
    is an unread site, never silence. True when it is one."""
    dest = nodes[1] if name == "Pluck" and len(nodes) > 1 else nodes[0] if nodes else None
    if operand.type != "call_expression" or name not in TERMINAL or dest is None or dest.type != "unary_expression":
        return False
    called = None
    while operand is not None and operand.type == "call_expression":  # down to the call the chain starts on
        function = operand.child_by_field_name("function")
        called = function.child_by_field_name("field") if function.type == "selector_expression" else function
        operand = function.child_by_field_name("operand") if function.type == "selector_expression" else None
        if called is None or _text(called) not in METHODS:
            break
    flow.unread.append((line, f"a gorm chain on the result of `{_text(called) if called is not None else '?'}(…)`, "
                              f"which remedy does not follow", ""))
    return True


def _spells_condition(value: Value) -> bool:
    """An inline condition (``"email = ?"``), not a primary key value (``10``, ``id``)."""
    return value.kind == "str" and all(re.search(r"[?=<>@]|\s(?:in|like|is)\s", t.text.lower()) for t in value.alts)
