"""Indexes with options: INCLUDE, WITH (fillfactor), operator class, collation, order, NULLS NOT
DISTINCT, method, predicate and expression. Redefined under the same name: index_mismatch, dropped
and created again. The same index written differently: no finding."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id int PRIMARY KEY, a int, b text, c int, r int4range); "


def index(a: str, b: str) -> Case:
    return Case(a=T + a, b=T + b)


CASES = {
    "missing_index_with_include": index("", "CREATE INDEX i ON t (a) INCLUDE (b, c);"),
    "include_added": index("CREATE INDEX i ON t (a);", "CREATE INDEX i ON t (a) INCLUDE (b);"),
    "include_changed": index("CREATE INDEX i ON t (a) INCLUDE (b);", "CREATE INDEX i ON t (a) INCLUDE (c);"),
    "fillfactor_added": index("CREATE INDEX i ON t (a);", "CREATE INDEX i ON t (a) WITH (fillfactor = 70);"),
    "fillfactor_changed": index("CREATE INDEX i ON t (a) WITH (fillfactor = 90);",
                                "CREATE INDEX i ON t (a) WITH (fillfactor = 70);"),
    "fillfactor_dropped": index("CREATE INDEX i ON t (a) WITH (fillfactor = 90);", "CREATE INDEX i ON t (a);"),
    "opclass_added": index("CREATE INDEX i ON t (b);", "CREATE INDEX i ON t (b text_pattern_ops);"),
    "opclass_dropped": index("CREATE INDEX i ON t (b varchar_pattern_ops);", "CREATE INDEX i ON t (b);"),
    "collation_added": index("CREATE INDEX i ON t (b);", 'CREATE INDEX i ON t (b COLLATE "C");'),
    "collation_changed": index('CREATE INDEX i ON t (b COLLATE "POSIX");', 'CREATE INDEX i ON t (b COLLATE "C");'),
    "descending": index("CREATE INDEX i ON t (a);", "CREATE INDEX i ON t (a DESC);"),
    "nulls_first": index("CREATE INDEX i ON t (a);", "CREATE INDEX i ON t (a NULLS FIRST);"),
    "descending_nulls_last": index("CREATE INDEX i ON t (a DESC);", "CREATE INDEX i ON t (a DESC NULLS LAST);"),
    "method_btree_to_hash": index("CREATE INDEX i ON t (a);", "CREATE INDEX i ON t USING hash (a);"),
    "method_gist_to_spgist": index("CREATE INDEX i ON t USING gist (r);", "CREATE INDEX i ON t USING spgist (r);"),
    "brin_index_missing": index("", "CREATE INDEX i ON t USING brin (c) WITH (pages_per_range = 16);"),
    "becomes_unique": index("CREATE INDEX i ON t (a);", "CREATE UNIQUE INDEX i ON t (a);"),
    "stops_being_unique": index("CREATE UNIQUE INDEX i ON t (a);", "CREATE INDEX i ON t (a);"),
    "unique_nulls_not_distinct": index("CREATE UNIQUE INDEX i ON t (b);",
                                       "CREATE UNIQUE INDEX i ON t (b) NULLS NOT DISTINCT;"),
    "predicate_added": index("CREATE INDEX i ON t (a);", "CREATE INDEX i ON t (a) WHERE a > 0;"),
    "predicate_changed": index("CREATE INDEX i ON t (a) WHERE a > 0;", "CREATE INDEX i ON t (a) WHERE a > 100;"),
    "predicate_dropped": index("CREATE INDEX i ON t (a) WHERE c IS NOT NULL;", "CREATE INDEX i ON t (a);"),
    "expression_changed": index("CREATE INDEX i ON t (lower(b));", "CREATE INDEX i ON t (upper(b));"),
    "columns_changed": index("CREATE INDEX i ON t (a);", "CREATE INDEX i ON t (a, c);"),
    "columns_reordered": index("CREATE INDEX i ON t (a, c);", "CREATE INDEX i ON t (c, a);"),
    "same_predicate_written_differently": index("CREATE INDEX i ON t (a) WHERE (a > 0);",
                                                "CREATE INDEX i ON t (a) WHERE ((a) > (0));"),
    "same_in_list_written_differently": index("CREATE INDEX i ON t (a) WHERE b = ANY (ARRAY['x'::text, 'y'::text]);",
                                              "CREATE INDEX i ON t (a) WHERE b IN ('x', 'y');"),
    "same_method_said_or_not": index("CREATE INDEX i ON t USING btree (a ASC NULLS LAST);", "CREATE INDEX i ON t (a);"),
    "same_expression_written_differently": index("CREATE INDEX i ON t ((a + 1));", "CREATE INDEX i ON t (((a) + 1));"),
    "unique_index_with_everything": index(
        "", "CREATE UNIQUE INDEX i ON t USING btree (b COLLATE \"C\" text_pattern_ops DESC NULLS LAST, a) INCLUDE (c) "
            "NULLS NOT DISTINCT WITH (fillfactor = 80) WHERE a > 0;"),
}
