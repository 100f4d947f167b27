"""Import rules, checked over every module of the package (an AST walk, so a lazy import inside a function
counts too), and once at run time:

* the core (everything outside remedy/tui/) never imports Textual, so the CLI and CI run headless; only the
  two commands that open the TUI (remedy/cli/tui.py, remedy/cli/demo.py) import remedy.tui;
* remedy/tui/ never imports a database driver (psycopg, pymysql, sqlite3) or SQLAlchemy: it calls the same
  core functions the CLI does.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "remedy"
UI_LIBRARIES = ("textual",)
DRIVERS = ("psycopg", "psycopg2", "pymysql", "sqlite3", "sqlalchemy", "alembic")
OPENS_THE_TUI = {"cli/tui.py", "cli/demo.py"}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import statement in the file, at any depth."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [(node.lineno, node.module)] + [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
    return found


def _top(name: str, roots: tuple[str, ...]) -> bool:
    return any(name == root or name.startswith(root + ".") for root in roots)


def _where(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _in_tui(path: Path) -> bool:
    return _where(path).startswith("tui/")


def test_the_walk_sees_every_module():
    assert len(_modules()) > 80
    assert any(_in_tui(p) for p in _modules()) and any(_where(p) == "scan.py" for p in _modules())


def test_no_core_module_imports_textual():
    bad = [f"{_where(p)}:{line} imports {name}" for p in _modules() if not _in_tui(p)
           for line, name in _imports(p) if _top(name, UI_LIBRARIES)]
    assert bad == []


def test_only_the_commands_that_open_the_tui_import_it():
    bad = [f"{_where(p)}:{line} imports {name}" for p in _modules()
           if not _in_tui(p) and _where(p) not in OPENS_THE_TUI
           for line, name in _imports(p) if _top(name, ("remedy.tui",))]
    assert bad == []


def test_no_tui_module_imports_a_driver_or_sqlalchemy():
    bad = [f"{_where(p)}:{line} imports {name}" for p in _modules() if _in_tui(p)
           for line, name in _imports(p) if _top(name, DRIVERS)]
    assert bad == []


def test_importing_every_core_module_loads_no_textual():
    core = sorted({("remedy." + _where(p)[:-3].replace("/", ".")).removesuffix(".__init__")
                   for p in _modules() if not _in_tui(p) and _where(p) != "__main__.py"})
    code = (f"import importlib, sys\nfor m in {core!r}: importlib.import_module(m)\n"
            "print(','.join(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
