"""The drifted DomainFlow demo: a database that reproduces every issue of the audit."""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from remedy.db import connection_error, make_engine, normalize_url, plain_url
from remedy.errors import RemedyError
from remedy.sources.catalog import load_catalog

_PACKAGE = Path(__file__).resolve().parent
# A wheel carries the catalog as package data (setup.py copies it); a source checkout keeps it at the top level.
CATALOG_DIRS = (_PACKAGE / "_demo_catalog", _PACKAGE.parent / "catalog" / "domainflow")
DEMO_DATABASE = "remedy_demo"


def demo_catalog_dir() -> Path:
    for candidate in CATALOG_DIRS:
        if (candidate / "catalog.toml").exists():
            return candidate
    raise RemedyError(f"the demo catalog is missing (looked in {CATALOG_DIRS[0]})", "reinstall remedy")


def demo_sql(catalog_dir: Path | None = None) -> str:
    catalog = load_catalog(catalog_dir or demo_catalog_dir())
    if not catalog.demo_files:
        raise RemedyError(f"catalog {catalog.name} has no demo files (set demo = [...] in catalog.toml)")
    return "\n".join(f.read_text(encoding="utf-8") for f in catalog.demo_files)


def seed_demo(server_url: str, database: str = DEMO_DATABASE, catalog_dir: Path | None = None) -> str:
    """(Re)create ``database`` on the PostgreSQL server at ``server_url`` holding the drifted demo.

    Returns the SQLAlchemy URL of the demo database.
    """
    url = normalize_url(server_url)
    if url.get_backend_name() != "postgresql":
        raise RemedyError("the demo needs PostgreSQL", "pass a postgresql:// URL to --db, or none for the embedded one")
    script = demo_sql(catalog_dir)
    admin = make_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            conn.exec_driver_sql(f'CREATE DATABASE "{database}"')
    except Exception as exc:
        raise connection_error(url, exc) from None
    finally:
        admin.dispose()
    demo_url = url.set(database=database)
    run_script(demo_url, script + "\n;ANALYZE;")  # row estimates for the hazards, as a live database has them
    return plain_url(demo_url)


def run_script(url, script: str) -> None:
    """Run a SQL script in one transaction (psycopg runs many statements in one execute)."""
    engine = make_engine(url)
    try:
        raw = engine.raw_connection()
        try:
            with raw.cursor() as cur:
                cur.execute(script)
            raw.commit()
        finally:
            raw.close()
    except sa.exc.DBAPIError as exc:
        raise RemedyError(f"loading the demo failed: {str(exc.orig).strip().splitlines()[0]}") from None
    finally:
        engine.dispose()
