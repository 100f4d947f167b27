"""MariaDB events and partitioning beyond what the conformance cases prove: no event is ever enabled outside the
user's database (the dry run's shadow copy, the scratch database a catalog is loaded into), and a partitioning
change MariaDB would refuse, or one that drops rows nobody decided to drop, is refused in the plan with its reason."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from remedy.apply import dry_run
from remedy.decisions import resolve
from remedy.plan.build import build_plan
from remedy.plan.ops import Comment
from remedy.scan import scan
from tests.conftest import MARIADB_ADMIN, run_sql

pytestmark = pytest.mark.mariadb

TABLE = "CREATE TABLE t (id INT NOT NULL, y INT NOT NULL, PRIMARY KEY (id, y));\n"


def _statuses(name_like: str) -> dict[tuple[str, str], str]:
    """(database, event) -> STATUS of every event so named, on the whole server."""
    engine = sa.create_engine(MARIADB_ADMIN, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT EVENT_SCHEMA, EVENT_NAME, STATUS FROM information_schema.EVENTS "
                                    "WHERE EVENT_NAME LIKE %s", (name_like,)).all()
    return {(schema, name): status for schema, name, status in rows}


def _plan(live: str, expected: str, allow_destructive: bool):
    result = scan(live, expected)
    return result, build_plan(result, resolve(result, None, "reject", allow_destructive))


def test_the_dry_run_shadow_never_enables_an_event(mariadb_url_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    live, expected = mariadb_url_factory(), mariadb_url_factory()
    run_sql(live, TABLE + "CREATE EVENT mpart_kept ON SCHEDULE EVERY 1 DAY DO DELETE FROM t WHERE id < 0;")
    run_sql(expected, TABLE + "CREATE EVENT mpart_kept ON SCHEDULE EVERY 1 DAY DO DELETE FROM t WHERE id < 0;\n"
                              "CREATE EVENT mpart_new ON SCHEDULE EVERY 1 HOUR DO DELETE FROM t WHERE id < 0;")
    live_db = sa.engine.make_url(live).database
    seen: list[dict] = []

    def look(step):
        seen.append({key: status for key, status in _statuses("mpart_%").items() if key[0] != live_db
                     and key[0] != sa.engine.make_url(expected).database})

    result, plan = _plan(live, expected, allow_destructive=False)
    report = dry_run(live, result, plan, on_step=look)
    assert report.ok, report.failure
    in_shadow = {key: status for found in seen for key, status in found.items()}
    assert {name for _, name in in_shadow} == {"mpart_kept", "mpart_new"}
    assert set(in_shadow.values()) == {"DISABLED"}  # the live one cloned, and the one the plan creates
    assert "none ran there" in report.where
    assert _statuses("mpart_%")[(live_db, "mpart_kept")] == "ENABLED"  # the live database untouched


def test_a_catalog_loaded_into_the_scratch_database_never_enables_an_event(mariadb_url, tmp_path, monkeypatch):
    """The scratch database runs the catalog's DDL with every event DISABLED, and still reads it as enabled."""
    from remedy.sources import live as live_reader

    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(mariadb_url, TABLE)
    catalog = tmp_path / "expected.sql"
    catalog.write_text(TABLE + "CREATE EVENT mpart_scratch ON SCHEDULE EVERY 1 DAY ENABLE DO DELETE FROM t;\n")
    seen = {}
    read = live_reader.read_live

    def spying(conn, schemas=None):  # what the scratch database holds when remedy reads it
        seen.update(_statuses("mpart_scratch"))
        return read(conn, schemas)

    monkeypatch.setattr(live_reader, "read_live", spying)
    result = scan(mariadb_url, str(catalog))
    assert set(seen.values()) == {"DISABLED"} and seen
    assert [f.id.split(":")[0] for f in result.findings] == ["missing_event"]
    assert "status" not in result.findings[0].expected  # read back as the catalog says it: enabled


def test_a_partition_drop_nobody_decided_is_refused_in_the_plan(mariadb_url_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    live, expected = mariadb_url_factory(), mariadb_url_factory()
    run_sql(live, TABLE.rstrip(";\n") + " PARTITION BY RANGE (y) (PARTITION p0 VALUES LESS THAN (2020), "
                                        "PARTITION p2 VALUES LESS THAN (2030));")
    run_sql(expected, TABLE.rstrip(";\n") + " PARTITION BY RANGE (y) (PARTITION p0 VALUES LESS THAN (2020), "
                                            "PARTITION p3 VALUES LESS THAN MAXVALUE);")
    _, plan = _plan(live, expected, allow_destructive=False)
    assert [type(op) for op in plan.operations] == [Comment]
    assert "drops partition p2 and its rows" in plan.operations[0].text
    _, plan = _plan(live, expected, allow_destructive=True)
    assert [h.kind for h in plan.hazards][:1] == ["data_loss"]


def test_partitioning_a_table_that_keeps_a_foreign_key_is_refused(mariadb_url_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    live, expected = mariadb_url_factory(), mariadb_url_factory()
    run_sql(live, "CREATE TABLE p (id INT PRIMARY KEY);\n" + TABLE.rstrip(";\n")[:-1]
            + ", CONSTRAINT t_p FOREIGN KEY (id) REFERENCES p (id));")
    run_sql(expected, "CREATE TABLE p (id INT PRIMARY KEY);\n" + TABLE.rstrip(";\n")
            + " PARTITION BY HASH (y) PARTITIONS 2;")
    _, plan = _plan(live, expected, allow_destructive=False)  # the foreign key is an extra, left as it is
    refused = [op for op in plan.operations if isinstance(op, Comment)]
    assert len(refused) == 1 and "foreign key t_p of t would remain" in refused[0].text


def test_partitioning_a_table_that_keeps_a_narrower_unique_key_is_refused(mariadb_url_factory, tmp_path,
                                                                        monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    live, expected = mariadb_url_factory(), mariadb_url_factory()
    run_sql(live, TABLE.rstrip(";\n")[:-1] + ", UNIQUE KEY u (id));")
    run_sql(expected, TABLE.rstrip(";\n") + " PARTITION BY HASH (y) PARTITIONS 2;")
    _, plan = _plan(live, expected, allow_destructive=False)  # the unique key is an extra, left as it is
    refused = [op for op in plan.operations if isinstance(op, Comment)]
    assert len(refused) == 1 and "unique key u (id) lacks y" in refused[0].text
    _, plan = _plan(live, expected, allow_destructive=True)  # dropped first: then the table is partitioned
    assert not [op for op in plan.operations if isinstance(op, Comment)]


def test_the_downgrade_of_a_partition_split_keeps_the_rows_it_moved(mariadb_url_factory, tmp_path, monkeypatch):
    """Upgrade: REORGANIZE p1 INTO (p1, p2), a row moving into p2; downgrade: p1 and p2 merged back, not p2 dropped."""
    from remedy.render.sql import downgrade_statements, statements

    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    live, expected = mariadb_url_factory(), mariadb_url_factory()
    head = TABLE.rstrip(";\n") + " PARTITION BY RANGE (y) (PARTITION p0 VALUES LESS THAN (2020), "
    run_sql(live, head + "PARTITION p1 VALUES LESS THAN MAXVALUE);\nINSERT INTO t VALUES (1, 2019), (2, 2030);")
    run_sql(expected, head + "PARTITION p1 VALUES LESS THAN (2025), PARTITION p2 VALUES LESS THAN MAXVALUE);")
    _, plan = _plan(live, expected, allow_destructive=False)
    engine = sa.create_engine(live, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        for stmt in statements(plan) + downgrade_statements(plan):
            conn.exec_driver_sql(stmt.sql)
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM t").scalar() == 2
        assert [r[0] for r in conn.exec_driver_sql(
            "SELECT PARTITION_NAME FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() "
            "ORDER BY PARTITION_ORDINAL_POSITION")] == ["p0", "p1"]
