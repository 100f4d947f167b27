"""A foreign key that exists but acts differently on delete is replaced, not doubled.

The story: the code expects deleting a campaign to delete its jobs (ON DELETE CASCADE); the live
key was created without it, so deletes fail. Adding a second, cascading key next to the old one
would satisfy the scan while deletes still fail on the old key; the fix must swap them.
"""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from remedy.apply import apply, dry_run
from remedy.db import make_engine
from remedy.decisions import resolve
from remedy.plan.build import build_plan
from remedy.render.sql import statements
from remedy.scan import scan
from tests.conftest import run_sql

LIVE = """
CREATE TABLE campaigns (id integer PRIMARY KEY, name varchar(40) NOT NULL);
CREATE TABLE jobs (id integer PRIMARY KEY, campaign_id integer,
                   CONSTRAINT jobs_campaign_fkey FOREIGN KEY (campaign_id) REFERENCES campaigns (id));
INSERT INTO campaigns VALUES (1, 'one'), (2, 'two');
INSERT INTO jobs VALUES (10, 1), (11, 1), (20, 2);
"""
EXPECTED = """
CREATE TABLE campaigns (id integer PRIMARY KEY, name varchar(40) NOT NULL);
CREATE TABLE jobs (id integer PRIMARY KEY, campaign_id integer,
                   CONSTRAINT jobs_campaign_fkey FOREIGN KEY (campaign_id) REFERENCES campaigns (id)
                   ON DELETE CASCADE);
"""


@pytest.fixture(params=["postgresql", pytest.param("mysql", marks=pytest.mark.mariadb), "sqlite"])
def live_url(request, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    fixture = {"postgresql": "pg_url", "mysql": "mariadb_url", "sqlite": "sqlite_url"}[request.param]
    url = request.getfixturevalue(fixture)
    run_sql(url, LIVE)
    return url


def test_a_key_with_the_wrong_delete_action_is_replaced(live_url, tmp_path):
    expected = tmp_path / "expected.sql"
    expected.write_text(EXPECTED)
    result = scan(live_url, str(expected))
    # a named key with other actions is the same key changed; SQLite's keys have no names, so it is missing there
    changed = "missing_foreign_key" if live_url.startswith("sqlite") else "constraint_mismatch"
    assert [f.kind for f in result.findings] == [changed]
    plan = build_plan(result, resolve(result, None, "reject", True))
    assert any("DROP" in s.sql.upper() for s in statements(plan)), "the old key must go"
    assert dry_run(live_url, result, plan).ok
    apply(live_url, result, plan)
    assert scan(live_url, str(expected)).findings == ()
    engine = make_engine(live_url)
    try:
        with engine.begin() as conn:
            if engine.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA foreign_keys = ON")
            conn.exec_driver_sql("DELETE FROM campaigns WHERE id = 1")  # failed before the fix
            left = conn.execute(sa.text("SELECT id FROM jobs ORDER BY id")).scalars().all()
        keys = sa.inspect(engine).get_foreign_keys("jobs")
    finally:
        engine.dispose()
    assert left == [20]
    assert len(keys) == 1 and keys[0]["options"].get("ondelete", "").upper() == "CASCADE"
