"""Materialized views: definition (pg_get_viewdef) and their indexes."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id int PRIMARY KEY, a text, b int);\n"

CASES = {
    "missing": Case(a=T, b=T + "CREATE MATERIALIZED VIEW m AS SELECT id, a FROM t;"),
    "extra": Case(a=T + "CREATE MATERIALIZED VIEW m AS SELECT id, a FROM t;", b=T),
    "definition_changed": Case(a=T + "CREATE MATERIALIZED VIEW m AS SELECT id FROM t;",
                               b=T + "CREATE MATERIALIZED VIEW m AS SELECT id, b FROM t;"),
    "index_missing": Case(a=T + "CREATE MATERIALIZED VIEW m AS SELECT id, a FROM t;",
                          b=T + "CREATE MATERIALIZED VIEW m AS SELECT id, a FROM t;\nCREATE UNIQUE INDEX m_id ON m (id);"),
    "index_extra": Case(a=T + "CREATE MATERIALIZED VIEW m AS SELECT id, a FROM t;\nCREATE INDEX m_a ON m (a);",
                        b=T + "CREATE MATERIALIZED VIEW m AS SELECT id, a FROM t;"),
    "missing_with_index": Case(a=T, b=T + "CREATE MATERIALIZED VIEW m AS SELECT id, a FROM t;\n"
                                          "CREATE INDEX m_a ON m (lower(a));"),
    "with_no_data": Case(a=T, b=T + "CREATE MATERIALIZED VIEW m AS SELECT id FROM t WITH NO DATA;"),
    "on_view": Case(a=T + "CREATE VIEW v AS SELECT id, b FROM t;",
                    b=T + "CREATE VIEW v AS SELECT id, b FROM t;\nCREATE MATERIALIZED VIEW m AS SELECT id FROM v;"),
    "aggregate": Case(a=T, b=T + "CREATE MATERIALIZED VIEW m AS SELECT b, count(*) AS n FROM t GROUP BY b;"),
}
