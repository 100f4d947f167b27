"""Engines from URLs, password masking, and turning driver errors into one line."""
from __future__ import annotations

import os
import re

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url

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


def mask_text(text: str) -> str:
    """Hide every credential inside free text: URL userinfo, ``password=``/``sslpassword=``/``passfile=``."""
    text = _USERINFO.sub(rf"\1{MASK}@", text)
    return _KEYWORD.sub(rf"\1\2{MASK}", text)


def database_url(explicit: str | None) -> str:
    url = explicit or os.environ.get("REMEDY_DATABASE_URL", "")
    if not url:
        raise RemedyError("no database URL given", "pass --db URL or set REMEDY_DATABASE_URL")
    return url


def make_engine(url: str | URL, **kw) -> Engine:
    parsed = url if isinstance(url, URL) else normalize_url(url)
    connect_args = {}
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        connect_args["connect_timeout"] = 5
    elif backend in ("mysql", "mariadb"):
        connect_args["connect_timeout"] = 5
    if backend == "sqlite":
        db = parsed.database or ""
        if db and db != ":memory:" and not os.path.exists(db):
            raise ConnectionFailed(f"SQLite database file not found: {db}")
    return sa.create_engine(parsed, connect_args=connect_args, poolclass=sa.pool.NullPool, **kw)


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
    elif "connection refused" in low or "can't connect" in low or "could not connect" in low \
            or "timeout" in low or "name or service not known" in low or "no route" in low \
            or "could not translate host" in low or "failed to resolve" in low:
        reason = "the server is unreachable"
    else:
        reason = text
    return ConnectionFailed(f"cannot connect to {masked}: {reason}")
