"""Values another file defines: a Go package's helpers and constants, a Python or TS module's imports.

A file whose SQL has a hole for a name it does not define (``Result.needed``: ``invoiceColumns()``,
``FIELDS``, ``cols.FIELDS``) is read a second time with a ``Linker``, which finds the definition:

- Go: a function, method or package-level ``var``/``const`` of another file in the same directory and
  package (never a name qualified by an imported package, ``strconv.Itoa``);
- Python: ``from .cols import FIELDS``, ``from app.sql import columns``, ``from app import sql`` /
  ``import app.sql as sql`` then ``sql.columns()``, a module found among the files scanned (relative to the
  importing file, or under any directory above it);
- JS/TS: ``import { columns } from './cols'``, ``import * as cols``, a default import, of a file scanned
  (``./cols`` -> ``cols.ts``, ``cols.js``, ``cols/index.ts``…), its ``export``s and ``export { a as b }``.

The definition is followed with the values it is called with, as a helper of the same file is, at most
``flow.MAX_DEPTH`` calls deep and ``MAX_FILES`` files per file read. Each word its literals spell keeps its
own file:line (``Text.src``), so a column written in ``cols.go`` is evidence there as well as where the SQL
is sent. The result is cached under the file's content hash and the hashes of every file it consulted or
looked for (``deps``): editing ``cols.go`` reads the files that used it again, nothing else.
"""
from __future__ import annotations

import hashlib
import os
import re
from typing import Mapping

from remedy.sources.code import extract, syntax
from remedy.sources.code.texts import HOLE, Text, Value

MAX_FILES = 32  # other files followed per file read
KEEP_TREES = 256  # parsed files a scan keeps in memory for linking
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")
_GO_FILES = os.sep + "*.go"
_TS_EXTENSIONS = (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")


def link_key(key: str, real: str) -> str:
    """The cache key of a file's linked reading: its content, where it is (its package and imports)."""
    return "link:" + hashlib.sha256(f"{key}\0{os.path.abspath(real)}".encode()).hexdigest()


def linked_key(key: str, deps: list) -> str:
    """The cache key of the result itself: the file's content and every file it consulted, as they were."""
    return hashlib.sha256(f"{key}\0{deps!r}".encode()).hexdigest()


class Linker:
    """Finds, parses and follows other files' definitions for the file being read (one per scan)."""

    def __init__(self, files: Mapping[str, str], keys: Mapping[str, str]):
        self.files = files  # absolute path -> path as evidence shows it (every file of the scan)
        self.keys = keys  # absolute path -> content key ("" for none)
        self._trees: dict[str, tuple] = {}
        self._lines: dict[str, list[str]] = {}
        self._packages: dict[str, dict[str, dict[str, str]]] = {}  # folder -> package -> name -> file
        self._imports: dict[str, dict] = {}
        self._folders: dict[str, str] | None = None
        self.start("")

    def start(self, path: str) -> None:
        """Begin reading ``path``: what it consults is recorded afresh."""
        self.current = os.path.abspath(path) if path else ""
        self.deps: dict[str, str] = {}
        self.flows: dict[str, object] = {}
        self.used = False

    def valid(self, deps: list) -> bool:
        """Every file a cached reading consulted (or looked for and did not find) is as it was."""
        return all(self._state(path) == key for path, key in deps)

    def _state(self, path: str) -> str:
        """A file's content key ("" when not scanned); for ``dir/*.go``, one digest of the Go files there and
        their contents (one added, removed or edited counts)."""
        if not path.endswith(_GO_FILES):
            return self.keys.get(path, "")
        if self._folders is None:
            folders: dict[str, list[str]] = {}
            for real in sorted(self.files):
                if real.endswith(".go"):
                    folders.setdefault(os.path.dirname(real), []).append(f"{os.path.basename(real)}:{self.keys.get(real)}")
            self._folders = {folder: hashlib.sha256("\n".join(names).encode()).hexdigest()
                             for folder, names in folders.items()}
        return self._folders.get(path[:-len(_GO_FILES)], "")

    def read(self, real: str, language: str, dialect: str) -> tuple[dict | None, list]:
        """The file's result read with other files' definitions (None when none was found) and its deps."""
        from remedy.sources.code.parse import file_result

        self.start(real)
        data, skip = extract.read_bytes(real)
        try:
            result = file_result(data, language, dialect, linker=self, path=real) if skip is None else None
        except Exception:  # a shape followed across files the flow mishandles: the file's own reading stands
            result = None
        deps = sorted(self.deps.items())
        return (result if self.used else None), deps

    # ------------------------------------------------------------------ what the flow asks

    def function(self, flow, qualifier: str, name: str):
        """(the other file's flow, the function's node) for ``name`` called from ``flow``, or None."""
        other, local = self._definition(flow, qualifier, name)
        node = other.functions.get(local) if other is not None else None
        if node is None:
            return None
        self.used = True
        return other, node

    def value(self, flow, qualifier: str, name: str) -> Value | None:
        """The value of a constant another file defines, as ``flow`` names it, or None."""
        other, local = self._definition(flow, qualifier, name)
        if other is None:
            return None
        value = other.globals.get(local)
        if value is None and local not in other.functions and other is not flow:
            value = self.value(other, "", local) if flow.depth + 1 < _max_depth() else None  # re-exported
        if value is None or value.kind not in ("str", "list"):
            return None
        self.used = True
        return value

    def tag(self, flow, value: Value) -> Value:
        """A literal of another file: each word it spells with that file's line and code."""
        if value.kind != "str":
            return value
        if flow.path not in self._lines:
            self._lines[flow.path] = flow.src.decode("utf-8", "replace").splitlines()
        lines = self._lines[flow.path]
        return Value("str", tuple(_tagged(t, flow.origin, lines) for t in value.alts), value.truncated)

    # ------------------------------------------------------------------ finding definitions

    def _definition(self, flow, qualifier: str, name: str):
        """(flow of the file defining it, its name there), or (None, "")."""
        path = flow.path
        if not path:
            return None, ""
        if flow.lang == "go":
            target = self._go(flow, qualifier, name)
        elif flow.lang == "python":
            target = self._python(flow, qualifier, name)
        elif flow.lang in ("js", "ts", "tsx"):
            target = self._js(flow, qualifier, name)
        else:
            target = None
        if target is None or target[0] == path:
            return None, ""
        other = self._flow(target[0], flow)
        if other is None:
            return None, ""
        return other, _exported(other, target[1])

    def _go(self, flow, qualifier: str, name: str):
        if qualifier and qualifier in self._go_imports(flow):
            return None  # strconv.Itoa: another package
        index = self._package(flow.path, flow)
        real = index.get(name)
        return (real, name) if real else None

    def _package(self, path: str, flow) -> dict[str, str]:
        """Go: {top-level name: file} of the files of ``path``'s directory and package ("" for a name two files
        define, such as a method of two types: which one a call means is not known)."""
        folder = os.path.dirname(path)
        self.deps[folder + _GO_FILES] = self._state(folder + _GO_FILES)  # every Go file there, as it is
        if folder not in self._packages:
            self._packages[folder] = self._package_names(folder)
        return self._packages[folder].get(_go_package(flow.root, flow.src), {})

    def _package_names(self, folder: str) -> dict[str, dict[str, str]]:
        """{package: {top-level name: file}} of the Go files of ``folder``."""
        by_package: dict[str, dict[str, str]] = {}
        for real in sorted(p for p in self.files if p.endswith(".go") and os.path.dirname(p) == folder):
            parsed = self._parse(real)
            if parsed is None:
                continue
            src, tree = parsed
            names = by_package.setdefault(_go_package(tree.root_node, src), {})
            for top in set(_go_names(tree.root_node)):
                names[top] = "" if top in names else real  # in two files (methods of two types): not followed
        return by_package

    def _go_imports(self, flow) -> set[str]:
        names = set()
        for spec in _descendants(flow.root, "import_spec", ("import_declaration", "import_spec_list")):
            alias, path = spec.child_by_field_name("name"), spec.child_by_field_name("path")
            if alias is not None:
                names.add(alias.text.decode("utf-8", "replace"))
            elif path is not None:
                parts = path.text.decode("utf-8", "replace").strip('"`').split("/")
                names.add(parts[-2] if re.fullmatch(r"v\d+", parts[-1]) and len(parts) > 1 else parts[-1])
        return names

    def _python(self, flow, qualifier: str, name: str):
        imports = self._imports_of(flow, _python_imports)
        if qualifier:
            entry = imports.get(qualifier)  # sql.columns(): sql is a module
            if entry is None:
                return None
            module, level, attr = entry
            real = self._py_module(flow.path, f"{module}.{attr}" if attr and module else attr or module, level)
            return (real, name) if real else None
        entry = imports.get(name)
        if entry is None or entry[2] is None:
            return None
        module, level, attr = entry
        real = self._py_module(flow.path, module, level)
        return (real, attr) if real else None

    def _py_module(self, path: str, dotted: str, level: int) -> str | None:
        parts = [p for p in dotted.split(".") if p]
        if level:
            bases = [os.path.dirname(path)]
            for _ in range(level - 1):
                bases[0] = os.path.dirname(bases[0])
        else:
            bases = _ancestors(os.path.dirname(path))
        for base in bases:
            stem = os.path.join(base, *parts)
            for candidate in (stem + ".py", os.path.join(stem, "__init__.py")):
                self.deps[candidate] = self.keys.get(candidate, "")
                if candidate in self.files:
                    return candidate
        return None

    def _js(self, flow, qualifier: str, name: str):
        imports = self._imports_of(flow, _js_imports)
        entry = imports.get(qualifier) if qualifier else imports.get(name)
        if entry is None or (qualifier and entry[1] != "*") or (not qualifier and entry[1] == "*"):
            return None
        real = self._js_module(flow.path, entry[0])
        return (real, name if qualifier else entry[1]) if real else None

    def _js_module(self, path: str, spec: str) -> str | None:
        if not spec.startswith("."):
            return None  # a package, or a path alias remedy does not know
        stem = os.path.normpath(os.path.join(os.path.dirname(path), spec))
        bare = re.sub(r"\.(?:js|mjs|cjs|jsx)$", "", stem)
        candidates = [stem] + [bare + ext for ext in _TS_EXTENSIONS] + [os.path.join(stem, "index" + ext)
                                                                         for ext in _TS_EXTENSIONS]
        for candidate in candidates:
            self.deps[candidate] = self.keys.get(candidate, "")
            if candidate in self.files:
                return candidate
        return None

    def _imports_of(self, flow, reader) -> dict:
        if flow.path not in self._imports:
            self._imports[flow.path] = reader(flow.root)
        return self._imports[flow.path]

    # ------------------------------------------------------------------ other files

    def _parse(self, path: str):
        if path not in self._trees:
            if len(self._trees) >= KEEP_TREES:
                self._trees.clear()
            language = extract.language_of(path)
            data, skip = extract.read_bytes(path)
            if skip is not None or not language or language not in syntax.GRAMMARS or b"\0" in data[:8192]:
                self._trees[path] = None
            else:
                self._trees[path] = (data, syntax.parse(data, language))
        return self._trees[path]

    def _flow(self, path: str, caller):
        """The flow of another file, its constants evaluated (made once per file read)."""
        from remedy.sources.code.flow import Flow, Stop

        if path in self.flows:
            return self.flows[path]
        parsed = self._parse(path) if len(self.flows) < MAX_FILES else None
        if parsed is None:
            return None
        src, tree = parsed
        other = Flow(src, tree.root_node, extract.language_of(path), self, path, self.files.get(path, path))
        other.holes, other.recording, other.depth = caller.holes, False, caller.depth + 1
        self.flows[path] = other  # before its constants: a file that imports back finds it, half read
        try:
            other.module(tree.root_node)
        except (Stop, RecursionError):
            pass
        other.depth = 0
        return other


def _max_depth() -> int:
    from remedy.sources.code.flow import MAX_DEPTH

    return MAX_DEPTH


def _tagged(t: Text, origin: str, lines: list[str]) -> Text:
    if not t.line:
        return t
    lead = len(t.text) - len(t.text.lstrip())
    first = t.line - t.text[:lead].count("\n")
    words = []
    for m in _WORD.finditer(t.text):
        if m.group(0).startswith(HOLE):
            continue
        line = first + t.text.count("\n", 0, m.start())
        snippet = lines[line - 1].strip()[:240] if 0 < line <= len(lines) else ""
        words.append((m.group(0).lower(), origin, line, snippet))
    return Text(t.text, t.line, t.literal, t.src + tuple(words))


def _exported(flow, name: str) -> str:
    """The local name behind an exported one (``export { a as b }``, ``export default a``)."""
    if flow.lang not in ("js", "ts", "tsx"):
        return name
    for statement in flow.root.named_children:
        if statement.type != "export_statement":
            continue
        value = statement.child_by_field_name("value")
        if name == "default" and value is not None and value.type == "identifier":
            return value.text.decode("utf-8", "replace")
        declaration = statement.child_by_field_name("declaration")
        if name == "default" and declaration is not None and declaration.child_by_field_name("name") is not None \
                and any(c.type == "default" for c in statement.children):
            return declaration.child_by_field_name("name").text.decode("utf-8", "replace")
        for spec in _descendants(statement, "export_specifier", ("export_clause",)):
            local, alias = spec.child_by_field_name("name"), spec.child_by_field_name("alias")
            if alias is not None and alias.text.decode("utf-8", "replace") == name and local is not None:
                return local.text.decode("utf-8", "replace")
    return name


def _descendants(node, kind: str, through: tuple[str, ...]):
    for child in node.named_children:
        if child.type == kind:
            yield child
        elif child.type in through:
            yield from _descendants(child, kind, through)


def _go_package(root, src: bytes) -> str:
    clause = next((c for c in root.named_children if c.type == "package_clause"), None)
    return clause.named_children[0].text.decode("utf-8", "replace") if clause is not None and clause.named_children \
        else ""


def _go_names(root):
    """Top-level functions, methods (by their name) and package-level vars and consts of a Go file."""
    for node in root.named_children:
        if node.type in ("function_declaration", "method_declaration"):
            name = node.child_by_field_name("name")
            if name is not None:
                yield name.text.decode("utf-8", "replace")
        elif node.type in ("var_declaration", "const_declaration"):
            for spec in _descendants(node, node.type.replace("declaration", "spec"), ("var_spec_list",)):
                for i, child in enumerate(spec.children):
                    if spec.field_name_for_child(i) == "name":
                        yield child.text.decode("utf-8", "replace")


def _python_imports(root) -> dict:
    """{local name: (module, level, attr)}: attr None when the name is the module itself."""
    out: dict = {}
    for node in root.named_children:
        if node.type == "import_from_statement":
            module = node.child_by_field_name("module_name")
            level, dotted = _python_module(module)
            for i, child in enumerate(node.children):
                if node.field_name_for_child(i) != "name":
                    continue
                imported, alias = (child.child_by_field_name("name"), child.child_by_field_name("alias")) \
                    if child.type == "aliased_import" else (child, None)
                attr = imported.text.decode("utf-8", "replace")
                out[(alias or imported).text.decode("utf-8", "replace")] = (dotted, level, attr)
        elif node.type == "import_statement":
            for i, child in enumerate(node.children):
                if node.field_name_for_child(i) == "name" and child.type == "aliased_import":
                    name, alias = child.child_by_field_name("name"), child.child_by_field_name("alias")
                    out[alias.text.decode("utf-8", "replace")] = (name.text.decode("utf-8", "replace"), 0, None)
    return out


def _python_module(node) -> tuple[int, str]:
    if node is None:
        return 0, ""
    if node.type != "relative_import":
        return 0, node.text.decode("utf-8", "replace")
    prefix = next((c for c in node.named_children if c.type == "import_prefix"), None)
    dotted = next((c for c in node.named_children if c.type == "dotted_name"), None)
    return (len(prefix.text) if prefix is not None else 1), (dotted.text.decode("utf-8", "replace") if dotted else "")


def _js_imports(root) -> dict:
    """{local name: (module specifier, exported name | "*" | "default")}."""
    out: dict = {}
    for node in root.named_children:
        source = node.child_by_field_name("source") if node.type == "import_statement" else None
        clause = next((c for c in node.named_children if c.type == "import_clause"), None) if source else None
        if clause is None:
            continue
        spec = source.text.decode("utf-8", "replace").strip("'\"`")
        for part in clause.named_children:
            if part.type == "identifier":
                out[part.text.decode("utf-8", "replace")] = (spec, "default")
            elif part.type == "namespace_import" and part.named_children:
                out[part.named_children[0].text.decode("utf-8", "replace")] = (spec, "*")
            elif part.type == "named_imports":
                for item in part.named_children:
                    name, alias = item.child_by_field_name("name"), item.child_by_field_name("alias")
                    if name is not None:
                        out[(alias or name).text.decode("utf-8", "replace")] = (spec, name.text.decode("utf-8", "replace"))
    return out


def _ancestors(folder: str) -> list[str]:
    out = [folder]
    while os.path.dirname(out[-1]) != out[-1]:
        out.append(os.path.dirname(out[-1]))
    return out
