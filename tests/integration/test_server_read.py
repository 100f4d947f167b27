"""One load of a catalog into the server (remedy.sources.server_read) for both isolations: a scratch database
(CREATEDB) and a rolled-back transaction on the target database (without it). Both read a catalog as the DDL
parser does: a file's SET search_path ends with the file, a table may be referenced before its file creates it,
and a SQL-standard function body (BEGIN ATOMIC ... END) is one statement."""
from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa

from remedy.scan import scan
from tests.conftest import run_sql

AS_WRITTEN = "could not be loaded into the server"
LIVE = ("CREATE SCHEMA app;\nCREATE TABLE app.a (id int, b_id int);\nCREATE TABLE app.b (id int PRIMARY KEY);\n"
        "ALTER TABLE app.a ADD CONSTRAINT a_b_id_fkey FOREIGN KEY (b_id) REFERENCES app.b;\n"
        "CREATE TABLE public.t (id int CHECK (id BETWEEN 1 AND 5));\n")
FILES = {
    "01_app.sql": "CREATE SCHEMA app;\nSET search_path TO app;\n"
                  "CREATE TABLE a (id int, b_id int, CONSTRAINT a_b_id_fkey FOREIGN KEY (b_id) REFERENCES b);\n"
                  "CREATE TABLE b (id int PRIMARY KEY);\n",
    "02_public.sql": "CREATE TABLE t (id int CHECK (id >= 1 AND id <= 5));\n",
}
FUNCTION = "CREATE FUNCTION public.one() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;\n"


def _catalog(tmp_path, files: dict[str, str]) -> str:
    root = tmp_path / "catalog"
    (root / "schema").mkdir(parents=True)
    (root / "catalog.toml").write_text('[catalog]\nname = "two_files"\nddl = ["schema/*.sql"]\n')
    for name, text in files.items():
        (root / "schema" / name).write_text(text)
    return str(root)


@pytest.fixture
def plain_role_url(pg_url):
    """The database as a role without CREATEDB (CREATE on the database: the rolled-back load's schemas)."""
    role = f"remedy_plain_{uuid.uuid4().hex[:8]}"
    database = sa.engine.make_url(pg_url).database
    run_sql(pg_url, f"CREATE ROLE {role} LOGIN NOCREATEDB;\nGRANT ALL ON SCHEMA public TO {role};\n"
                    f"GRANT CREATE ON DATABASE {database} TO {role}")
    yield sa.engine.make_url(pg_url).set(username=role).render_as_string(hide_password=False)
    run_sql(pg_url, f"DROP OWNED BY {role};\nDROP ROLE {role}")


def test_a_search_path_set_in_one_file_does_not_move_the_next_files_tables(pg_url, tmp_path, monkeypatch):
    """Scratch database: 02_public.sql's t is public.t, as the parser reads it, not app.t."""
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, LIVE + FUNCTION)
    result = scan(pg_url, _catalog(tmp_path, {**FILES, "03_function.sql": FUNCTION}))
    assert result.findings == ()
    assert not any("not compared" in note or AS_WRITTEN in note for note in result.notes)


def test_without_createdb_the_catalog_is_still_read_by_the_server(plain_role_url, pg_url, tmp_path, monkeypatch):
    """Rolled-back load: a foreign key to a table created further down and a BEGIN ATOMIC function load (they
    made the load fail, and the catalog was compared as written)."""
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(plain_role_url, LIVE)
    result = scan(plain_role_url, _catalog(tmp_path, {**FILES, "03_function.sql": FUNCTION}))
    assert not any(AS_WRITTEN in note for note in result.notes), result.notes
    assert [f.id for f in result.findings] == []


def test_without_createdb_nor_create_the_catalog_is_compared_as_written_and_said(pg_url, tmp_path, monkeypatch):
    """No scratch database and no scratch schema: the scan compares the catalog as written and says why (it
    stopped with the driver's 'permission denied')."""
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    role = f"remedy_bare_{uuid.uuid4().hex[:8]}"
    run_sql(pg_url, f"CREATE ROLE {role} LOGIN NOCREATEDB;\nCREATE TABLE t (id int);\nGRANT SELECT ON t TO {role}")
    try:
        url = sa.engine.make_url(pg_url).set(username=role).render_as_string(hide_password=False)
        result = scan(url, _catalog(tmp_path, {"01.sql": "CREATE TABLE t (id int);\n"}))
        assert result.findings == ()
        assert any(AS_WRITTEN in note and "permission denied" in note for note in result.notes), result.notes
    finally:
        run_sql(pg_url, f"DROP OWNED BY {role};\nDROP ROLE {role}")
