"""A catalog directory: ``catalog.toml`` (phases, impact notes, rename hints) + DDL files.

The parsed schema is cached by the content hash of catalog.toml and every DDL
file, so an unchanged catalog is rescanned without parsing.
"""
from __future__ import annotations

import hashlib
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from remedy import dialects, paths
from remedy.errors import SourceError
from remedy.findings import Phase
from remedy.model import Schema
from remedy.sources.cache import load_cached, store_cached
from remedy.sources.ddl import build_schema, dialect_name, parse_ddl

CACHE_VERSION = "3"  # 2: tables pickled one by one, with signatures; 3: header and tables sealed


@dataclass(frozen=True)
class TableNotes:
    impact: str = ""
    renames: dict = field(default_factory=dict)  # new column name -> old column name


@dataclass(frozen=True)
class Catalog:
    path: Path
    name: str
    description: str
    dialect: str
    default_schema: str
    schema: Schema
    phases: tuple[Phase, ...]
    notes: dict  # table name -> TableNotes
    code_paths: tuple[str, ...] = ()
    demo_files: tuple[Path, ...] = ()
    ddl_files: tuple[Path, ...] = ()

    def notes_for(self, table: str) -> TableNotes:
        return self.notes.get(table) or self.notes.get(table.lower()) or TableNotes()


def is_catalog_dir(path: str) -> bool:
    return os.path.isdir(path) and os.path.exists(os.path.join(path, "catalog.toml"))


def load_catalog(path: str | Path) -> Catalog:
    root = Path(path)
    config = _read_toml(root / "catalog.toml")
    meta = config.get("catalog", {})
    if not isinstance(meta, dict):
        raise SourceError(f"{root / 'catalog.toml'}: [catalog] must be a table")
    dialect = dialect_name(str(meta.get("dialect", "postgres")))
    default_schema = str(meta.get("default_schema", dialects.get(dialect).default_schema))
    ddl_files = _globs(root, meta.get("ddl", ["schema/*.sql", "*.sql"]), "ddl")
    if not ddl_files:
        raise SourceError(f"{root}: catalog names no DDL files (set ddl = [\"schema/*.sql\"] in catalog.toml)")
    schema = _parsed_schema(root, ddl_files, dialect, default_schema)
    return Catalog(
        path=root, name=str(meta.get("name", root.name)), description=str(meta.get("description", "")),
        dialect=dialect, default_schema=default_schema, schema=schema,
        phases=_phases(config.get("phase", []), root), notes=_notes(config.get("table", {}), root),
        code_paths=tuple(str(root / p) for p in _strings(meta.get("code", []), f"{root / 'catalog.toml'}: code")),
        demo_files=tuple(_globs(root, meta.get("demo", []), "demo")), ddl_files=tuple(ddl_files),
    )


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise SourceError(f"{path.parent}: not a catalog (no catalog.toml)") from None
    except PermissionError:
        raise SourceError(f"{path}: permission denied") from None
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(f"{path}: malformed TOML: {exc}") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a directory, expected a file") from None
    except UnicodeDecodeError:
        raise SourceError(f"{path}: not UTF-8 text") from None


def _globs(root: Path, patterns, what: str) -> list[Path]:
    if isinstance(patterns, str):
        patterns = [patterns]
    if not isinstance(patterns, list):
        raise SourceError(f"{root / 'catalog.toml'}: {what} must be a list of paths or globs")
    found: list[Path] = []
    for pattern in patterns:
        _check_relative(root, pattern, what)
        matches = sorted(root.glob(pattern))
        found.extend(m for m in matches if m.is_file() and m not in found)
    return found


def _check_relative(root: Path, pattern, what: str) -> None:
    if not isinstance(pattern, str) or not pattern:
        raise SourceError(f"{root / 'catalog.toml'}: {what} must be a list of paths or globs, got {pattern!r}")
    if os.path.isabs(pattern):
        raise SourceError(f"{root / 'catalog.toml'}: {what} path {pattern!r} is absolute",
                          "paths in catalog.toml are relative to the catalog directory")


def _parsed_schema(root: Path, files: list[Path], dialect: str, default_schema: str) -> Schema:
    texts = [(f, _read_text(f)) for f in files]
    digest = hashlib.sha256(f"{CACHE_VERSION}|{_code_version()}|{dialect}|{default_schema}".encode())
    for f, text in texts:
        digest.update(str(f).encode() + b"\0" + text.encode() + b"\0")
    cache = cache_dir() / f"catalog-{digest.hexdigest()[:32]}.pickle"

    def parse() -> Schema:
        builder = None
        for f, text in texts:
            builder = parse_ddl(text, _display(f), dialect, default_schema, builder)
        schema = build_schema(builder, str(root))
        store_cached(cache, schema)
        return schema

    cached = load_cached(cache, rebuild=parse)
    return cached if isinstance(cached, Schema) else parse()


def _code_version() -> str:
    """The parser's own version: a change to normalization invalidates cached catalogs."""
    import remedy.diff.signature as signature
    from remedy import model, normalize
    from remedy.dialects import base, mysql, postgresql, postgresql_sequences, sqlite
    from remedy.sources import cache, ddl, partitions_mysql

    # the dialect rules read DDL too (SQLite's declared types and table flags, MariaDB's charsets...)
    modules = (model, normalize, ddl, signature, cache, partitions_mysql, base, mysql, postgresql,
               postgresql_sequences, sqlite)
    stamp = "".join(f"{m.__file__}:{os.stat(m.__file__).st_mtime_ns}" for m in modules)
    return hashlib.sha256(stamp.encode()).hexdigest()[:16]


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except PermissionError:
        raise SourceError(f"{path}: permission denied") from None
    except UnicodeDecodeError:
        raise SourceError(f"{path}: not UTF-8 text") from None


def cache_dir() -> Path:
    return paths.cache_dir()


def _phases(raw, root: Path) -> tuple[Phase, ...]:
    if not isinstance(raw, list):
        raise SourceError(f"{root / 'catalog.toml'}: [[phase]] entries must be an array of tables")
    phases = []
    for i, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict) or "title" not in entry:
            raise SourceError(f"{root / 'catalog.toml'}: phase #{i} needs at least a title")
        where = f"{root / 'catalog.toml'}: phase #{i}"
        phase_id = entry.get("id", i)
        if not isinstance(phase_id, int) or isinstance(phase_id, bool):
            raise SourceError(f"{where}: id must be a whole number, got {phase_id!r}")
        phases.append(Phase(
            id=phase_id, title=str(entry["title"]), description=str(entry.get("description", "")),
            tables=_strings(entry.get("tables", []), f"{where}: tables"),
            kinds=_strings(entry.get("kinds", []), f"{where}: kinds"),
        ))
    return tuple(phases)


def _strings(value, where: str) -> tuple[str, ...]:
    """A TOML list of strings, or a one-line error naming where it is."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise SourceError(f"{where} must be a list of strings, got {value!r}"[:200])
    return tuple(value)


def _notes(raw, root: Path) -> dict:
    if not isinstance(raw, dict):
        raise SourceError(f"{root / 'catalog.toml'}: [table.NAME] entries must be tables")
    notes = {}
    for name, entry in raw.items():
        if not isinstance(entry, dict):
            raise SourceError(f"{root / 'catalog.toml'}: [table.{name}] must be a table")
        renames = entry.get("renames", {})
        if not isinstance(renames, dict):
            raise SourceError(f"{root / 'catalog.toml'}: table.{name}.renames must map new = \"old\"")
        notes[name] = TableNotes(impact=str(entry.get("impact", "")), renames={k: str(v) for k, v in renames.items()})
    return notes
