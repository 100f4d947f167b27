"""Partitioning: a partitioned table's key and each partition's bounds; a partition is never a plain table."""
from tests.conformance.cases import Case

P = "CREATE TABLE ev (id int, at date NOT NULL, v text) PARTITION BY RANGE (at);\n"
P1 = "CREATE TABLE ev_2026_01 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');\n"
P2 = "CREATE TABLE ev_2026_02 PARTITION OF ev FOR VALUES FROM ('2026-02-01') TO ('2026-03-01');\n"
S = ("CREATE TABLE ev_2026 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO ('2027-01-01') PARTITION BY LIST (v);\n"
     "CREATE TABLE ev_2026_x PARTITION OF ev_2026 FOR VALUES IN ('x');\n")
L = "CREATE TABLE acct (id int, region text NOT NULL) PARTITION BY LIST (region);\n"


def _detached_then(change: str, parent: str = P) -> Case:
    """A: ev_2026_02 detached (holding a row), then ALTER TABLE ev_2026_02 ``change``; B: as it was."""
    return Case(a=parent + P1 + P2 + "INSERT INTO ev VALUES (1, '2026-02-03', 'x');\n"
                  "ALTER TABLE ev DETACH PARTITION ev_2026_02;\n"
                  f"ALTER TABLE ev_2026_02 {change};", b=parent + P1 + P2)


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
    # a partition detached by hand (to archive it, or by a half-run migration) is attached again, its rows kept
    "detached": Case(a=P + P1 + P2 + "INSERT INTO ev VALUES (1, '2026-02-03', 'x');\n"
                     "ALTER TABLE ev DETACH PARTITION ev_2026_02;", b=P + P1 + P2),
    "detached_with_keys": Case(
        a="CREATE TABLE c (id int PRIMARY KEY);\n" + P.replace("v text", "v text, c int REFERENCES c, PRIMARY KEY (id, at)")
          + P1 + P2 + "CREATE INDEX ev_v ON ev (v);\nALTER TABLE ev DETACH PARTITION ev_2026_02;",
        b="CREATE TABLE c (id int PRIMARY KEY);\n" + P.replace("v text", "v text, c int REFERENCES c, PRIMARY KEY (id, at)")
          + P1 + P2 + "CREATE INDEX ev_v ON ev (v);\n"),
    # the parent's foreign key was redefined before the partition was detached: the copy the detached table kept
    # is dropped, and ATTACH clones the parent's as expected (it stayed beside it)
    "detached_after_its_foreign_key_changed": Case(
        a="CREATE TABLE c (id int PRIMARY KEY);\n" + P.replace("v text", "v text, c int") + P1 + P2
          + "ALTER TABLE ev ADD CONSTRAINT ev_c_fkey FOREIGN KEY (c) REFERENCES c ON DELETE CASCADE;\n"
            "ALTER TABLE ev DETACH PARTITION ev_2026_02;",
        b="CREATE TABLE c (id int PRIMARY KEY);\n" + P.replace("v text", "v text, c int") + P1 + P2
          + "ALTER TABLE ev ADD CONSTRAINT ev_c_fkey FOREIGN KEY (c) REFERENCES c;\n"),
    # detached, then altered by hand: ATTACH needs the parent's columns exactly (names, types, its NOT NULLs and
    # checks), so the table's columns are compared with the partition's and brought back before it is attached
    "detached_then_column_added": _detached_then("ADD COLUMN note text"),
    "detached_then_column_dropped": _detached_then("DROP COLUMN v"),
    "detached_then_type_changed": _detached_then("ALTER COLUMN id TYPE bigint"),
    "detached_then_not_null_dropped": _detached_then("ALTER COLUMN at DROP NOT NULL"),
    "detached_then_check_dropped": _detached_then("DROP CONSTRAINT ev_v_check",
                                                  P.replace("v text", "v text CONSTRAINT ev_v_check CHECK (v <> '')")),
    "detached_then_default_changed": _detached_then("ALTER COLUMN v SET DEFAULT 'y'",
                                                    P.replace("v text", "v text DEFAULT 'x'")),
    "detached_then_column_renamed": _detached_then("RENAME COLUMN v TO body"),
    # a partition of a partition: its columns are its parent's, which are the top table's
    "detached_from_a_subpartitioned_partition": Case(
        a=P + S + "ALTER TABLE ev_2026 DETACH PARTITION ev_2026_x;\nALTER TABLE ev_2026_x ADD COLUMN note text;",
        b=P + S),
    # numbered columns: a detached partition's serial keeps the parent's nextval default, its identity is a plain
    # NOT NULL column (PostgreSQL 15 and 18 alike): neither is drift, and ATTACH takes it as it is
    "detached_numbered": Case(
        a=P.replace("id int", "id serial, n int GENERATED BY DEFAULT AS IDENTITY, w int DEFAULT 7") + P1 + P2
          + "ALTER TABLE ev DETACH PARTITION ev_2026_02;",
        b=P.replace("id int", "id serial, n int GENERATED BY DEFAULT AS IDENTITY, w int DEFAULT 7") + P1 + P2),
}
