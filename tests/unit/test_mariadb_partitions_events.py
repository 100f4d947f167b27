"""MariaDB partitioning steps and event statements, without a server: what a plan writes for each change."""
from __future__ import annotations

from remedy.model import SchemaObject
from remedy.sources.ddl import schema_from_ddl
from remedy.sources.events_mysql import Disarmed
from remedy.sources.partitions_mysql import Partitioning, parse_clause, steps


def _state(clause: str) -> Partitioning:
    found = parse_clause("db", "t", clause)
    return Partitioning(found[0], tuple(found[1:]))


def _words(old: str, new: str) -> list[str]:
    return [step.words for step in steps(_state(old), _state(new))]


def test_a_range_partition_added_after_the_last_is_added():
    assert _words("RANGE (y) (PARTITION p0 VALUES LESS THAN (10))",
                  "RANGE (y) (PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN (20))") == [
        "ADD PARTITION (PARTITION `p1` VALUES LESS THAN (20))"]


def test_a_range_partition_split_off_is_reorganized_from_where_the_sides_part():
    assert _words("RANGE (y) (PARTITION p0 VALUES LESS THAN (10), PARTITION p9 VALUES LESS THAN MAXVALUE)",
                  "RANGE (y) (PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN (20), "
                  "PARTITION p9 VALUES LESS THAN MAXVALUE)") == [
        "REORGANIZE PARTITION `p9` INTO (PARTITION `p1` VALUES LESS THAN (20), "
        "PARTITION `p9` VALUES LESS THAN MAXVALUE)"]


def test_a_range_that_would_end_lower_is_partitioned_anew():
    """REORGANIZE may not narrow the range it covers (rows above would have nowhere to go)."""
    assert _words("RANGE (y) (PARTITION p0 VALUES LESS THAN MAXVALUE)",
                  "RANGE (y) (PARTITION p0 VALUES LESS THAN (10))") == [
        "PARTITION BY RANGE (y) (PARTITION `p0` VALUES LESS THAN (10))"]


def test_an_extra_partition_is_dropped_before_the_rest_is_compared():
    found = steps(_state("LIST (c) (PARTITION a VALUES IN (1), PARTITION b VALUES IN (2), PARTITION c VALUES IN (3))"),
                  _state("LIST (c) (PARTITION a VALUES IN (1), PARTITION c VALUES IN (3))"))
    assert [(s.words, s.what) for s in found] == [("DROP PARTITION `b`", "drop")]


def test_hash_partitions_are_added_or_coalesced_at_the_end():
    assert _words("HASH (id) PARTITIONS 2", "HASH (id) PARTITIONS 3") == ["ADD PARTITION (PARTITION `p2`)"]
    assert _words("HASH (id) PARTITIONS 4", "HASH (id) PARTITIONS 2") == ["COALESCE PARTITION 2"]


def test_another_key_is_a_new_partitioning_and_none_removes_it():
    assert _words("HASH (id) PARTITIONS 2", "KEY () PARTITIONS 2") == [
        "PARTITION BY KEY () (PARTITION `p0`, PARTITION `p1`)"]
    assert [s.words for s in steps(_state("HASH (id) PARTITIONS 2"), Partitioning())] == ["REMOVE PARTITIONING"]


def test_the_ddl_reader_reads_a_partitioned_table_and_its_partitions():
    """sqlglot cannot read PARTITION BY: the clause is taken off the CREATE TABLE and read on its own."""
    schema = schema_from_ddl(
        "CREATE TABLE s (id INT NOT NULL, d DATE NOT NULL) ENGINE=InnoDB PARTITION BY RANGE (YEAR(d))\n"
        "SUBPARTITION BY HASH (TO_DAYS(d)) SUBPARTITIONS 2 (PARTITION p0 VALUES LESS THAN (2020) COMMENT 'old',\n"
        "PARTITION p1 VALUES LESS THAN MAXVALUE);\n"
        "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM s;", "s.sql", "mysql", "")
    assert [c.name for c in schema.tables[("", "s")].columns] == ["id", "d"]
    assert {o.name: o.definition for o in schema.objects.values()} == {
        "s": "RANGE (YEAR(d)) SUBPARTITION BY HASH (TO_DAYS(d))",
        "s.p0": "VALUES LESS THAN (2020) COMMENT = 'old' (SUBPARTITION `p0sp0`, SUBPARTITION `p0sp1`)",
        "s.p1": "VALUES LESS THAN MAXVALUE (SUBPARTITION `p1sp0`, SUBPARTITION `p1sp1`)"}


def test_an_event_is_made_disabled_where_it_must_not_run_and_keeps_the_status_it_said():
    disarmed = Disarmed()
    made = disarmed.sql("CREATE DEFINER=`root`@`%` EVENT IF NOT EXISTS db.`Nightly` ON SCHEDULE EVERY 1 DAY "
                        "ON COMPLETION PRESERVE ENABLE COMMENT 'x' DO BEGIN DELETE FROM t; END")
    assert "ENABLE" not in made.replace("DISABLE", "") and " DISABLE COMMENT 'x' DO BEGIN" in made
    assert disarmed.sql("CREATE EVENT e2 ON SCHEDULE EVERY 1 DAY DO SELECT 'enable'") == \
        "CREATE EVENT e2 ON SCHEDULE EVERY 1 DAY DISABLE DO SELECT 'enable'"
    assert disarmed.sql("CREATE TABLE event (a INT)") == "CREATE TABLE event (a INT)"
    assert disarmed.said == {"nightly": "ENABLED", "e2": "ENABLED"}
    read = {("event", "db", "Nightly"): SchemaObject("event", "db", "Nightly", properties=(("status", "DISABLED"),))}
    assert disarmed.restored(read)[("event", "db", "Nightly")].properties == ()


def test_a_missing_table_takes_the_partition_key_of_its_own_schema_only():
    """PostgreSQL: a.t is partitioned, b.t is not; b.t missing from the live database is created plain."""
    from remedy import dialects

    keys = {("partition_key", "a", "t"): SchemaObject("partition_key", "a", "t", table="t", definition="RANGE (at)")}
    assert dialects.get("postgresql").partition_clause(keys, "b", "t") == ""
    assert dialects.get("postgresql").partition_clause(keys, "a", "t") == "RANGE (at)"
    assert dialects.get("postgresql").partition_clause(keys, "", "t") == "RANGE (at)"  # written without a schema


def test_undoing_a_split_merges_the_partitions_back_with_their_rows():
    """The downgrade of REORGANIZE p9 INTO (p1, p9): p1's rows go back into p9, never dropped with it."""
    split = _state("RANGE (y) (PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN (20), "
                   "PARTITION p9 VALUES LESS THAN MAXVALUE)")
    before = _state("RANGE (y) (PARTITION p0 VALUES LESS THAN (10), PARTITION p9 VALUES LESS THAN MAXVALUE)")
    assert [(s.words, s.what) for s in steps(split, before, merge=True)] == [
        ("REORGANIZE PARTITION `p1`, `p9` INTO (PARTITION `p9` VALUES LESS THAN MAXVALUE)", "rewrite")]
    closed = _state("RANGE (y) (PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN MAXVALUE)")
    assert [s.words for s in steps(closed, _state("RANGE (y) (PARTITION p0 VALUES LESS THAN MAXVALUE)"),
                                   merge=True)] == [
        "REORGANIZE PARTITION `p0`, `p1` INTO (PARTITION `p0` VALUES LESS THAN MAXVALUE)"]


def test_undoing_a_partition_added_past_the_end_drops_it_as_a_column_added_would_be():
    added = _state("RANGE (y) (PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN (20))")
    before = _state("RANGE (y) (PARTITION p0 VALUES LESS THAN (10))")
    assert [(s.words, s.what) for s in steps(added, before, merge=True)] == [("DROP PARTITION `p1`", "drop")]
