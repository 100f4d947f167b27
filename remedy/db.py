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


def mask_url(url: str | URL) -> str:
    """The URL as a user would write it, password hidden (``postgresql://u:***@h/db``)."""
    parsed = url if isinstance(url, URL) else make_url(url)
    parsed = parsed.set(drivername=DEFAULT_DRIVERS.get(parsed.drivername, parsed.drivername))
    return parsed.render_as_string(hide_password=True)


def plain_url(url: str | URL) -> str:
    """The URL with its password, in the contract's spelling (``postgresql://`` means psycopg 3)."""
    parsed = url if isinstance(url, URL) else make_url(url)
    parsed = parsed.set(drivername=DEFAULT_DRIVERS.get(parsed.drivername, parsed.drivername))
    return parsed.render_as_string(hide_password=False)


def mask_text(text: str) -> str:
    """Hide anything that looks like a password inside a URL or a DSN."""
    text = re.sub(r"(://[^:/@\s]+:)[^@\s]+@", r"\1***@", text)
    return re.sub(r"(password=)\S+", r"\1***", text, flags=re.I)


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
