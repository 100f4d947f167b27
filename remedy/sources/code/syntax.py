"""Syntax trees from tree-sitter and its official grammars (one parser per language, made once)."""
from __future__ import annotations

from functools import lru_cache

import tree_sitter

GRAMMARS = {
    "go": ("tree_sitter_go", "language"),
    "python": ("tree_sitter_python", "language"),
    "js": ("tree_sitter_javascript", "language"),
    "ts": ("tree_sitter_typescript", "language_typescript"),
    "tsx": ("tree_sitter_typescript", "language_tsx"),
    "java": ("tree_sitter_java", "language"),
    "kotlin": ("tree_sitter_kotlin", "language"),
}


@lru_cache(maxsize=None)
def parser(language: str) -> tree_sitter.Parser:
    import importlib

    module, function = GRAMMARS[language]
    grammar = getattr(importlib.import_module(module), function)()
    return tree_sitter.Parser(tree_sitter.Language(grammar))


def parse(data: bytes, language: str) -> tree_sitter.Tree:
    return parser(language).parse(data)


def first_error(root: tree_sitter.Node) -> int:
    """Line of the first syntax error in the tree (0 when there is none)."""
    if not root.has_error:
        return 0
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            return node.start_point[0] + 1
        stack.extend(reversed([c for c in node.children if c.has_error or c.is_error or c.is_missing]))
    return 0
