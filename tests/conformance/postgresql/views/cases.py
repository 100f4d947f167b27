"""Views: compared by PostgreSQL's own deparse (pg_get_viewdef) on both sides."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id int PRIMARY KEY, a text, b int, c date);\n"
U = "CREATE TABLE u (id int PRIMARY KEY, t_id int REFERENCES t (id), note text);\n"

CASES = {
    "missing": Case(a=T, b=T + "CREATE VIEW v AS SELECT id, a FROM t;"),
    "extra": Case(a=T + "CREATE VIEW v AS SELECT id, a FROM t;", b=T),
    "where_changed": Case(a=T + "CREATE VIEW v AS SELECT id FROM t WHERE b > 0;",
                          b=T + "CREATE VIEW v AS SELECT id FROM t WHERE b >= 0;"),
    "column_added_at_end": Case(a=T + "CREATE VIEW v AS SELECT id FROM t;",
                                b=T + "CREATE VIEW v AS SELECT id, a FROM t;"),
    "column_removed": Case(a=T + "CREATE VIEW v AS SELECT id, a FROM t;",
                           b=T + "CREATE VIEW v AS SELECT id FROM t;"),
    "columns_reordered": Case(a=T + "CREATE VIEW v AS SELECT id, a FROM t;",
                              b=T + "CREATE VIEW v AS SELECT a, id FROM t;"),
    "same_meaning_other_spelling": Case(a=T + "CREATE VIEW v AS SELECT t.id AS id FROM public.t WHERE (t.b > 0);",
                                        b=T + "create view v as select id from t where b>0;"),
    "join_added": Case(a=T + U + "CREATE VIEW v AS SELECT t.id FROM t;",
                       b=T + U + "CREATE VIEW v AS SELECT t.id, u.note FROM t JOIN u ON u.t_id = t.id;"),
    "aggregate": Case(a=T + "CREATE VIEW v AS SELECT b, count(*) AS n FROM t GROUP BY b;",
                      b=T + "CREATE VIEW v AS SELECT b, count(*) AS n FROM t GROUP BY b HAVING count(*) > 1;"),
    "view_on_view_missing": Case(a=T + "CREATE VIEW v1 AS SELECT id, a FROM t;",
                                 b=T + "CREATE VIEW v1 AS SELECT id, a FROM t;\nCREATE VIEW v2 AS SELECT id FROM v1;"),
    "view_on_view_inner_changed": Case(
        a=T + "CREATE VIEW v1 AS SELECT id, a, b FROM t;\nCREATE VIEW v2 AS SELECT id FROM v1;",
        b=T + "CREATE VIEW v1 AS SELECT id, a FROM t;\nCREATE VIEW v2 AS SELECT id FROM v1;"),
    "check_option": Case(a=T + "CREATE VIEW v AS SELECT id, b FROM t WHERE b > 0;",
                         b=T + "CREATE VIEW v AS SELECT id, b FROM t WHERE b > 0 WITH CHECK OPTION;"),
    "security_barrier": Case(a=T + "CREATE VIEW v AS SELECT id FROM t;",
                             b=T + "CREATE VIEW v WITH (security_barrier) AS SELECT id FROM t;"),
    "in_other_schema": Case(args=("--schema", "public", "--schema", "app"), a="CREATE SCHEMA app;\n" + T,
                            b="CREATE SCHEMA app;\n" + T + "CREATE VIEW app.v AS SELECT id FROM public.t;"),
    "mixed_case_name": Case(a=T, b=T + 'CREATE VIEW "ActiveRows" AS SELECT id FROM t WHERE b > 0;'),
    "reserved_word_name": Case(a=T, b=T + 'CREATE VIEW "order" AS SELECT id FROM t;'),
    "literal_with_percent": Case(a=T, b=T + "CREATE VIEW v AS SELECT id FROM t WHERE a LIKE '%x:y%';"),
    "union": Case(a=T + U, b=T + U + "CREATE VIEW v AS SELECT id FROM t UNION SELECT id FROM u;"),
    "cte": Case(a=T + "CREATE VIEW v AS SELECT id FROM t;",
                b=T + "CREATE VIEW v AS WITH x AS (SELECT id, b FROM t) SELECT id FROM x WHERE b > 1;"),
    "recursive_view": Case(a=T, b=T + "CREATE RECURSIVE VIEW nums (n) AS VALUES (1) UNION ALL "
                                      "SELECT n + 1 FROM nums WHERE n < 5;"),
    "column_type_cast_changed": Case(a=T + "CREATE VIEW v AS SELECT id::bigint AS id FROM t;",
                                     b=T + "CREATE VIEW v AS SELECT id::numeric AS id FROM t;"),
}
