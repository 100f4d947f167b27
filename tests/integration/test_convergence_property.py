"""Property on real databases: random schema pairs, the plan proven by the dry run, applied, re-scanned clean."""
from __future__ import annotations

import uuid
from dataclasses import replace

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings

from remedy.apply import apply, dry_run
from remedy.db import make_engine
from remedy.decisions import resolve
from remedy.plan.build import build_plan
from remedy.scan import scan_schemas
from remedy.sources.live import read_live
from remedy.sources.metadata import metadata_from_schema
from tests.conftest import _pg_create, _pg_drop
from tests.unit.test_plan_property import schemas

CASTABLE = ("integer", "bigint", "text", "varchar(20)", "numeric(10,2)")  # PostgreSQL casts each to each
SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))


def _rowid(table):
    """On SQLite an INTEGER PRIMARY KEY is the rowid: the DDL reader and introspection both say identity."""
    columns = tuple(replace(c, identity=True, default="autoincrement") if c.name == "id" else c for c in table.columns)
    return replace(table, columns=columns)


def _as(model, dialect: str, schema: str):
    rowid = _rowid if dialect == "sqlite" else (lambda t: t)
    tables = {(schema, t.name): rowid(replace(t, schema=schema)) for t in model.tables.values()}
    return replace(model, dialect=dialect, tables=tables, schemas=(schema,))


def _converge(url: str, expected, live_model) -> None:
    engine = make_engine(url)
    try:
        metadata_from_schema(live_model).create_all(engine)
        live = read_live(engine)
    finally:
        engine.dispose()
    scan = scan_schemas(expected, live)
    if not scan.findings:
        return
    plan = build_plan(scan, resolve(scan, None, "reject", True))
    check = dry_run(url, scan, plan)
    assert check.ok, check.failure
    apply(url, scan, plan)
    engine = make_engine(url)
    try:
        assert [f.id for f in scan_schemas(expected, read_live(engine)).findings] == []
    finally:
        engine.dispose()


@SETTINGS
@given(expected=schemas(CASTABLE), live=schemas(CASTABLE))
def test_random_pairs_converge_on_postgresql(pg_server_url, expected, live, tmp_path_factory, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path_factory.mktemp("home")))
    name, url = _pg_create(pg_server_url)
    try:
        _converge(url, expected, live)
    finally:
        _pg_drop(pg_server_url, name)


@SETTINGS
@given(expected=schemas(CASTABLE), live=schemas(CASTABLE))
def test_random_pairs_converge_on_sqlite(expected, live, tmp_path_factory, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path_factory.mktemp("home")))
    path = tmp_path_factory.mktemp("db") / f"{uuid.uuid4().hex[:8]}.sqlite"
    sa.create_engine(f"sqlite:///{path}").connect().close()
    _converge(f"sqlite:///{path}", _as(expected, "sqlite", "main"), _as(live, "sqlite", "main"))


@pytest.mark.mariadb
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(expected=schemas(CASTABLE), live=schemas(CASTABLE))
def test_random_pairs_converge_on_mariadb(expected, live, tmp_path_factory, monkeypatch):
    from tests.conftest import MARIADB_ADMIN, _mariadb_admin

    monkeypatch.setenv("REMEDY_HOME", str(tmp_path_factory.mktemp("home")))
    admin = _mariadb_admin()
    name = f"remedy_t_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE `{name}`")
    try:
        url = sa.engine.make_url(MARIADB_ADMIN).set(database=name).render_as_string(hide_password=False)
        _converge(url, _as(expected, "mysql", name), _as(live, "mysql", name))
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS `{name}`")
        admin.dispose()
