"""Known gaps of the MariaDB/MySQL section: strict xfails with their reason (a fixed gap fails until it is removed here).

Measured with `pytest tests/conformance/test_mysql.py` on MariaDB 10.11."""


AI_PK = "DROP PRIMARY KEY of an AUTO_INCREMENT column is not preceded by removing AUTO_INCREMENT"
AUTOINC = "AUTO_INCREMENT added, removed or moved is a default_mismatch the plan renders no MODIFY for"
CHECKS_CHANGED = "a CHECK whose clause changed under the same name is not planned on MariaDB (no DROP CHECK swap)"
CHECKS_RENAMED = "a CHECK under another name (column-level vs table-level) is not renamed: remedy compares checks by meaning"
COLUMN_ATTRS = "column comments, charset and collation are not compared on MariaDB"
FK_ORDER = "foreign keys are not dropped before the keys or columns they depend on change and re-added after (errno 150 / 1832 / 1451)"
FK_UNNAMED = "a foreign key's name is not compared: an unnamed _ibfk_N key and a named one are the same to remedy"
GEN_CHANGE = "a generation expression that changes is planned as SET/DROP DEFAULT, which MariaDB refuses"
INVISIBLE = "INVISIBLE columns are not read or planned"
JSON = "a JSON column is created as LONGTEXT without MariaDB's json_valid CHECK, so it reads back as LONGTEXT"
ON_UPDATE = "ON UPDATE CURRENT_TIMESTAMP is not read or planned"
PREFIX = "index prefix lengths (col(10)) are not compared"
REDEFINED = "an index or key redefined under the same name is created beside the old one (Duplicate key name)"
RENAMED_KEY = "an index, unique key or foreign key under another name is the same by meaning to remedy: not renamed"
ROUTINES = "routines are not read on MariaDB (issue 10: depobjects)"
TABLE_OPTIONS = "table options (engine, charset, collation, row format, comment) are not read, compared or planned on MariaDB"
TRIGGERS = "triggers are not read on MariaDB/SQLite (issue 10: depobjects)"
VIEWS = "views are not read on MariaDB/SQLite (issue 10: depobjects)"
VIRTUAL = "VIRTUAL and STORED generated columns are one kind in the model: the plan makes every generated column STORED"

GAPS: dict[str, str] = {
    "checks/check_clause_changed": CHECKS_CHANGED,
    "checks/check_renamed": CHECKS_RENAMED,
    "checks/column_check_changed": CHECKS_CHANGED,
    "checks/column_level_to_table_level": CHECKS_RENAMED,
    "checks/table_level_to_column_level": CHECKS_RENAMED,
    "columns/auto_increment_added": AUTOINC,
    "columns/auto_increment_kept_on_type_change": AUTOINC,
    "columns/auto_increment_removed": AUTOINC,
    "columns/column_charset_changed": COLUMN_ATTRS,
    "columns/column_collation_changed": COLUMN_ATTRS,
    "columns/column_comment_added": COLUMN_ATTRS,
    "columns/column_comment_changed": COLUMN_ATTRS,
    "columns/column_comment_removed": COLUMN_ATTRS,
    "columns/generated_to_regular": GEN_CHANGE,
    "columns/generation_expression_changed": GEN_CHANGE,
    "columns/invisible_added": INVISIBLE,
    "columns/invisible_removed": INVISIBLE,
    "columns/missing_generated_column": VIRTUAL,
    "columns/on_update_added": ON_UPDATE,
    "columns/on_update_removed": ON_UPDATE,
    "columns/regular_to_generated": GEN_CHANGE,
    "columns/stored_to_virtual": VIRTUAL,
    "columns/virtual_to_stored": VIRTUAL,
    "dependent_objects/extra_trigger": TRIGGERS,
    "dependent_objects/extra_view": VIEWS,
    "dependent_objects/missing_procedure": ROUTINES,
    "dependent_objects/missing_trigger": TRIGGERS,
    "dependent_objects/missing_view": VIEWS,
    "dependent_objects/view_changed": VIEWS,
    "empty/charset_and_collation": COLUMN_ATTRS,
    "empty/generated_and_comment": VIRTUAL,
    "foreign_keys/referenced_column_widened": FK_ORDER,
    "foreign_keys/renamed_foreign_key": FK_UNNAMED,
    "foreign_keys/unnamed_to_named": FK_UNNAMED,
    "indexes/index_renamed": RENAMED_KEY,
    "indexes/prefix_added": PREFIX,
    "indexes/prefix_changed": PREFIX,
    "indexes/two_indexes_swapped_names": REDEFINED,
    "keys/auto_increment_primary_key_moved": AI_PK,
    "keys/unique_renamed": RENAMED_KEY,
    "keys/unique_to_plain_index": REDEFINED,
    "names/quote_in_comment": COLUMN_ATTRS,
    "ordering/auto_increment_moves_between_columns": AUTOINC,
    "ordering/drop_primary_key_under_fk": FK_ORDER,
    "ordering/referenced_key_type_change": FK_ORDER,
    "tables/engine_changed": TABLE_OPTIONS,
    "tables/row_format_changed": TABLE_OPTIONS,
    "tables/table_charset_changed": TABLE_OPTIONS,
    "tables/table_collation_changed": TABLE_OPTIONS,
    "tables/table_comment_added": TABLE_OPTIONS,
    "tables/table_comment_changed": TABLE_OPTIONS,
    "tables/table_comment_removed": TABLE_OPTIONS,
}

# the catalog path only (the database path converges)
CATALOG_GAPS: dict[str, str] = {
    "columns/zerofill_added": "catalog init does not keep ZEROFILL (the snapshot's DDL drops it)",
}

# the database path only (the catalog path converges)
DATABASE_GAPS: dict[str, str] = {
    "columns/json_column": JSON,
}
