"""Partitioning (each partitioned table's key, each partition's parent and bounds) and inheritance."""
from __future__ import annotations

from remedy.diff import comparator
from remedy.diff.context import Context
from remedy.diff.objects import KindRules, compare_kind

PARTITION = KindRules("partition", "partition", "partition")
PARTITION_KEY = KindRules("partition_key", "partition key of", "partition_key")
INHERITANCE = KindRules("inheritance", "inheritance of", "inheritance")


@comparator
def partitions(ctx: Context):
    yield from compare_kind(ctx, PARTITION_KEY)
    yield from compare_kind(ctx, PARTITION)
    yield from compare_kind(ctx, INHERITANCE)
