"""Known gaps of the MariaDB/MySQL section: strict xfails with their reason (a fixed gap fails until it is removed here).

Measured with `pytest tests/conformance/test_mysql.py` on MariaDB 10.11."""


GAPS: dict[str, str] = {}

# the catalog path only (the database path converges)
CATALOG_GAPS: dict[str, str] = {}

# the database path only (the catalog path converges)
DATABASE_GAPS: dict[str, str] = {}
