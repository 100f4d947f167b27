"""The drifted DomainFlow demo: a database that reproduces every issue of the audit."""
from __future__ import annotations

import re
from dataclasses import dataclass
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


MAINTENANCE_DATABASES = ("", "postgres", "template0", "template1")


@dataclass(frozen=True)
class DemoTarget:
    """Where ``remedy demo --db URL`` puts the demo: the URL's database when it names one, else remedy_demo."""
    server_url: str
    database: str
    tables: tuple[str, ...] | None  # what the database holds now; None = it does not exist yet

    def foreign_tables(self) -> tuple[str, ...]:
        """Tables that are not the demo's: dropping those would destroy someone's data."""
        return tuple(t for t in self.tables or () if t not in demo_table_names())

    def sentence(self) -> str:
        if self.tables is None:
            return f"remedy demo will create database {self.database} and load the drifted demo into it"
        held = f"its {len(self.tables)} tables" if self.tables else "it (it is empty)"
        return f"remedy demo will drop database {self.database}, with {held}, and load the drifted demo into it"


def demo_table_names() -> frozenset[str]:
    return frozenset(re.findall(r"CREATE TABLE (?:IF NOT EXISTS )?(?:public\.)?\"?(\w+)", demo_sql()))


def _postgresql_url(server_url: str):
    url = normalize_url(server_url)
    if url.get_backend_name() != "postgresql":
        raise RemedyError("the demo needs PostgreSQL", "pass a postgresql:// URL to --db, or none for the embedded one")
    return url


def demo_target(server_url: str) -> DemoTarget:
    url = _postgresql_url(server_url)
    named = url.database or ""
    database = DEMO_DATABASE if named in MAINTENANCE_DATABASES else named
    return DemoTarget(plain_url(url), database, _tables_of(url.set(database=database)))


def _tables_of(url) -> tuple[str, ...] | None:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
                "AND n.nspname !~ '^pg_(toast|temp)' ORDER BY 1").scalars().all()
        return tuple(r.removeprefix("public.") for r in rows)
    except sa.exc.OperationalError as exc:
        if "does not exist" in str(exc.orig):
            return None
        raise connection_error(url, exc) from None
    finally:
        engine.dispose()


def seed_demo(server_url: str, database: str = DEMO_DATABASE, catalog_dir: Path | None = None) -> str:
    """(Re)create ``database`` on the PostgreSQL server at ``server_url`` holding the drifted demo.

    Returns the SQLAlchemy URL of the demo database.
    """
    url = _postgresql_url(server_url)
    script = demo_sql(catalog_dir)
    if url.database == database:
        url = url.set(database="postgres")  # not the database that is dropped: connect to the maintenance one
    admin = make_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            quoted = conn.dialect.identifier_preparer.quote(database)
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
            conn.exec_driver_sql(f"CREATE DATABASE {quoted}")
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
