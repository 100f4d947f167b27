"""Partitioning: a partitioned table's key and each partition's bounds; a partition is never a plain table."""
from tests.conformance.cases import Case

P = "CREATE TABLE ev (id int, at date NOT NULL, v text) PARTITION BY RANGE (at);\n"
P1 = "CREATE TABLE ev_2026_01 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');\n"
P2 = "CREATE TABLE ev_2026_02 PARTITION OF ev FOR VALUES FROM ('2026-02-01') TO ('2026-03-01');\n"
L = "CREATE TABLE acct (id int, region text NOT NULL) PARTITION BY LIST (region);\n"

CASES = {
    "missing_partition": Case(a=P + P1, b=P + P1 + P2),
    "extra_partition": Case(a=P + P1 + P2, b=P + P1),
    "bounds_changed": Case(a=P + P1, b=P + P1.replace("2026-02-01", "2026-01-15")),
    "list_partition_missing": Case(a=L + "CREATE TABLE acct_eu PARTITION OF acct FOR VALUES IN ('eu');",
                                   b=L + "CREATE TABLE acct_eu PARTITION OF acct FOR VALUES IN ('eu');\n"
                                         "CREATE TABLE acct_us PARTITION OF acct FOR VALUES IN ('us', 'ca');"),
    "default_partition": Case(a=L, b=L + "CREATE TABLE acct_other PARTITION OF acct DEFAULT;"),
    "hash_partitions": Case(a="CREATE TABLE h (id int) PARTITION BY HASH (id);\n"
                              "CREATE TABLE h0 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 0);",
                            b="CREATE TABLE h (id int) PARTITION BY HASH (id);\n"
                              "CREATE TABLE h0 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 0);\n"
                              "CREATE TABLE h1 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 1);"),
    "partitioned_table_missing": Case(a="CREATE TABLE x (id int);", b="CREATE TABLE x (id int);\n" + P + P1),
    "key_changed": Case(a=P, b=P.replace("RANGE (at)", "RANGE (id)"),
                        xfail="a partition key cannot be changed in place; remedy reports it and plans nothing"),
    "subpartitioned": Case(a=P, b=P + "CREATE TABLE ev_2026 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO "
                                      "('2027-01-01') PARTITION BY LIST (v);"),
}
