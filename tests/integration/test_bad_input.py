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
def test_empty_expected_database_is_refused_naming_it(pg_url_factory, expected_sql):
    live, empty = pg_url_factory(), pg_url_factory()
    run_sql(live, GOOD_DDL)
    line = _one_line_error(remedy("scan", "--db", live, "--expected", _pg(empty, password=PASSWORD)),
                           "expected database", "has no tables")
    assert "***" in line


def test_empty_schema_after_scoping_is_refused(pg_url_factory):
    live, expected = pg_url_factory(), pg_url_factory()
    run_sql(live, GOOD_DDL)
    run_sql(expected, GOOD_DDL + "\nCREATE SCHEMA app;")
    _one_line_error(remedy("scan", "--db", live, "--expected", expected, "--schema", "app"),
                    "the expected side", "has no tables in schema(s) app")


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
    _one_line_error(proc, "--schema nosuch: no such schema in the live database or in DDL file")


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


# --- a table of bad inputs: each one exit 2, one line naming the problem, no traceback ------------
# Placeholders: {db} the live PostgreSQL database (its URL carries a password), {pg} the server's
# host:port, {tmp} a directory holding the FILES below, {exp} a good expected .sql file.

FINGERPRINT = 'fingerprint = "sha256:00"\n'
DECISION = '\n[[decision]]\nfinding = "missing_column:public.campaigns.name"\n'
FILES = {
    "binary.toml": bytes(range(256)) * 4,
    "decisions_dir/x": "",
    "from_42.toml": FINGERPRINT + DECISION + 'action = "rename"\nfrom = 42\n',
    "value_7.toml": FINGERPRINT + DECISION + 'action = "add"\nvalue = 7\n',
    "twice.toml": FINGERPRINT + DECISION + 'action = "add"\n' + DECISION + 'action = "skip"\n',
    "decision_3.toml": FINGERPRINT + "decision = 3\n",
    "existing_file": "not a directory\n",
    "drifted.sql": GOOD_DDL.replace("name text NOT NULL", "name text NOT NULL, note text"),
    "phase_one/catalog.toml": CATALOG_TOML + '[[phase]]\nid = "one"\ntitle = "First"\n',
    "phase_one/schema/10_tables.sql": GOOD_DDL,
    "absolute/catalog.toml": CATALOG_TOML.replace('"schema/*.sql"', '"/etc/*.sql"'),
    "absolute/schema/10_tables.sql": GOOD_DDL,
    "tables_str/catalog.toml": CATALOG_TOML + '[[phase]]\ntitle = "First"\ntables = "campaigns"\n',
    "tables_str/schema/10_tables.sql": GOOD_DDL,
    "not_utf8/catalog.toml": b"[catalog]\nname = \"\xff\xfe\"\n",
    "not_utf8/schema/10_tables.sql": GOOD_DDL,
    "home_dir/journal.jsonl/x": "",
    "home_junk/journal.jsonl": 'garbage\n[1, 2]\n"text"\n',
}
SCAN = ("scan", "--db", "{db}", "--expected")
PLAN = ("plan", "--db", "{db}", "--expected", "{tmp}/drifted.sql")
DRY_RUN = ("apply", "--db", "{db}", "--expected", "{exp}", "--dry-run")
BAD_INPUTS = [
    # a driver that is not installed: name the package
    ("driver pg8000", ("scan", "--db", "postgresql+pg8000://u:" + PASSWORD + "@{pg}/x", "--expected", "{exp}"),
     ("pip install pg8000",)),
    ("driver MySQLdb", ("scan", "--db", "mysql+mysqldb://u:" + PASSWORD + "@127.0.0.1/x", "--expected", "{exp}"),
     ("pip install mysqlclient",)),
    ("driver psycopg2", ("scan", "--db", "postgresql+psycopg2://u@{pg}/x", "--expected", "{exp}"),
     ("pip install psycopg2-binary",)),
    ("driver mysqlconnector", ("scan", "--db", "mysql+mysqlconnector://u@127.0.0.1/x", "--expected", "{exp}"),
     ("pip install mysql-connector-python",)),
    ("async driver asyncpg", ("scan", "--db", "postgresql+asyncpg://u@{pg}/x", "--expected", "{exp}"),
     ("asynchronous driver", "postgresql://")),
    ("unknown driver", ("scan", "--db", "postgresql+nosuch://u@{pg}/x", "--expected", "{exp}"),
     ("unknown database driver",)),
    ("expected URL with a missing driver", SCAN + ("postgresql+pg8000://u:" + PASSWORD + "@{pg}/x",),
     ("pip install pg8000",)),
    # a server of another kind answers: the connect timeout bounds the handshake too (was 61 s)
    ("mysql URL at a PostgreSQL port", ("scan", "--db", "mysql://root:" + PASSWORD + "@{pg}/x", "--expected", "{exp}"),
     ("cannot connect", "no answer within 5 s")),
    ("postgresql URL at a closed port", ("scan", "--db", "postgresql://u@127.0.0.1:9/x", "--expected", "{exp}"),
     ("cannot connect",)),
    # catalog.toml
    ("phase id = \"one\"", SCAN + ("{tmp}/phase_one",), ("phase #1", "id must be a whole number")),
    ("absolute ddl glob", SCAN + ("{tmp}/absolute",), ("'/etc/*.sql' is absolute",)),
    ("phase tables as a string", SCAN + ("{tmp}/tables_str",), ("tables must be a list of strings",)),
    ("catalog.toml not UTF-8", SCAN + ("{tmp}/not_utf8",), ("not UTF-8",)),
    ("binary file as the expected schema", SCAN + ("{tmp}/binary.toml",), ("not a catalog directory",)),
    # decisions
    ("binary file as decisions", PLAN + ("--decisions", "{tmp}/binary.toml"), ("not UTF-8",)),
    ("directory as decisions", PLAN + ("--decisions", "{tmp}/decisions_dir"), ("is a directory",)),
    ("from = 42", PLAN + ("--decisions", "{tmp}/from_42.toml"), ("line 3", "from must be a string")),
    ("value = 7", PLAN + ("--decisions", "{tmp}/value_7.toml"), ("line 3", "value must be a string")),
    ("two decisions for one finding", PLAN + ("--decisions", "{tmp}/twice.toml"),
     ("line 3 and line 7 both decide missing_column:public.campaigns.name",)),
    ("decision = 3", PLAN + ("--decisions", "{tmp}/decision_3.toml"), ("array of tables",)),
    ("missing decisions file", PLAN + ("--decisions", "{tmp}/nope.toml"), ("not found",)),
    # outputs
    ("golang-migrate -o onto a file", PLAN + ("--renames", "accept", "--format", "golang-migrate", "-o",
                                             "{tmp}/existing_file"), ("is a file", "DIRECTORY")),
    ("golang-migrate -o where no directory can be made", PLAN + ("--renames", "accept", "--format", "golang-migrate",
                                                                 "-o", "/proc/remedy/x"), ("cannot write",)),
    ("golang-migrate without -o", PLAN + ("--format", "golang-migrate"), ("-o DIRECTORY",)),
    ("sql -o onto a directory", PLAN + ("--renames", "accept", "-o", "{tmp}"), ("cannot write",)),
    # --lock-timeout
    *[(f"--lock-timeout {value}", DRY_RUN + (f"--lock-timeout={value}",), ("--lock-timeout", "0.001 to 86400"))
      for value in ("nan", "inf", "-inf", "1e30", "0", "0.0005", "-1")],
    ("--lock-timeout abc", DRY_RUN + ("--lock-timeout", "abc"), ("not a number of seconds",)),
    # the journal
    ("journal is a directory", ("history",), ("cannot read the journal",)),
]


def _write_files(root: Path) -> None:
    for name, content in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)


@pytest.fixture
def bad_input_env(live_pg, expected_sql, tmp_path):
    _write_files(tmp_path)
    parsed = sa.engine.make_url(live_pg)
    return {"db": _pg(live_pg, password=PASSWORD), "pg": f"{parsed.host}:{parsed.port or 5432}",
            "tmp": str(tmp_path), "exp": expected_sql}


@pytest.mark.parametrize("what, argv, needles", BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_is_one_sentence(bad_input_env, what, argv, needles):
    if "{pg}" in " ".join(argv) and bad_input_env["pg"].startswith("None:"):
        pytest.skip("the test server listens on a socket only (the embedded PostgreSQL): no port to point at")
    args = [part.format(**bad_input_env) for part in argv]
    env = {"REMEDY_HOME": f"{bad_input_env['tmp']}/home_dir"}
    _one_line_error(remedy(*args, env=env, timeout=30), *needles)


def test_a_journal_with_junk_lines_still_lists_nothing_wrongly(tmp_path):
    _write_files(tmp_path)
    proc = remedy("history", env={"REMEDY_HOME": str(tmp_path / "home_junk")})
    assert proc.returncode == 0 and "internal error" not in proc.stderr, proc.stderr


def test_an_empty_expected_database_is_refused_like_an_empty_sql_file(live_pg, pg_url_factory, tmp_path):
    """Otherwise --allow-destructive plans to drop every table of the live database."""
    empty_db, empty_sql = pg_url_factory(), tmp_path / "empty.sql"
    empty_sql.write_text("")
    for source, needle in ((empty_db, "has no tables"), (str(empty_sql), "no CREATE TABLE")):
        proc = remedy("plan", "--db", live_pg, "--expected", source, "--allow-destructive")
        _one_line_error(proc, needle, "needs at least one table")
        assert "DROP TABLE" not in proc.stdout


def test_a_statement_may_run_longer_than_the_connect_timeout_on_mariadb(mariadb_url):
    """The handshake is bounded by the connect timeout; the statements that follow are not."""
    from remedy.db import CONNECT_TIMEOUT, make_engine

    engine = make_engine(mariadb_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql(f"SELECT SLEEP({CONNECT_TIMEOUT + 1})").scalar() == 0
    engine.dispose()
