"""The MariaDB/MySQL oracle: information_schema read with the ``mariadb`` client, written for the oracle alone
(no code shared with remedy/sources). A database is a sorted list of lines; A equals B when the lists are equal.

What it leaves out: the physical column order (remedy adds a column last), AUTO_INCREMENT counters, and the
database's own name inside view definitions and generated expressions (replaced by ``<db>``).
"""
from __future__ import annotations

from tests.conformance.mysqlclient import database_of, query

HOW = "information_schema through the mariadb client"

TABLES = """SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, TABLE_COMMENT, CREATE_OPTIONS
FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'"""

COLUMNS = """SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COALESCE(COLUMN_DEFAULT, '<none>'), EXTRA,
COALESCE(CHARACTER_SET_NAME, ''), COALESCE(COLLATION_NAME, ''), COLUMN_COMMENT, COALESCE(GENERATION_EXPRESSION, '')
FROM information_schema.COLUMNS c WHERE TABLE_SCHEMA = DATABASE()
AND TABLE_NAME IN (SELECT TABLE_NAME FROM information_schema.TABLES t
                   WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE')"""

INDEXES = """SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, INDEX_TYPE,
GROUP_CONCAT(CONCAT(COLUMN_NAME, COALESCE(CONCAT('(', SUB_PART, ')'), ''), IF(COLLATION = 'D', ' DESC', ''))
             ORDER BY SEQ_IN_INDEX SEPARATOR ', ')
FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()
GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE, INDEX_TYPE"""

FOREIGN_KEYS = """SELECT k.TABLE_NAME, k.CONSTRAINT_NAME,
GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR ', '), k.REFERENCED_TABLE_NAME,
GROUP_CONCAT(k.REFERENCED_COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR ', '), r.DELETE_RULE, r.UPDATE_RULE
FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r
  ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL
GROUP BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.REFERENCED_TABLE_NAME, r.DELETE_RULE, r.UPDATE_RULE"""

CHECKS = """SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = DATABASE()"""

VIEWS = "SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()"

TRIGGERS = """SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT, ACTION_ORDER
FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()"""

ROUTINES = """SELECT ROUTINE_TYPE, ROUTINE_NAME, ROUTINE_DEFINITION FROM information_schema.ROUTINES
WHERE ROUTINE_SCHEMA = DATABASE()"""

# each partition and subpartition with its method, expression and bounds; its place among the table's partitions
# except for LIST ones (whose order means nothing)
PARTITIONS = """SELECT TABLE_NAME, PARTITION_NAME, COALESCE(SUBPARTITION_NAME, ''),
IF(PARTITION_METHOD LIKE 'LIST%', '', PARTITION_ORDINAL_POSITION), PARTITION_METHOD,
COALESCE(SUBPARTITION_METHOD, ''), COALESCE(PARTITION_EXPRESSION, ''), COALESCE(SUBPARTITION_EXPRESSION, ''),
COALESCE(PARTITION_DESCRIPTION, ''), PARTITION_COMMENT
FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND PARTITION_NAME IS NOT NULL"""

# an event's schedule, status, completion, comment and body; a STARTS the server set when the event was made (or
# its schedule last changed) is "when made", as the user did not say one
EVENTS = """SELECT EVENT_NAME, EVENT_TYPE, COALESCE(EXECUTE_AT, ''), COALESCE(INTERVAL_VALUE, ''),
COALESCE(INTERVAL_FIELD, ''), IF(STARTS IS NULL OR STARTS IN (CREATED, LAST_ALTERED), 'when made', STARTS),
COALESCE(ENDS, ''), STATUS, ON_COMPLETION, EVENT_COMMENT, EVENT_DEFINITION
FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()"""

FACTS = {"table": TABLES, "column": COLUMNS, "index": INDEXES, "foreign key": FOREIGN_KEYS, "check": CHECKS,
         "view": VIEWS, "trigger": TRIGGERS, "routine": ROUTINES, "partition": PARTITIONS, "event": EVENTS}


def picture(url: str) -> list[str]:
    """What the oracle sees of the database at ``url``: one line per fact, sorted."""
    name = database_of(url)
    lines = []
    for kind, sql in FACTS.items():
        lines += [f"{kind} " + " | ".join(row).replace(f"`{name}`", "<db>") for row in query(url, sql)]
    return sorted(lines)
