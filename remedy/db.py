"""Engines from URLs, password masking, and turning driver errors into one line."""
from __future__ import annotations

import os
import re

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url

from remedy import dialects
from remedy.errors import ConnectionFailed, RemedyError

DIALECTS = {"postgresql": "postgresql", "mysql": "mysql", "mariadb": "mysql", "sqlite": "sqlite"}


def normalize_url(url: str) -> URL:
    """Parse a SQLAlchemy URL; ``postgresql://`` means psycopg 3, mysql means PyMySQL."""
    if not url:
        raise RemedyError("no database URL given", "pass --db URL or set REMEDY_DATABASE_URL")
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy.exc.ArgumentError
        raise RemedyError(f"not a database URL: {mask_text(url)!r}") from exc
    backend = parsed.get_backend_name()
    if backend not in DIALECTS:
        raise RemedyError(f"unknown database dialect {backend!r}", "use postgresql, mysql, mariadb or sqlite")
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif parsed.drivername in ("mysql", "mariadb"):
        parsed = parsed.set(drivername=f"{parsed.drivername}+pymysql")
    return parsed


def dialect_of(url: str | URL) -> str:
    parsed = url if isinstance(url, URL) else normalize_url(url)
    return DIALECTS[parsed.get_backend_name()]


DEFAULT_DRIVERS = {"postgresql+psycopg": "postgresql", "mysql+pymysql": "mysql", "mariadb+pymysql": "mariadb"}


MASK = "***"
# Every spelling of a credential a URL or a libpq DSN can carry: the userinfo password, and these keys.
CREDENTIAL_KEYS = ("password", "sslpassword", "passfile", "passwd")
_KEYS = "|".join(sorted(CREDENTIAL_KEYS, key=len, reverse=True))
_USERINFO = re.compile(r"(://[^/@\s:?#]*:)[^\s/?#]*@")
_KEYWORD = re.compile(rf"(?<![\w-])({_KEYS})(\s*=\s*)('[^']*'|\"[^\"]*\"|[^\s&;,'\")]+)", re.I)


def mask_url(url: str | URL) -> str:
    """The URL as a user would write it, every credential hidden (``postgresql://u:***@h/db?password=***``)."""
    try:
        parsed = url if isinstance(url, URL) else make_url(url)
    except Exception:  # not parseable as a URL: mask it as text
        return mask_text(str(url))
    parsed = parsed.set(drivername=DEFAULT_DRIVERS.get(parsed.drivername, parsed.drivername))
    hidden = {key: MASK for key in parsed.query if key.lower() in CREDENTIAL_KEYS}
    if hidden:
        parsed = parsed.update_query_dict(hidden)
    return parsed.render_as_string(hide_password=True).replace("=%2A%2A%2A", f"={MASK}")


def mask_source(source: str) -> str:
    """An expected SOURCE as given on the command line, credentials hidden when it is a URL."""
    return mask_url(source) if "://" in source else mask_text(source)


def plain_url(url: str | URL) -> str:
    """The URL with its password, in the contract's spelling (``postgresql://`` means psycopg 3)."""
    parsed = url if isinstance(url, URL) else make_url(url)
    parsed = parsed.set(drivername=DEFAULT_DRIVERS.get(parsed.drivername, parsed.drivername))
    return parsed.render_as_string(hide_password=False)


def unmask_url(edited: str, original: str) -> str:
    """A URL a person edited from its masked form: the original password (and masked query credentials)
    put back where the edit still shows the mask."""
    try:
        url, orig = make_url(edited), make_url(original)
    except Exception:
        return edited
    if url.password == MASK and orig.password:
        url = url.set(password=orig.password)
    kept = {key: orig.query[key] for key, value in url.query.items() if value == MASK and key in orig.query}
    return (url.update_query_dict(kept) if kept else url).render_as_string(hide_password=False)


def mask_text(text: str) -> str:
    """Hide every credential inside free text: URL userinfo, ``password=``/``sslpassword=``/``passfile=``."""
    text = _USERINFO.sub(rf"\1{MASK}@", text)
    return _KEYWORD.sub(rf"\1\2{MASK}", text)


def database_url(explicit: str | None) -> str:
    url = explicit or os.environ.get("REMEDY_DATABASE_URL", "")
    if not url:
        raise RemedyError("no database URL given", "pass --db URL or set REMEDY_DATABASE_URL")
    return url


CONNECT_TIMEOUT = 5  # seconds, for reaching the server and its handshake
# The Python package that provides each driver module SQLAlchemy may ask for.
DRIVER_PACKAGES = {"psycopg": "psycopg[binary]", "psycopg2": "psycopg2-binary", "pg8000": "pg8000",
                   "asyncpg": "asyncpg", "MySQLdb": "mysqlclient", "pymysql": "PyMySQL",
                   "mysql": "mysql-connector-python", "mariadb": "mariadb", "aiomysql": "aiomysql",
                   "asyncmy": "asyncmy", "aiosqlite": "aiosqlite"}


def make_engine(url: str | URL, **kw) -> Engine:
    parsed = url if isinstance(url, URL) else normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database or ""
        if db and db != ":memory:" and not os.path.exists(db):
            raise ConnectionFailed(f"SQLite database file not found: {db}")
    _refuse_async_driver(parsed)
    dialect, driver = dialects.get(dialect_of(parsed)), parsed.get_driver_name()
    try:
        engine = sa.create_engine(parsed, connect_args=dialect.connect_args(driver, CONNECT_TIMEOUT),
                                  poolclass=sa.pool.NullPool, **kw)
    except ImportError as exc:  # the driver module is not installed
        raise _missing_driver(parsed, exc) from None
    sa.event.listen(engine, "connect", lambda dbapi_conn, _record: dialect.connected(driver, dbapi_conn),
                    insert=True)
    return engine


def _refuse_async_driver(url: URL) -> None:
    try:
        is_async = url.get_dialect().is_async
    except Exception:  # sqlalchemy's NoSuchModuleError: a driver SQLAlchemy does not know
        raise RemedyError(f"unknown database driver {url.drivername!r}",
                          f"use {url.get_backend_name()}:// without a driver") from None
    if is_async:
        raise RemedyError(f"remedy cannot use the asynchronous driver {url.drivername!r}",
                          f"use {url.get_backend_name()}://, whose driver remedy installs")


def _missing_driver(url: URL, exc: ImportError) -> RemedyError:
    module = (exc.name or url.get_driver_name()).split(".")[0]
    package = DRIVER_PACKAGES.get(module, module)
    return RemedyError(f"the driver for {url.drivername!r} is not installed: pip install {package}",
                       f"or use {url.get_backend_name()}://, whose driver remedy installs")


def url_dialect_label(url: str | URL) -> str:
    return dialects.get(dialect_of(url)).label


def connection_error(url: str | URL, exc: BaseException) -> ConnectionFailed:
    """One line naming the problem: host unreachable, bad password, no database."""
    masked = mask_url(url)
    raw = str(getattr(exc, "orig", None) or exc)
    text = mask_text(raw.strip().splitlines()[0] if raw.strip() else type(exc).__name__)
    low = raw.lower()
    if "password authentication failed" in low or "access denied" in low:
        reason = "authentication failed (wrong user or password)"
    elif 'database "' in low and "does not exist" in low or "unknown database" in low:
        reason = "the database does not exist"
    elif "lost connection" in low or "timed out" in low:
        reason = f"no answer within {CONNECT_TIMEOUT} s (is this port a {url_dialect_label(url)} server?)"
    elif "connection refused" in low or "can't connect" in low or "could not connect" in low \
            or "timeout" in low or "name or service not known" in low or "no route" in low \
            or "could not translate host" in low or "failed to resolve" in low:
        reason = "the server is unreachable"
    else:
        reason = text
    return ConnectionFailed(f"cannot connect to {masked}: {reason}")
