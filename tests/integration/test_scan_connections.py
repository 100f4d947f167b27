"""Mid-incident the server may have hardly a connection to spare. remedy counts what it does not compare on a
connection of its own while it reads; where the server refuses that one, the scan counts on the connection it
already holds instead of failing."""
from __future__ import annotations

import json
import uuid

import pytest
import sqlalchemy as sa

from tests.conftest import run_sql
from tests.integration.cli_run import remedy

SCHEMA = "CREATE TABLE t (id int PRIMARY KEY, a text);\n"


@pytest.fixture
def one_connection_role(pg_server_url):
    """A login role the server lets hold one connection at a time."""
    role = f"remedy_one_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(pg_server_url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE ROLE "{role}" LOGIN CONNECTION LIMIT 1')
    yield role
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
    admin.dispose()


def test_a_role_allowed_one_connection_still_scans_and_says_what_it_did_not_compare(pg_url_factory, one_connection_role):
    live, expected = pg_url_factory(), pg_url_factory()
    run_sql(live, SCHEMA.replace(");", ") WITH (fillfactor = 70);"))  # a storage parameter: not compared
    run_sql(expected, SCHEMA)
    as_role = sa.engine.make_url(live).set(username=one_connection_role).render_as_string(hide_password=False)

    proc = remedy("scan", "--db", as_role, "--expected", expected, "--format", "json")

    assert proc.returncode == 0, proc.stderr
    unread = json.loads(proc.stdout)["not_compared"]
    assert [(p["kind"], p["schema"], p["count"]) for p in unread] == [("table_storage_parameters", "public", 1)]
