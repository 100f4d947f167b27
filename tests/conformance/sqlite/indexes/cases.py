"""Indexes: missing, extra, renamed, changed, DESC, partial, expression."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, b TEXT);\n"

CASES = {
    "missing_index": Case(a=T, b=T + "CREATE INDEX t_a ON t (a);"),
    "extra_index": Case(a=T + "CREATE INDEX t_a ON t (a);", b=T),
    "index_renamed": Case(a=T + "CREATE INDEX t_a_old ON t (a);", b=T + "CREATE INDEX t_a_new ON t (a);"),
    "index_columns_changed": Case(a=T + "CREATE INDEX t_ab ON t (a);", b=T + "CREATE INDEX t_ab ON t (a, b);"),
    "unique_index_added": Case(a=T, b=T + "CREATE UNIQUE INDEX t_b ON t (b);"),
    "index_to_unique": Case(a=T + "CREATE INDEX t_b ON t (b);", b=T + "CREATE UNIQUE INDEX t_b ON t (b);"),
    "desc_key": Case(a=T + "CREATE INDEX t_a ON t (a);", b=T + "CREATE INDEX t_a ON t (a DESC);"),
    "partial_index_added": Case(a=T, b=T + "CREATE INDEX t_a_pos ON t (a) WHERE a > 0;"),
    "partial_predicate_changed": Case(a=T + "CREATE INDEX t_a_pos ON t (a) WHERE a > 0;",
                                      b=T + "CREATE INDEX t_a_pos ON t (a) WHERE a > 10;"),
    "expression_index_added": Case(a=T, b=T + "CREATE INDEX t_lower_b ON t (lower(b));"),
    "collated_index_key": Case(a=T + "CREATE INDEX t_b ON t (b);", b=T + "CREATE INDEX t_b ON t (b COLLATE NOCASE);"),
    "index_kept_through_rebuild": Case(a=T + "CREATE INDEX t_a ON t (a);",
                                       b="CREATE TABLE t (id INTEGER PRIMARY KEY, a INT NOT NULL DEFAULT 0, b TEXT);\n"
                                         "CREATE INDEX t_a ON t (a);"),
}
