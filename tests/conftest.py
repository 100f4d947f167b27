"""Real databases for the tests: PostgreSQL (local server or embedded), MariaDB, SQLite.

Each test gets its own uniquely named database, dropped afterwards.
"""
from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy as sa

from remedy.embedded import local_server_url, start_embedded


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    """Admin URL of a PostgreSQL server: 127.0.0.1:5432 when it answers, else embedded.

    REMEDY_TEST_EMBEDDED=1 forces the embedded server (what a fresh machine gets).
    """
    if os.environ.get("REMEDY_TEST_EMBEDDED") == "1":
        return start_embedded()
    return local_server_url("postgres") or start_embedded()


@pytest.fixture(scope="session")
def pg18_server_url(pg_server_url) -> str:
    """Admin URL of a PostgreSQL 18 server: the test server when it is 18 or newer, else the embedded one (what
    NOT NULL constraint names need: a server before 18 has none)."""
    engine = sa.create_engine(pg_server_url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        version = int(conn.exec_driver_sql("SHOW server_version_num").scalar())
    engine.dispose()
    return pg_server_url if version >= 180000 else start_embedded()


@pytest.fixture
def pg18_url_factory(pg18_server_url):
    """Make fresh databases on a PostgreSQL 18 server (``pg18_server_url``)."""
    yield from _databases_on(pg18_server_url)


def _databases_on(admin_url: str):
    """A maker of fresh databases on the server at ``admin_url``, each dropped when the test ends."""
    made: list[str] = []

    def make() -> str:
        name, url = _pg_create(admin_url)
        made.append(name)
        return url

    yield make
    for name in made:
        _pg_drop(admin_url, name)


def _pg_create(admin_url: str) -> tuple[str, str]:
    name = f"remedy_t_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    url = sa.engine.make_url(admin_url).set(database=name)
    return name, url.render_as_string(hide_password=False)


def _pg_drop(admin_url: str, name: str) -> None:
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    engine.dispose()


@pytest.fixture
def pg_url(pg_server_url):
    """A fresh, empty PostgreSQL database; yields its SQLAlchemy URL."""
    name, url = _pg_create(pg_server_url)
    yield url
    _pg_drop(pg_server_url, name)


@pytest.fixture
def pg_url_factory(pg_server_url):
    """Make several fresh PostgreSQL databases in one test."""
    yield from _databases_on(pg_server_url)


MARIADB_ADMIN = os.environ.get("REMEDY_MARIADB_URL", "mysql+pymysql://root@127.0.0.1:3306/test")


def _mariadb_admin():
    engine = sa.create_engine(MARIADB_ADMIN, poolclass=sa.pool.NullPool, connect_args={"connect_timeout": 2})
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        return engine
    except Exception as exc:
        if os.environ.get("REMEDY_REQUIRE_MARIADB") == "1":
            pytest.fail(f"REMEDY_REQUIRE_MARIADB=1 but no MariaDB answers at 127.0.0.1:3306: {exc}")
        pytest.skip(f"no MariaDB/MySQL server answers at 127.0.0.1:3306 ({type(exc).__name__})")


@pytest.fixture
def mariadb_url(mariadb_url_factory):
    """A fresh MariaDB/MySQL database; skips (or fails under REMEDY_REQUIRE_MARIADB=1) without a server."""
    return mariadb_url_factory()


@pytest.fixture
def mariadb_url_factory():
    """Make several fresh MariaDB/MySQL databases in one test (skips or fails as ``mariadb_url``)."""
    engine = _mariadb_admin()
    made: list[str] = []

    def make() -> str:
        name = f"remedy_t_{uuid.uuid4().hex[:12]}"
        with engine.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE `{name}`")
        made.append(name)
        return sa.engine.make_url(MARIADB_ADMIN).set(database=name).render_as_string(hide_password=False)

    yield make
    with engine.connect() as conn:
        for name in made:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS `{name}`")
    engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path):
    path = tmp_path / "live.sqlite"
    sa.create_engine(f"sqlite:///{path}").connect().close()
    return f"sqlite:///{path}"


def load_drift(url: str, tmp_path, monkeypatch, live: str, expected: str) -> tuple[str, str]:
    """The usual drifted pair: ``live`` run on the database, ``expected`` written as expected.sql, and remedy's
    home (journal, autosave) under tmp_path. (url, path of expected.sql)"""
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(url, live)
    path = tmp_path / "expected.sql"
    path.write_text(expected)
    return url, str(path)


def run_sql(url: str, sql: str) -> None:
    """Execute a script of statements (split on ';' at line ends) in one transaction."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        for stmt in split_statements(sql):
            conn.exec_driver_sql(stmt)
    engine.dispose()


def split_statements(sql: str) -> list[str]:

    return [s.strip() for s in _split(sql) if s.strip()]


def _split(sql: str) -> list[str]:
    out, buf = [], []
    for line in sql.splitlines():
        buf.append(line)
        if line.rstrip().endswith(";"):
            out.append("\n".join(buf).rstrip().rstrip(";"))
            buf = []
    if "".join(buf).strip():
        out.append("\n".join(buf))
    return out
