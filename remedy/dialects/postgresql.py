"""PostgreSQL: case-sensitive names folded to lower case, schemas, transactional DDL."""
from __future__ import annotations

import re

from remedy.dialects.base import Dialect, register, version_tuple

# PostgreSQL's internal and SQL-standard type names -> the spelling sqlglot reads
_ALIASES = {
    "int2": "smallint", "int4": "integer", "int8": "bigint", "float4": "real", "float8": "double precision",
    "bool": "boolean", "varchar": "varchar", "bpchar": "char", "timestamptz": "timestamptz",
    "character varying": "varchar", "character": "char",
    "serial4": "serial", "serial8": "bigserial", "serial2": "smallserial",
}

UNLOGGED = "unlogged"  # Table.flags: CREATE UNLOGGED TABLE (not written to the WAL, emptied after a crash)
_UNLOGGED = re.compile(r"(?is)^\s*CREATE\s+UNLOGGED\s+TABLE\b")

LOCK_TIMEOUT_LINE = "SET LOCAL lock_timeout = '5s';  -- give up rather than queue behind a long transaction"


def path_names(path: str) -> list[str]:
    """The names of a search_path as current_setting shows it (``"$user", public, "My Schema"``)."""
    names = []
    for quoted, plain in re.findall(r'\s*(?:"((?:[^"]|"")*)"|([^,\s]+))\s*(?:,|$)', path):
        names.append(quoted.replace('""', '"') if quoted else plain.lower())
    return [n for n in names if n]


@register
class PostgreSQL(Dialect):
    name = "postgresql"
    label = "PostgreSQL"
    sqlglot = "postgres"
    adds_casts = True
    alembic = "postgresql"
    case_sensitive_names = True
    folds_unquoted_to_lower = True
    has_schemas = True
    default_schema = "public"
    partial_indexes = True
    index_methods = True
    lock_notes = True
    named_enums = True
    extensions = True
    function_defaults_in_parentheses = False
    journal_in_database = True
    index_nulls_order = True
    keys_named_like_indexes = True  # a key's index bears its name, in the schema's namespace of relations
    renames_constraints = True  # ALTER TABLE ... RENAME CONSTRAINT, ALTER INDEX ... RENAME TO
    dependent_objects = True
    truncates_names_at = 63  # NAMEDATALEN - 1
    table_flags = (UNLOGGED,)

    def flags_of(self, create_table: str) -> tuple[str, ...]:
        return (UNLOGGED,) if _UNLOGGED.match(create_table) else ()

    def flag_table_kwargs(self, flags: tuple[str, ...]) -> dict:
        return {"prefixes": ["UNLOGGED"]} if UNLOGGED in flags else {}

    def alter_table_flag(self, table: str, flag: str, on: bool) -> str | None:
        """ALTER TABLE ... SET UNLOGGED / SET LOGGED (``table`` quoted and qualified)."""
        return f"ALTER TABLE {table} SET {'UNLOGGED' if on else 'LOGGED'}" if flag == UNLOGGED else None

    def connect_args(self, driver: str, timeout: int) -> dict:
        # libpq's covers the whole start-up, handshake included
        return {"connect_timeout": timeout} if driver in ("psycopg", "psycopg2") else {}

    def literal(self, value: str) -> str:
        """As quote_literal() writes it: E'...' when there is a backslash, so it reads the same whatever
        standard_conforming_strings says."""
        if "\\" in value:
            return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'"
        return "'" + value.replace("'", "''") + "'"

    @staticmethod
    def dollar_tag(body: str, name: str = "remedy") -> str:
        """A dollar quote ($name$, else $name1$ ...) that does not occur in ``body``: a name or literal in the
        body may hold any text, $remedy$ included, and must not end the quoted block early."""
        tag, n = f"${name}$", 0
        while tag in body:
            n += 1
            tag = f"${name}{n}$"
        return tag

    def implicit_name(self, name1: str, name2: str, label: str, taken=frozenset()) -> str:
        """The name PostgreSQL gives what it makes for a table's column (``t_n_seq`` for serial n of t):
        ChooseRelationName's ``name1_name2_label``, the longer of name1 and name2 cut a byte at a time until it
        fits in 63 bytes (never inside a character), then ``label1``, ``label2``... while the name is ``taken``."""
        limit, n = self.truncates_names_at, 0
        while True:
            suffix = f"{label}{n or ''}"
            one, two = name1.encode(), name2.encode()
            keep1, keep2, room = len(one), len(two), limit - len(suffix) - 2
            while keep1 + keep2 > room:
                keep1, keep2 = (keep1 - 1, keep2) if keep1 > keep2 else (keep1, keep2 - 1)
            name = f"{one[:keep1].decode(errors='ignore')}_{two[:keep2].decode(errors='ignore')}_{suffix}"
            if name not in taken:
                return name
            n += 1

    column_kinds = True
    worded_definitions = True

    def primary_key_name(self, table: str) -> str:
        return f"{table}_pkey"

    def inherits_table_kwargs(self, parents: tuple[str, ...]) -> dict:
        from sqlalchemy.sql import quoted_name  # written as given: each is qualified and quoted already

        return {"postgresql_inherits": tuple(quoted_name(p, quote=False) for p in parents)} if parents else {}

    def names_not_null(self, version: str) -> bool:
        release = version_tuple(version)
        return release is not None and release[0] >= 18

    def same_index_method(self, want: str, have: str) -> bool:
        return want == have

    def array_element(self, low: str) -> str | None:
        return low[1:] if low.startswith("_") else None

    def type_text(self, text: str) -> tuple[str, bool]:
        low = text.lower()
        if low.startswith("bit varying"):  # sqlglot reads only "bit"
            return "varbit" + text[len("bit varying"):], False
        return _ALIASES.get(low, text), False

    def read_bound_sql(self, seconds: int) -> str:
        return f"SET LOCAL statement_timeout = '{seconds}s'"

    def bounds_statement_time(self, version: str) -> bool:
        return True  # SET LOCAL statement_timeout, for the dry run's and the apply's whole transaction

    def begin_lines(self) -> list[str]:
        return ["BEGIN;", LOCK_TIMEOUT_LINE]

    def client_lines(self) -> list[str]:
        return ["\\set ON_ERROR_STOP on"]

    def script_begin_lines(self) -> list[str]:
        """One transaction whether psql runs the file as it is or with ``-1`` (``--single-transaction``, which
        opens one itself: a BEGIN of ours would warn "there is already a transaction in progress", and our
        COMMIT would end psql's early). The first statement of a transaction sees ``statement_timestamp() =
        transaction_timestamp()`` (PostgreSQL's documentation says so); under ``-1`` psql's BEGIN came first."""
        return ["-- one transaction: psql -1 (--single-transaction) opens it; without -1, this script does",
                "SELECT statement_timestamp() = transaction_timestamp() AS remedy_opens_transaction \\gset",
                "\\if :remedy_opens_transaction", "BEGIN;", "\\endif", LOCK_TIMEOUT_LINE]

    def drawn_sequence(self, default: str | None, search_path: str, has_sequence) -> tuple[str, str] | None:
        """``nextval('s')``: pg_dump writes it qualified, PostgreSQL prints it unqualified where the sequence is
        visible on the search path (remedy.dialects.postgresql_sequences.drawn_sequence_key)."""
        from remedy.dialects.postgresql_sequences import drawn_sequence_key

        return drawn_sequence_key(default, search_path, has_sequence)

    def search_path_lines(self, path: str) -> list[str]:
        """``SET LOCAL search_path`` to the path remedy read under, each element quoted as an identifier: the
        definitions a plan restates (``REFERENCES accounts(id)``, ``nextval('accounts_id_seq'::regclass)``) leave
        out the schemas on that path, and a client with another path (golang-migrate's ``?search_path=app``)
        would resolve them elsewhere."""
        names = [self.quote_always(name) for name in path_names(path)]
        return [f"SET LOCAL search_path = {', '.join(names)};"] if names else []

    def script_commit_lines(self) -> list[str]:
        return ["\\if :remedy_opens_transaction", "COMMIT;", "\\endif"]
