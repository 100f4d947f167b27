"""Bad input to ``remedy scan``: one line on stderr naming the problem, exit 2, no traceback, no password."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from cli_run import REPO, remedy, stderr_lines

from tests.conftest import MARIADB_ADMIN, run_sql

PASSWORD = "s3cret-pw-42"
GOOD_DDL = "CREATE TABLE campaigns (id integer PRIMARY KEY, name text NOT NULL);\n"


def _one_line_error(proc, *needles: str) -> str:
    """Assert the contract for bad input and return the line."""
    output = proc.stdout + proc.stderr
    assert proc.returncode == 2, output
    assert "Traceback" not in output
    assert PASSWORD not in output
    lines = stderr_lines(proc)
    assert len(lines) == 1, lines
    assert lines[0].startswith("remedy: ")
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def _pg(url: str, **parts) -> str:
    return sa.engine.make_url(url).set(**parts).render_as_string(hide_password=False)


@pytest.fixture
def expected_sql(tmp_path) -> str:
    path = tmp_path / "expected.sql"
    path.write_text(GOOD_DDL)
    return str(path)


@pytest.fixture
def live_pg(pg_url) -> str:
    run_sql(pg_url, GOOD_DDL)
    return pg_url


def _catalog(root: Path, toml: str, ddl: str = GOOD_DDL) -> str:
    (root / "schema").mkdir(parents=True)
    (root / "catalog.toml").write_text(toml)
    (root / "schema" / "10_tables.sql").write_text(ddl)
    return str(root)


CATALOG_TOML = '[catalog]\nname = "shop"\ndialect = "postgres"\nddl = ["schema/*.sql"]\n'


def test_unreachable_host(expected_sql):
    url = f"postgresql://postgres:{PASSWORD}@127.0.0.1:1/test"
    _one_line_error(remedy("scan", "--db", url, "--expected", expected_sql), "cannot connect", "unreachable", "***")


def test_wrong_password_mariadb(expected_sql):
    url = sa.engine.make_url(MARIADB_ADMIN).set(password=PASSWORD)
    try:
        sa.create_engine(MARIADB_ADMIN, connect_args={"connect_timeout": 2}).connect().close()
    except Exception:
        pytest.skip("no MariaDB/MySQL server at 127.0.0.1:3306 to reject a password")
    proc = remedy("scan", "--db", url.render_as_string(hide_password=False), "--expected", expected_sql)
    _one_line_error(proc, "authentication failed")


def test_role_that_may_not_log_in(pg_server_url, live_pg, expected_sql):
    """Local PostgreSQL trusts any password, so a NOLOGIN role stands in for rejected credentials."""
    role = f"remedy_t_nologin_{uuid.uuid4().hex[:8]}"  # unique: other test runs may share the server
    engine = sa.create_engine(pg_server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f"DROP ROLE IF EXISTS {role}")
        conn.exec_driver_sql(f"CREATE ROLE {role} NOLOGIN PASSWORD 'x'")
    try:
        proc = remedy("scan", "--db", _pg(live_pg, username=role, password=PASSWORD), "--expected", expected_sql)
        _one_line_error(proc, "cannot connect", "not permitted to log in")
    finally:
        with engine.connect() as conn:
            conn.exec_driver_sql(f"DROP ROLE IF EXISTS {role}")
        engine.dispose()


def test_missing_database(pg_server_url, expected_sql):
    url = _pg(pg_server_url, database="remedy_no_such_database", password=PASSWORD)
    _one_line_error(remedy("scan", "--db", url, "--expected", expected_sql), "the database does not exist")


def test_missing_sqlite_file(tmp_path, expected_sql):
    url = f"sqlite:///{tmp_path / 'nope.sqlite'}"
    _one_line_error(remedy("scan", "--db", url, "--expected", expected_sql), "not found", "nope.sqlite")


def test_unknown_dialect(expected_sql):
    url = f"oracle://scott:{PASSWORD}@127.0.0.1/orcl"
    _one_line_error(remedy("scan", "--db", url, "--expected", expected_sql), "unknown database dialect 'oracle'")


def test_not_a_url(expected_sql):
    _one_line_error(remedy("scan", "--db", "not a url", "--expected", expected_sql), "not a database URL")


def test_an_empty_database_is_a_target_not_an_error(pg_url, expected_sql):
    proc = remedy("scan", "--db", _pg(pg_url, password=PASSWORD), "--expected", expected_sql)
    assert proc.returncode == 1 and "missing_table" in proc.stdout, proc.stderr
    assert PASSWORD not in proc.stdout + proc.stderr


def test_unknown_flag():
    _one_line_error(remedy("scan", "--frobnicate"), "unrecognized arguments: --frobnicate")


def test_bad_choice_for_format(expected_sql):
    _one_line_error(remedy("scan", "--expected", expected_sql, "--format", "pdf"), "--format", "pdf")


def test_no_database_url(expected_sql):
    _one_line_error(remedy("scan", "--expected", expected_sql), "no database URL given", "REMEDY_DATABASE_URL")


def test_nothing_to_compare_against(live_pg):
    _one_line_error(remedy("scan", "--db", live_pg), "nothing to compare against")


def test_code_path_that_does_not_exist(live_pg, tmp_path):
    _one_line_error(remedy("scan", "--db", live_pg, "--code", str(tmp_path / "backend")), "no such file")


def test_expected_source_that_does_not_exist(live_pg, tmp_path):
    _one_line_error(remedy("scan", "--db", live_pg, "--expected", str(tmp_path / "nope")), "not found")


def test_catalog_path_is_a_file_not_a_directory(live_pg, tmp_path):
    path = tmp_path / "catalog.toml"
    path.write_text(CATALOG_TOML)
    _one_line_error(remedy("scan", "--db", live_pg, "--expected", str(path)), str(path))


def test_directory_without_catalog_toml(live_pg, tmp_path):
    _one_line_error(remedy("scan", "--db", live_pg, "--expected", str(tmp_path)), "no catalog.toml")


def test_malformed_catalog_toml(live_pg, tmp_path):
    catalog = _catalog(tmp_path / "shop", '[catalog\nname = "shop"\n')
    _one_line_error(remedy("scan", "--db", live_pg, "--expected", catalog), "catalog.toml", "line 1")


def test_ddl_that_does_not_parse_names_file_line_and_parser_message(live_pg, tmp_path):
    ddl = GOOD_DDL + "\nCREATE TABLE jobs (\n    id integer\n    name text\n);\n"
    catalog = _catalog(tmp_path / "shop", CATALOG_TOML, ddl)
    line = _one_line_error(remedy("scan", "--db", live_pg, "--expected", catalog), "10_tables.sql:")
    location, _, message = line.partition("10_tables.sql:")
    assert message.split(":")[0].isdigit() and 3 <= int(message.split(":")[0]) <= 6, line
    assert "Expecting" in message or "Invalid" in message or "Required" in message, line


def test_sql_file_that_does_not_parse(live_pg, tmp_path):
    path = tmp_path / "broken.sql"
    path.write_text("CREATE TABLE jobs (\n  id integer\n  name text\n);\n")
    _one_line_error(remedy("scan", "--db", live_pg, "--expected", str(path)), "broken.sql:", "cannot parse")


def test_output_file_that_cannot_be_written(live_pg, expected_sql, tmp_path):
    proc = remedy("scan", "--db", live_pg, "--expected", expected_sql, "-o", str(tmp_path / "no" / "dir.json"))
    _one_line_error(proc, "cannot write")


def test_schema_that_does_not_exist(live_pg, expected_sql):
    proc = remedy("scan", "--db", live_pg, "--expected", expected_sql, "--schema", "nosuch")
    _one_line_error(proc, "no tables in nosuch")


# --- no permission on the catalog -------------------------------------------------------------
# As root every chmod is ignored, so the command runs as 'nobody' when the tests run as root.

def _as_unprivileged() -> dict:
    if os.geteuid() != 0:
        return {}
    setpriv = shutil.which("setpriv")
    if not setpriv:
        pytest.skip("running as root and setpriv is not available to drop privileges")
    probe = subprocess.run([setpriv, "--reuid=65534", "--regid=65534", "--clear-groups",
                            sys.executable, "-c", "import remedy.cli"], capture_output=True, cwd=REPO)
    if probe.returncode != 0:
        pytest.skip("running as root and 'nobody' cannot run this Python (its files are private to root)")
    return {"setpriv": setpriv}


def _remedy_unprivileged(drop: dict, *args: str):
    if not drop:
        return remedy(*args)
    cmd = [drop["setpriv"], "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m", "remedy", *args]
    env = {k: v for k, v in os.environ.items() if k not in ("REMEDY_DATABASE_URL", "NO_COLOR")}
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, env={**env, "HOME": "/tmp"},
                          stdin=subprocess.DEVNULL, timeout=120)


@pytest.fixture
def open_tmp():
    """A temporary directory others can traverse (pytest's tmp_path is private to its user)."""
    path = Path(tempfile.mkdtemp(prefix="remedy-perm-"))
    path.chmod(0o755)
    yield path
    for sub in path.rglob("*"):
        sub.chmod(0o755)
    shutil.rmtree(path)


@pytest.mark.parametrize("locked", ["", "catalog.toml", "schema/10_tables.sql"])
def test_no_permission_on_the_catalog(open_tmp, locked):
    """The live database is a SQLite file 'nobody' can read: the embedded PostgreSQL of a fresh machine
    listens on a socket only its owner can reach, and the catalog is what this test is about."""
    drop = _as_unprivileged()
    live = open_tmp / "live.db"
    run_sql(f"sqlite:///{live}", GOOD_DDL)
    live.chmod(0o644)
    catalog = Path(_catalog(open_tmp / "shop", CATALOG_TOML))
    for sub in catalog.rglob("*"):
        sub.chmod(0o755 if sub.is_dir() else 0o644)
    (catalog / locked).chmod(0o000)
    proc = _remedy_unprivileged(drop, "scan", "--db", f"sqlite:///{live}", "--expected", str(catalog))
    _one_line_error(proc, "permission denied")
