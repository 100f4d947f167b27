"""Expected-schema sources: a catalog dir, a .sql file, a database URL, or python:module:attr."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from remedy.errors import RemedyError, SourceError
from remedy.findings import Phase
from remedy.model import Schema
from remedy.sources.inventory import ddl_inventory


@dataclass(frozen=True)
class Expected:
    schema: Schema
    description: str
    phases: tuple[Phase, ...] = ()
    notes: dict = field(default_factory=dict)  # table -> catalog.TableNotes
    code_paths: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # one line each: what was read, what was skipped
    code_coverage: object = None  # remedy.sources.code.values.CoverageReport when code was read
    scripts: tuple = ()  # the DDL as written (remedy.sources.scratch.Script): PostgreSQL reads its objects
    present: tuple = ()  # an expected database's other objects (remedy.sources.inventory.Present)


def load_expected(source: str, dialect: str = "postgresql", skip: frozenset[str] = frozenset()) -> Expected:
    """Read the expected schema named by SOURCE (see the contract); a database without the object kinds in
    ``skip`` (those read only on request, remedy.sources.objects.ON_REQUEST)."""
    if not source:
        raise SourceError("no expected schema given", "pass --expected SOURCE or --code PATH")
    if source.startswith("python:"):
        from remedy.sources.metadata import load_python_source

        return Expected(load_python_source(source, dialect=dialect), source)
    if "://" in source:
        return _from_database(source, skip)
    if os.path.isdir(source):
        return _from_catalog(source)
    if source.endswith(".sql"):
        return _from_sql_file(source, dialect)
    if os.path.exists(source):
        raise SourceError(f"{source}: not a catalog directory, .sql file, database URL or python:module:attr")
    raise SourceError(f"expected schema source not found: {source}")


def _from_catalog(path: str) -> Expected:
    from remedy.sources.catalog import load_catalog

    catalog = load_catalog(path)
    present = ddl_inventory([f.read_text(encoding="utf-8", errors="replace") for f in catalog.ddl_files],
                            catalog.default_schema)
    return Expected(catalog.schema, f"catalog {catalog.name} ({path})", catalog.phases, catalog.notes,
                    catalog.code_paths, scripts=_scripts(catalog.ddl_files, catalog.default_schema), present=present)


def _scripts(paths, default_schema: str) -> tuple:
    from remedy.sources.scratch import Script

    return tuple(Script(str(p), p.read_text(encoding="utf-8"), default_schema) for p in paths)


def _from_sql_file(path: str, dialect: str) -> Expected:
    from remedy.sources.ddl import schema_from_ddl

    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except (PermissionError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: cannot read ({type(exc).__name__})") from None
    default_schema = {"postgresql": "public"}.get(dialect, "")
    schema = schema_from_ddl(text, path, dialect, default_schema)
    if not schema.tables:
        raise SourceError(f"{path}: no CREATE TABLE found", "an expected schema needs at least one table")
    from remedy.sources.scratch import Script

    return Expected(schema, f"DDL file {path}", scripts=(Script(path, text),),
                    present=ddl_inventory([text], default_schema))


def _from_database(url: str, skip: frozenset[str] = frozenset()) -> Expected:
    from remedy.db import connection_error, make_engine, mask_url
    from remedy.sources.inventory import read_inventory
    from remedy.sources.live import read_live_read_only

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            schema = read_live_read_only(conn, skip=skip, fingerprinted=False)
            present = read_inventory(conn, schema.schemas, side="expected")
    except RemedyError:
        raise
    except Exception as exc:
        raise connection_error(engine.url, exc) from None
    finally:
        engine.dispose()
    if not schema.tables:
        where = ", ".join(schema.schemas) or "the default schema"
        raise SourceError(f"expected database {mask_url(engine.url)} has no tables in {where}",
                          "an expected schema needs at least one table")
    return Expected(schema, f"database {mask_url(engine.url)}", present=present)
