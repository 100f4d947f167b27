"""Partitioning (information_schema.PARTITIONS): the method and expression, each partition's bounds, comment and
subpartitions, read, compared and planned with ADD / DROP / REORGANIZE / COALESCE PARTITION, PARTITION BY and
REMOVE PARTITIONING, with the keys of a table that becomes (or stops being) partitioned changed around it."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id INT NOT NULL, y INT NOT NULL, note VARCHAR(20), PRIMARY KEY (id, y))"
ROWS = "INSERT INTO t VALUES (1, 2019, 'a'), (2, 2021, 'b'), (3, 2031, 'c');\n"


def by_range(*parts: str) -> str:
    return T + " PARTITION BY RANGE (y) (" + ", ".join(parts) + ");\n"


P0, P1, P2 = ("PARTITION p0 VALUES LESS THAN (2020)", "PARTITION p1 VALUES LESS THAN (2025)",
              "PARTITION p2 VALUES LESS THAN (2030)")
PMAX = "PARTITION pmax VALUES LESS THAN MAXVALUE"
SUB = ("CREATE TABLE s (id INT NOT NULL, d DATE NOT NULL) PARTITION BY RANGE (YEAR(d)) "
       "SUBPARTITION BY HASH (TO_DAYS(d)) SUBPARTITIONS 2 ({});\n")
LIST = "CREATE TABLE l (id INT NOT NULL, region INT NOT NULL) PARTITION BY LIST (region) ({});\n"

CASES = {
    "range_partition_added_at_the_end": Case(a=by_range(P0, P1), b=by_range(P0, P1, P2)),
    "range_partition_dropped": Case(a=by_range(P0, P1, P2), b=by_range(P0, P1)),
    "range_partition_split_in_the_middle_with_rows": Case(a=by_range(P0, PMAX) + ROWS, b=by_range(P0, P1, PMAX)),
    "range_bound_changed_with_rows": Case(a=by_range(P0, P1, PMAX) + ROWS,
                                          b=by_range("PARTITION p0 VALUES LESS THAN (2019)", P1, PMAX)),
    "range_closed_below_maxvalue": Case(a=by_range(P0, "PARTITION p1 VALUES LESS THAN MAXVALUE"),
                                        b=by_range(P0, "PARTITION p1 VALUES LESS THAN (2025)")),
    "range_partition_renamed": Case(a=by_range(P0, PMAX), b=by_range(P0, PMAX.replace("pmax", "plast"))),
    "range_partition_comment_added": Case(a=by_range(P0, PMAX), b=by_range(P0 + " COMMENT 'old rows'", PMAX)),
    "table_becomes_partitioned": Case(a=T + ";\n" + ROWS, b=by_range(P0, PMAX)),
    "partitioning_removed": Case(a=by_range(P0, PMAX) + ROWS, b=T + ";\n"),
    "partitioning_method_changed": Case(a=by_range(P0, PMAX), b=T + " PARTITION BY HASH (id) PARTITIONS 4;\n"),
    "partitioning_expression_changed": Case(a=T + " PARTITION BY HASH (id) PARTITIONS 2;\n",
                                            b=T + " PARTITION BY HASH (y) PARTITIONS 2;\n"),
    "hash_partitions_added": Case(a=T + " PARTITION BY HASH (id) PARTITIONS 2;\n" + ROWS,
                                  b=T + " PARTITION BY HASH (id) PARTITIONS 4;\n"),
    "hash_partitions_coalesced": Case(a=T + " PARTITION BY HASH (id) PARTITIONS 4;\n" + ROWS,
                                      b=T + " PARTITION BY HASH (id) PARTITIONS 2;\n"),
    "key_partitioning_added": Case(a=T + ";\n", b=T + " PARTITION BY KEY () PARTITIONS 3;\n"),
    "list_value_added": Case(a=LIST.format("PARTITION a VALUES IN (1, 2), PARTITION b VALUES IN (3)"),
                             b=LIST.format("PARTITION a VALUES IN (1, 2, 4), PARTITION b VALUES IN (3)")),
    "list_partition_added": Case(a=LIST.format("PARTITION a VALUES IN (1, 2)"),
                                 b=LIST.format("PARTITION a VALUES IN (1, 2), PARTITION b VALUES IN (3, 4)")),
    "list_columns_partition_dropped": Case(
        a="CREATE TABLE c (id INT NOT NULL, code CHAR(2) NOT NULL) PARTITION BY LIST COLUMNS (code) "
          "(PARTITION eu VALUES IN ('fr', 'de'), PARTITION us VALUES IN ('us'));\n",
        b="CREATE TABLE c (id INT NOT NULL, code CHAR(2) NOT NULL) PARTITION BY LIST COLUMNS (code) "
          "(PARTITION eu VALUES IN ('fr', 'de'));\n"),
    "range_columns_partition_inserted": Case(
        a="CREATE TABLE rc (a INT NOT NULL, b DATE NOT NULL) PARTITION BY RANGE COLUMNS (a, b) "
          "(PARTITION p0 VALUES LESS THAN (10, '2020-01-01'), PARTITION p9 VALUES LESS THAN (MAXVALUE, MAXVALUE));\n",
        b="CREATE TABLE rc (a INT NOT NULL, b DATE NOT NULL) PARTITION BY RANGE COLUMNS (a, b) "
          "(PARTITION p0 VALUES LESS THAN (10, '2020-01-01'), PARTITION p1 VALUES LESS THAN (20, '2020-01-01'), "
          "PARTITION p9 VALUES LESS THAN (MAXVALUE, MAXVALUE));\n"),
    "subpartitioned_partition_added": Case(
        a=SUB.format("PARTITION p0 VALUES LESS THAN (2020), PARTITION p1 VALUES LESS THAN (2025)"),
        b=SUB.format("PARTITION p0 VALUES LESS THAN (2020), PARTITION p1 VALUES LESS THAN (2025), "
                     "PARTITION p2 VALUES LESS THAN MAXVALUE")),
    "subpartitioning_added": Case(
        a="CREATE TABLE s (id INT NOT NULL, d DATE NOT NULL) PARTITION BY RANGE (YEAR(d)) "
          "(PARTITION p0 VALUES LESS THAN (2020), PARTITION p1 VALUES LESS THAN MAXVALUE);\n",
        b=SUB.format("PARTITION p0 VALUES LESS THAN (2020), PARTITION p1 VALUES LESS THAN MAXVALUE")),
    "partitioned_table_missing": Case(a="CREATE TABLE other (id INT PRIMARY KEY);\n",
                                      b="CREATE TABLE other (id INT PRIMARY KEY);\n" + by_range(P0, P1, PMAX)),
    "becomes_partitioned_as_its_primary_key_grows": Case(
        a="CREATE TABLE t (id INT NOT NULL, y INT NOT NULL, PRIMARY KEY (id));\n",
        b="CREATE TABLE t (id INT NOT NULL, y INT NOT NULL, PRIMARY KEY (id, y)) PARTITION BY RANGE (y) "
          f"({P0}, {PMAX});\n"),
    "stops_being_partitioned_as_its_primary_key_shrinks": Case(
        a="CREATE TABLE t (id INT NOT NULL, y INT NOT NULL, PRIMARY KEY (id, y)) PARTITION BY RANGE (y) "
          f"({P0}, {PMAX});\n",
        b="CREATE TABLE t (id INT NOT NULL, y INT NOT NULL, PRIMARY KEY (id));\n"),
    "stops_being_partitioned_to_take_a_foreign_key": Case(
        a="CREATE TABLE p (id INT PRIMARY KEY);\n" + by_range(P0, PMAX),
        b="CREATE TABLE p (id INT PRIMARY KEY);\n"
          "CREATE TABLE t (id INT NOT NULL, y INT NOT NULL, note VARCHAR(20), PRIMARY KEY (id, y),\n"
          "  CONSTRAINT t_p FOREIGN KEY (id) REFERENCES p (id));\n"),
    "partition_added_without_allow_destructive": Case(a=by_range(P0, P1), b=by_range(P0, P1, PMAX),
                                                      destructive=False),
}
