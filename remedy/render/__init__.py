"""Renderers over a plan or a scan: SQL, alembic revisions, golang-migrate files, reports."""
