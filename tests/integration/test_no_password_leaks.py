"""An operator runs a whole session with credentials in the URLs; no secret appears anywhere.

Each URL form a user can write carries a distinctive secret: the userinfo password, ``?password=``,
``?sslpassword=`` and a libpq ``?passfile=``, on ``--db`` and on an ``--expected`` database URL. The
session scans in every format, plans in every export format, dry-runs and applies, reads the history,
snapshots a catalog and opens the TUI. Every stdout, stderr, written file and the journal is searched.
"""
from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from cli_run import remedy

from remedy.db import mask_text, mask_url
from tests.conftest import run_sql

SECRET = "Zq7LeakedSecret"
LIVE = "CREATE TABLE accounts (id integer PRIMARY KEY, status text NOT NULL);\n"
EXPECTED = LIVE + "CREATE TABLE invoices (id integer PRIMARY KEY, total numeric(12,2));\n" \
                  "CREATE INDEX invoices_total ON invoices (total);\n"
ROLE = f"remedy_leak_{uuid.uuid4().hex[:8]}"


def _with_secrets(url: str, form: str, tag: str) -> str:
    """``url`` carrying secrets in one of the forms; trust auth lets every password in."""
    parsed = sa.engine.make_url(url).set(username=ROLE)
    passfile = f"/nonexistent/{SECRET}{tag}pf/.pgpass"
    if form == "userinfo":
        parsed = parsed.set(password=f"{SECRET}{tag}ui").update_query_dict({"passfile": passfile})
    else:
        parsed = parsed.update_query_dict({"password": f"{SECRET}{tag}q", "sslpassword": f"{SECRET}{tag}ssl",
                                           "passfile": passfile})
    return parsed.render_as_string(hide_password=False)


@pytest.fixture
def role(pg_server_url):
    """A login role with a real password; it owns what the session creates."""
    run_sql(pg_server_url, f"CREATE ROLE {ROLE} LOGIN SUPERUSER PASSWORD '{SECRET}'")
    yield ROLE
    run_sql(pg_server_url, f"DROP ROLE {ROLE}")  # after the databases it owns objects in are dropped


@pytest.fixture
def session_urls(role, pg_url_factory):
    live, expected = pg_url_factory(), pg_url_factory()
    run_sql(live, LIVE)
    run_sql(expected, EXPECTED)
    return live, expected


def _leaks(text: str) -> bool:
    return SECRET in text


def _run_session(db: str, expected: str, tmp: Path, env: dict) -> list[tuple[str, str]]:
    """Every command of the session; returns (what, text) for each output and written file."""
    outputs = []

    def run(*args: str, ok=(0, 1)):
        proc = remedy(*args, env=env)
        assert proc.returncode in ok, (args, proc.stdout, proc.stderr)
        outputs.append((" ".join(a for a in args if "://" not in a), proc.stdout + proc.stderr))

    for fmt in ("text", "json", "markdown", "sarif"):
        run("scan", "--db", db, "--expected", expected, "--format", fmt)
        run("scan", "--db", db, "--expected", expected, "--format", fmt, "-o", str(tmp / f"report.{fmt}"))
    run("plan", "--db", db, "--expected", expected, "--format", "sql", ok=(0,))
    run("plan", "--db", db, "--expected", expected, "--format", "sql", "-o", str(tmp / "fix.sql"), ok=(0,))
    run("plan", "--db", db, "--expected", expected, "--format", "alembic", "-o", str(tmp / "rev.py"), ok=(0,))
    run("plan", "--db", db, "--expected", expected, "--format", "golang-migrate", "-o", str(tmp / "migrate"), ok=(0,))
    run("apply", "--db", db, "--expected", expected, "--dry-run", ok=(0,))
    run("apply", "--db", db, "--expected", expected, "--yes", ok=(0,))
    run("history", ok=(0,))
    run("history", "--json", ok=(0,))
    run("catalog", "init", "--from-db", db, "-o", str(tmp / "snapshot"), ok=(0,))
    run("scan", "--db", "postgresql://nobody:" + SECRET + "@127.0.0.1:1/x", "--expected", expected, ok=(2,))
    for path in sorted(p for p in tmp.rglob("*") if p.is_file()):
        outputs.append((str(path.relative_to(tmp)), path.read_text(encoding="utf-8", errors="replace")))
    return outputs


@pytest.mark.parametrize("form", ["userinfo", "query"])
def test_a_full_session_never_prints_a_password(session_urls, form, tmp_path):
    live, expected = session_urls
    db, expected_url = _with_secrets(live, form, "db"), _with_secrets(expected, form, "exp")
    home = tmp_path / "home"
    outputs = _run_session(db, expected_url, tmp_path, {"REMEDY_HOME": str(home)})
    assert (home / "journal.jsonl").exists()
    written = {what for what, _ in outputs}
    assert {"report.sarif", "fix.sql", "rev.py", "snapshot/schema/schema.sql", "home/journal.jsonl"} <= written
    assert any(what.startswith("migrate/") for what in written)
    leaked = [what for what, text in outputs if _leaks(text)]
    assert leaked == []
    # the outputs still name the database, masked
    assert any("***" in text for _, text in outputs)


@pytest.mark.parametrize("form", ["userinfo", "query"])
async def test_the_tui_header_shows_the_url_masked(session_urls, form):
    from remedy.tui.app import RemedyApp
    from remedy.tui.widgets.status_header import StatusHeader
    from tests.tui.conftest import settle

    live, expected = session_urls
    app = RemedyApp(_with_secrets(live, form, "db"), _with_secrets(expected, form, "exp"))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot, app)
        header = str(app.query_one(StatusHeader).render())
    assert ROLE in header and "***" in header
    assert not _leaks(header)


@pytest.mark.parametrize("text", [
    f"postgresql://u:{SECRET}@h/db",
    f"postgresql://u@h/db?password={SECRET}&application_name=x",
    f"postgresql://h/db?sslpassword={SECRET}",
    f"postgresql://h/db?PassFile=/home/{SECRET}/.pgpass",
    f"mysql+pymysql://root:{SECRET}@h:3306/db",
    f"host=h password={SECRET} dbname=x",
    f"host=h password='{SECRET} with space' dbname=x",
    f"cannot use postgresql://u:{SECRET}@h/db?sslpassword={SECRET}: refused",
])
def test_every_credential_form_is_masked(text):
    assert not _leaks(mask_text(text))
    if "://" in text and " " not in text:
        assert not _leaks(mask_url(text))
