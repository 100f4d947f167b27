"""Fixtures of the integration tests that make server-wide objects."""
from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa

from tests.conftest import run_sql


@pytest.fixture
def role(pg_server_url):
    """Make uniquely named roles; each is dropped after the test (after DROP OWNED BY in the databases)."""
    made: list[tuple[str, list[str]]] = []

    def make(*databases: str) -> str:
        name = f"remedy_it_{uuid.uuid4().hex[:10]}"
        run_sql(pg_server_url, f"CREATE ROLE {name}")
        made.append((name, list(databases)))
        return name

    yield make
    engine = sa.create_engine(pg_server_url, poolclass=sa.pool.NullPool, isolation_level="AUTOCOMMIT")
    for name, databases in made:
        for url in databases:
            try:
                run_sql(url, f"DROP OWNED BY {name} CASCADE")
            except sa.exc.OperationalError:
                pass
        with engine.connect() as conn:
            conn.exec_driver_sql(f"DROP ROLE IF EXISTS {name}")
    engine.dispose()


def with_expected_ddl(url: str, tmp_path, live: str, expected: str) -> str:
    """The live database loaded with ``live``; the path of a .sql file holding ``expected``."""
    run_sql(url, live)
    ddl = tmp_path / "expected.sql"
    ddl.write_text(expected)
    return str(ddl)
