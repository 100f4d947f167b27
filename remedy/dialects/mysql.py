"""MariaDB and MySQL: names compare case-insensitively, DDL commits at once, inline enums, UNSIGNED."""
from __future__ import annotations

import re

from sqlglot import exp

from remedy.dialects.base import Dialect, has_inner_semicolon, register, spelling_key, version_tuple

# MySQL spellings that mean another type: REAL is DOUBLE (unless REAL_AS_FLOAT), SERIAL is
# BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE.
_ALIASES = {"real": "double", "serial": "bigint unsigned"}
_DISPLAY_WIDTH = re.compile(r"^(tinyint|smallint|mediumint|int|integer|bigint)\s*\((?!1\))\d+\)", re.I)
# other dialects' normalized types -> how MariaDB/MySQL store them
_STORED_AS = {"uuid": "char(36)", "jsonb": "json", "timestamptz": "timestamp", "text[]": "json",
              "boolean": "boolean", "bytea": "longblob", "double precision": "double precision"}


_ON_UPDATE = re.compile(r"(?is)^(.*?)\s+ON\s+UPDATE\s+(\w+(?:\(\d*\))?)\s*$")
_UNSIGNED = re.compile(r"(?i)\bunsigned\b|^\s*serial\s*$")
_ZEROFILL = re.compile(r"(?i)\bzerofill\b")
# the display width an integer takes when none is said (ZEROFILL pads to it); ZEROFILL makes it unsigned
_UNSIGNED_WIDTH = {"tinyint": 3, "smallint": 5, "mediumint": 8, "int": 10, "integer": 10, "bigint": 20}
_INTEGER_WIDTH = re.compile(r"(?i)^\s*(tinyint|smallint|mediumint|integer|int|bigint)\b\s*(?:\(\s*(\d+)\s*\))?")


def zerofilled(raw_type: str) -> str:
    """A type with ZEROFILL, which makes it UNSIGNED too: ``INT(5)`` -> ``INT(5) UNSIGNED ZEROFILL``."""
    if _ZEROFILL.search(raw_type):
        return raw_type
    return raw_type + ("" if _UNSIGNED.search(raw_type) else " UNSIGNED") + " ZEROFILL"


def _zerofill_width(raw_type: str) -> int | None:
    """How many digits a ZEROFILL integer is padded to; None for a type that is not a ZEROFILL integer."""
    match = _INTEGER_WIDTH.match(raw_type or "") if _ZEROFILL.search(raw_type or "") else None
    if match is None:
        return None
    return int(match.group(2)) if match.group(2) else _UNSIGNED_WIDTH[match.group(1).lower()]


def _signed(raw_type: str) -> str:
    """The type an unsigned spelling widens from: ``int(10) unsigned zerofill`` -> ``integer``."""
    from remedy.normalize import normalize_type

    text = re.sub(r"(?i)\s+(unsigned|zerofill)\b", "", _ALIASES.get(raw_type.strip().lower(), raw_type))
    return normalize_type(text.strip(), "mysql")


def is_mariadb(version: str) -> bool:
    """For a MySQL-family server: MariaDB reports 10.x / 11.x (sometimes with -MariaDB); MySQL 5.x, 8.x, 9.x."""
    match = re.match(r"(\d+)", version or "")
    return "mariadb" in (version or "").lower() or bool(match and 10 <= int(match.group(1)) < 20)


def _canon_node(node: exp.Expression) -> exp.Expression:
    """MariaDB stores LENGTH(x) as octet_length(x) and TRUE as 1."""
    if isinstance(node, exp.Anonymous) and node.name.lower() == "octet_length" and len(node.expressions) == 1:
        return exp.Length(this=node.expressions[0], binary=True)
    if isinstance(node, exp.Boolean):
        return exp.Literal.number(1 if node.this else 0)
    return node


@register
class MySQL(Dialect):
    name = "mysql"
    label = "MariaDB/MySQL"
    sqlglot = "mysql"
    alembic = "mysql"
    transactional_ddl = False
    index_methods = True
    default_time_precision = "0"  # datetime == datetime(0)
    default_decimal_args = ("10", "0")  # DECIMAL is DECIMAL(10,0)
    tinyint1_is_boolean = True  # BOOLEAN is TINYINT(1)
    bit_literal_booleans = True
    inline_enums = True
    restrict_is_no_action = True  # RESTRICT is MariaDB's name for the default
    varchar_needs_length = True
    present_kinds_sql = """
SELECT 'views', COUNT(*) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()
UNION ALL SELECT 'triggers', COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()
UNION ALL SELECT 'functions', COUNT(*) FROM information_schema.ROUTINES
  WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_TYPE = 'FUNCTION'
UNION ALL SELECT 'procedures', COUNT(*) FROM information_schema.ROUTINES
  WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_TYPE = 'PROCEDURE'
UNION ALL SELECT 'events', COUNT(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()
UNION ALL SELECT 'partitions', COUNT(DISTINCT TABLE_NAME) FROM information_schema.PARTITIONS
  WHERE TABLE_SCHEMA = DATABASE() AND PARTITION_NAME IS NOT NULL
UNION ALL SELECT 'table_options', COUNT(*) FROM information_schema.TABLES
  WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'
  AND TRIM(REGEXP_REPLACE(CREATE_OPTIONS, 'row_format=[A-Za-z_]+|partitioned', '')) <> ''"""
    # tables with options beyond the row format (STATS_PERSISTENT, CHECKSUM, PAGE_COMPRESSED...): not compared
    raw_type_carries_meaning = True  # unsigned, enum('a','b')
    unsigned_integers = True  # INT UNSIGNED: an AUTO_INCREMENT key keeps the word
    converts_on_assignment = True
    foreign_keys_keep_an_index = True  # InnoDB indexes every foreign key's columns
    index_prefix_keys = True
    names_constraints = True
    keys_named_like_indexes = True  # a UNIQUE KEY is an index of the table
    retyping_needs_foreign_keys_off = True  # errno 150: the key is dropped before and added again after
    generated_storage = True
    alter_actions_read_exactly = True  # MODIFY, CHANGE, RENAME INDEX...: read, or the catalog is refused
    auto_increment_suffix = " AUTO_INCREMENT"  # any key's column may auto-increment (a UNIQUE key's, a composite's)
    column_checks_named_after_column = True
    inline_comments = True
    table_options = True
    # views (the server's deparse), triggers and routines (as written): remedy.sources.objects_mysql
    dependent_objects = True
    identifier_quotes = "`"  # "x" is a string in the default sql_mode
    partitions_with_table = True  # remedy.sources.partitions_mysql

    def partition_clause(self, objects, schema: str, table: str) -> str:
        """The method, the expression and every partition (``RANGE (year(`d`)) (PARTITION `p0` VALUES ...)``)."""
        from remedy.sources.partitions_mysql import clause, of_table

        state = of_table(objects, schema, table)
        return clause(state) if state.key is not None else ""

    def partition_table_kwargs(self, clause: str) -> dict:
        return {"mysql_partition_by": clause} if clause else {}

    delimiter_command = True

    def definition_key(self, text: str) -> str:
        return spelling_key(text, self.identifier_quotes, fold_quoted=False)

    def script_statement(self, sql: str) -> str:
        """A trigger or routine with a BEGIN ... END body between DELIMITER lines, as the client reads it."""
        if not has_inner_semicolon(sql):
            return sql + ";"
        mark = "$$" if "$$" not in sql else "//"
        return f"DELIMITER {mark}\n{sql}{mark}\nDELIMITER ;"

    def connect_args(self, driver: str, timeout: int) -> dict:
        """PyMySQL's connect_timeout covers the TCP connect only: a server that never greets (a PostgreSQL
        port) held it for 61 s. A read timeout bounds the handshake too; ``connected`` lifts it."""
        return {"connect_timeout": timeout, **({"read_timeout": timeout} if driver == "pymysql" else {})}

    def connected(self, driver: str, dbapi_connection) -> None:
        if driver == "pymysql":
            dbapi_connection._read_timeout = None  # PyMySQL re-applies it to the socket before the next read

    def alter_keeps(self, existing) -> dict:
        """MODIFY restates the whole column: AUTO_INCREMENT and the comment are said again, or lost."""
        return {"existing_autoincrement": existing.identity, "existing_comment": existing.comment}

    def has_charset(self, type_name: str) -> bool:
        """CHAR, VARCHAR, the TEXTs, ENUM and SET (JSON is LONGTEXT in utf8mb4_bin whatever the table says)."""
        return re.match(r"(?:national\s+)?(?:var)?char\b|(?:tiny|medium|long)?text$|enum$|set$", type_name or "") is not None

    def sa_table_options(self, options) -> dict:
        """ENGINE=, DEFAULT CHARSET=, COLLATE and ROW_FORMAT= (DEFAULT where the engine's own is kept)."""
        if options is None:
            return {}
        said = {"engine": options.engine, "default_charset": options.charset, "collate": options.collation,
                "row_format": "DEFAULT" if options.row_format == "" else options.row_format}
        return {f"mysql_{name}": value for name, value in said.items() if value}

    def column_type_suffix(self, column) -> str:
        """`` CHARACTER SET cs COLLATE co`` where the column says them (MODIFY without them resets a column to
        the table's default), and ``INVISIBLE`` (before a generation clause MariaDB refuses it: said after)."""
        text = f" CHARACTER SET {self.quote(column.charset)}" if column.charset else ""
        text += f" COLLATE {self.quote(column.collation)}" if column.collation else ""
        invisible = column.invisible and not (column.kind or "").startswith("generated")
        return text + (" INVISIBLE" if invisible else "")

    def after_generation(self, column) -> str:
        """INVISIBLE, which MariaDB takes after the generation clause only."""
        return " INVISIBLE" if column.invisible else ""

    def literal(self, value: str) -> str:
        """Backslashes and quotes doubled, as the server reads them in its default sql_mode (as
        SQLAlchemy's MySQL dialect writes them)."""
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"

    def same_index_method(self, want: str, have: str) -> bool:
        """FULLTEXT and SPATIAL are kinds of their own; the engine may store a HASH index as BTREE."""
        kind = lambda m: m if m in ("fulltext", "spatial") else "btree"
        return kind(want) == kind(have)

    def type_text(self, text: str) -> tuple[str, bool]:
        text = _ALIASES.get(text.lower(), text)
        unsigned = " unsigned" in text.lower()
        if unsigned:
            text = re.sub(r"\s+unsigned", "", text, flags=re.I)
        return _DISPLAY_WIDTH.sub(r"\1", text), unsigned

    def widen_unsigned(self, name: str) -> str:
        """An unsigned integer holds what the next wider signed one does."""
        return {"smallint": "integer", "integer": "bigint"}.get(name, name)

    def same_raw_type(self, expected: str, actual: str) -> bool:
        """UNSIGNED and ZEROFILL are part of the type, and so is a ZEROFILL integer's display width (the digits
        it is padded to); INT UNSIGNED is not BIGINT UNSIGNED."""
        if bool(_ZEROFILL.search(expected or "")) != bool(_ZEROFILL.search(actual or "")) \
                or _zerofill_width(expected) != _zerofill_width(actual):
            return False
        want, have = _UNSIGNED.search(expected or ""), _UNSIGNED.search(actual or "")
        if bool(want) != bool(have):
            return False
        return not want or _signed(expected) == _signed(actual)  # int unsigned is not bigint unsigned

    def split_on_update(self, raw: str | None) -> tuple[str | None, str | None]:
        """``DEFAULT x ON UPDATE y`` is kept in the raw default as ``x ON UPDATE y`` (``NULL ON UPDATE y``)."""
        match = _ON_UPDATE.match(raw or "")
        if match is None:
            return raw, None
        head = match.group(1).strip()
        return (None if head.upper() == "NULL" else head), match.group(2).strip()

    def quote_bare_default(self, text: str) -> str:
        if text.startswith("'") or text.endswith(")") or re.fullmatch(r"[A-Za-z_]+", text):
            return text
        return "'" + text.replace("'", "''") + "'"

    def cross_types_equivalent(self, expected: str, actual: str) -> bool | None:
        if expected.endswith("[]"):
            return actual in ("json", "longtext")
        if _STORED_AS.get(expected) == actual:
            return True
        if expected in ("json", "jsonb") and actual == "longtext":
            return True  # MariaDB stores JSON as LONGTEXT with a check
        return None

    def canon_expression(self, tree):
        return tree.transform(_canon_node)

    def stores_descending_keys(self, version: str) -> bool:
        """MariaDB from 10.8, MySQL from 8.0; older ones accept DESC and build an ascending key."""
        release = version_tuple(version)
        if release is None:
            return True
        return release >= (10, 8) if is_mariadb(version) else release >= (8, 0)

    def is_mariadb(self, version: str) -> bool:
        return is_mariadb(version)

    def bounds_statement_time(self, version: str) -> bool:
        """MariaDB's max_statement_time bounds any statement; MySQL's max_execution_time bounds SELECTs only."""
        return is_mariadb(version)

    def timed(self, sql: str, seconds: float) -> str:
        """MariaDB: for this statement only, so the catalog reads around it are not bounded."""
        return f"SET STATEMENT max_statement_time = {seconds:.6f} FOR {sql}" if seconds else sql

    def server_label(self, version: str) -> str:
        return "MariaDB" if is_mariadb(version) else "MySQL"


def canonical_charset(name: str | None) -> str | None:
    """A character set as the server reports it: lower case, ``utf8`` as ``utf8mb3`` (MariaDB 10.6+, MySQL 8)."""
    if not name:
        return None
    low = name.strip().strip("'\"`").lower()
    return "utf8mb3" if low == "utf8" else low


def canonical_collation(name: str | None) -> str | None:
    if not name:
        return None
    low = name.strip().strip("'\"`").lower()
    return "utf8mb3" + low[4:] if low.startswith("utf8_") else low


def charset_of_collation(collation: str | None) -> str | None:
    """``latin1_swedish_ci`` -> ``latin1``: a collation belongs to the character set it is named after."""
    if not collation:
        return None
    return "binary" if collation == "binary" else canonical_charset(collation.split("_", 1)[0])
