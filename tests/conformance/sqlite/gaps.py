"""Known gaps of the SQLite section: strict xfails with their reason (a fixed gap fails until it is removed here).

Measured with `pytest tests/conformance/test_sqlite.py` on SQLite 3.40."""


GAPS: dict[str, str] = {
    "foreign_keys/deferred_added": "a foreign key's DEFERRABLE INITIALLY DEFERRED (which Django writes on every key) "
                                   "is not read nor compared: pragma foreign_key_list does not report it, and "
                                   "catalog init does not write it (docs/dialects.md)",
}

# the catalog path only (the database path converges)
CATALOG_GAPS: dict[str, str] = {
    "foreign_keys/deferred_added": "a foreign key's DEFERRABLE INITIALLY DEFERRED (which Django writes on every key) "
                                   "is not read nor compared: pragma foreign_key_list does not report it, and "
                                   "catalog init does not write it (docs/dialects.md)",
}

DATABASE_GAPS: dict[str, str] = {
    "foreign_keys/deferred_added": "a foreign key's DEFERRABLE INITIALLY DEFERRED (which Django writes on every key) "
                                   "is not read nor compared: pragma foreign_key_list does not report it, and "
                                   "catalog init does not write it (docs/dialects.md)",
}
