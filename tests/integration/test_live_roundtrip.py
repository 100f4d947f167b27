"""live -> catalog init -> scan against it: zero findings; and the DDL rebuilds an equal schema."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import run_sql
from remedy.cli import main
from remedy.db import make_engine
from remedy.scan import scan
from remedy.sources.live import read_live
from tests.integration.test_live_mariadb import DDL as MY_DDL
from tests.integration.test_live_postgresql import DDL as PG_DDL
from tests.integration.test_live_sqlite import DDL as SQLITE_DDL


def _init_catalog(url: str, out: Path) -> Path:
    with pytest.raises(SystemExit) as done:
        main(["catalog", "init", "--from-db", url, "-o", str(out)])
    assert done.value.code == 0
    return out


def _assert_round_trip(url: str, fresh_url: str, out: Path) -> None:
    catalog = _init_catalog(url, out)
    result = scan(url, str(catalog))
    assert [f.id for f in result.findings] == []
    run_sql(fresh_url, (catalog / "schema" / "schema.sql").read_text())
    original, rebuilt = read_live(make_engine(url)), read_live(make_engine(fresh_url))
    assert _table_diffs(_comparable(rebuilt, original), original) == []
    assert _comparable(rebuilt, original) == _comparable(original, original)


def _comparable(schema, reference):
    """The schema with its source, and (MySQL) the database name, made equal to the reference's."""
    if schema.dialect == "postgresql":  # schemas are read by name, all of them: nothing to rename
        return replace(schema, source="")
    tables = {(reference.schemas[0] if k[0] == schema.schemas[0] else k[0], k[1]):
              replace(t, schema=reference.schemas[0], foreign_keys=tuple(
                  replace(fk, ref_schema=reference.schemas[0]) for fk in t.foreign_keys))
              for k, t in schema.tables.items()}
    return replace(schema, tables=tables, source="", schemas=reference.schemas)


def test_postgresql_round_trip(pg_url_factory, tmp_path):
    url, fresh = pg_url_factory(), pg_url_factory()
    run_sql(url, PG_DDL)
    _assert_round_trip(url, fresh, tmp_path / "cat")


@pytest.mark.mariadb
def test_mariadb_round_trip(mariadb_url, tmp_path, request):
    run_sql(mariadb_url, MY_DDL)
    fresh = request.getfixturevalue("mariadb_url") if False else _second_mariadb(request)
    _assert_round_trip(mariadb_url, fresh, tmp_path / "cat")


# every column attribute MariaDB stores, in one database: catalog init must write each one so that the catalog
# scans clean against the database it came from, and rebuilds an equal one
EVERY_ATTRIBUTE = """
CREATE TABLE attrs (
  id INT NOT NULL,
  serial_no BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  small TINYINT UNSIGNED NOT NULL DEFAULT 0,
  padded INT(6) UNSIGNED ZEROFILL,
  padded_default SMALLINT ZEROFILL,
  amount DECIMAL(10,2) UNSIGNED ZEROFILL DEFAULT 0.00,
  flag TINYINT(1) NOT NULL DEFAULT 1,
  bits BIT(3) DEFAULT b'101',
  kind ENUM('a','b') CHARACTER SET latin1 COLLATE latin1_bin NOT NULL DEFAULT 'a',
  perms SET('r','w') DEFAULT 'r',
  name VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin COMMENT 'the name',
  doc JSON,
  changed TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6) INVISIBLE,
  hidden INT INVISIBLE COMMENT 'not in SELECT *',
  twice INT AS (id * 2) VIRTUAL INVISIBLE,
  label VARCHAR(50) AS (CONCAT(name, '!')) PERSISTENT INVISIBLE COMMENT 'stored',
  shown INT AS (id + 1) VIRTUAL,
  PRIMARY KEY (id),
  UNIQUE KEY attrs_serial (serial_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci ROW_FORMAT=DYNAMIC COMMENT='every attribute';
CREATE TABLE pairs (a INT NOT NULL, b INT NOT NULL AUTO_INCREMENT, PRIMARY KEY (b, a)) ENGINE=InnoDB;
"""


@pytest.mark.mariadb
def test_mariadb_catalog_keeps_every_column_attribute(mariadb_url, tmp_path, request):
    run_sql(mariadb_url, EVERY_ATTRIBUTE)
    _assert_round_trip(mariadb_url, _second_mariadb(request), tmp_path / "cat")


def _second_mariadb(request):
    import uuid

    import sqlalchemy as sa

    from tests.conftest import MARIADB_ADMIN
    name = f"remedy_t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(MARIADB_ADMIN, poolclass=sa.pool.NullPool)
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE `{name}`")

    def drop():
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS `{name}`")
    request.addfinalizer(drop)
    return sa.engine.make_url(MARIADB_ADMIN).set(database=name).render_as_string(hide_password=False)


def test_sqlite_round_trip(sqlite_url, tmp_path):
    run_sql(sqlite_url, SQLITE_DDL)
    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    import sqlalchemy as sa
    sa.create_engine(fresh).connect().close()
    _assert_round_trip(sqlite_url, fresh, tmp_path / "cat")


def test_catalog_init_refuses_an_empty_database(pg_url, tmp_path, capsys):
    with pytest.raises(SystemExit) as done:
        main(["catalog", "init", "--from-db", pg_url, "-o", str(tmp_path / "c")])
    assert done.value.code == 2 and "no tables" in capsys.readouterr().err


def test_catalog_init_will_not_overwrite(pg_url, tmp_path, capsys):
    run_sql(pg_url, "CREATE TABLE t (id int)")
    _init_catalog(pg_url, tmp_path / "c")
    with pytest.raises(SystemExit) as done:
        main(["catalog", "init", "--from-db", pg_url, "-o", str(tmp_path / "c")])
    assert done.value.code == 2 and "already exists" in capsys.readouterr().err


def _table_diffs(left, right) -> list:
    out = []
    for key in sorted(set(left.tables) | set(right.tables)):
        a, b = left.tables.get(key), right.tables.get(key)
        if a != b:
            out.append((key, [(f, getattr(a, f, None), getattr(b, f, None)) for f in
                              ("columns", "primary_key", "foreign_keys", "uniques", "checks", "indexes")
                              if getattr(a, f, None) != getattr(b, f, None)]))
    return out


def test_several_schemas_round_trip(pg_url_factory, tmp_path):
    url, fresh = pg_url_factory(), pg_url_factory()
    run_sql(url, "CREATE SCHEMA billing; CREATE TYPE billing.state AS ENUM ('open', 'paid');"
                 "CREATE TABLE accounts (id int PRIMARY KEY);"
                 "CREATE TABLE billing.invoices (id int PRIMARY KEY, st billing.state NOT NULL DEFAULT 'open',"
                 " account_id int REFERENCES public.accounts(id));")
    with pytest.raises(SystemExit):
        main(["catalog", "init", "--from-db", url, "-o", str(tmp_path / "cat"), "--schema", "public",
              "--schema", "billing"])
    assert [f.id for f in scan(url, str(tmp_path / "cat"), schemas=["public", "billing"]).findings] == []
    run_sql(fresh, (tmp_path / "cat" / "schema" / "schema.sql").read_text())
    rebuilt = read_live(make_engine(fresh), ["public", "billing"])
    assert rebuilt.table("billing", "invoices").column("st").type == "state"
    assert rebuilt.enums[("billing", "state")].values == ("open", "paid")
    assert _table_diffs(rebuilt, read_live(make_engine(url), ["public", "billing"])) == []


def test_catalog_init_takes_db_like_every_other_command(pg_url, tmp_path):
    """`remedy scan --db URL` and `remedy catalog init --db URL`: the same flag names the database everywhere
    (it used to be 'unrecognized arguments: --db'; --from-db still works)."""
    run_sql(pg_url, "CREATE TABLE t (id int)")
    with pytest.raises(SystemExit) as done:
        main(["catalog", "init", "--db", pg_url, "-o", str(tmp_path / "c")])
    assert done.value.code == 0
    assert "CREATE TABLE" in (tmp_path / "c" / "schema" / "schema.sql").read_text()


def test_a_table_named_like_a_serial_sequence_round_trips(pg_url_factory, tmp_path):
    """The table t_n_seq existed before t's serial n was made, so the serial's sequence is t_n_seq1. The catalog
    must create t_n_seq first: created after t, it found its name taken, the catalog did not load, and the scan
    compared it as written (with a note) instead of exactly."""
    url, fresh = pg_url_factory(), pg_url_factory()
    run_sql(url, "CREATE TABLE t_n_seq (x int); CREATE TABLE t_m_seq (y int);"
                 "CREATE TABLE t (id int PRIMARY KEY, n serial, m int GENERATED ALWAYS AS IDENTITY);")
    catalog = _init_catalog(url, tmp_path / "cat")
    result = scan(url, str(catalog))
    assert [f.id for f in result.findings] == []
    assert not [note for note in result.notes if "could not be loaded" in note or "refused" in note]
    run_sql(fresh, (catalog / "schema" / "schema.sql").read_text())
    assert _table_diffs(read_live(make_engine(fresh)), read_live(make_engine(url))) == []
