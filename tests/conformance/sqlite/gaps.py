"""Known gaps of the SQLite section: strict xfails with their reason (a fixed gap fails until it is removed here).

Measured with `pytest tests/conformance/test_sqlite.py` on SQLite 3.40."""


GAPS: dict[str, str] = {}

# the catalog path only (the database path converges)
CATALOG_GAPS: dict[str, str] = {}

DATABASE_GAPS: dict[str, str] = {}
