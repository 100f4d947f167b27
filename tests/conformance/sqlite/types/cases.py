"""Declared types as SQLite keeps them (any words; compared as written, case and spacing aside, whatever the
affinity), columns without a type, COLLATE, and the values a type change copies: by the new column's affinity, as
any insert stores them, never through a CAST that loses them (CAST('abc' AS INTEGER) is 0)."""
from tests.conformance.cases import Case


def t(*columns: str, strict: bool = False) -> str:
    return "CREATE TABLE t (id INTEGER PRIMARY KEY" + "".join(f", {c}" for c in columns) + ")" \
        + (" STRICT" if strict else "") + ";"


DECLARED = ("a INT", "b NUMERIC(10,2)", "c DATETIME", "d BOOLEAN", "e", "f VARCHAR(20)", "g BLOB",
            "h UNSIGNED BIG INT", "i DOUBLE PRECISION", 'j "my type"', "k TEXT COLLATE NOCASE",
            "l INTEGER NOT NULL DEFAULT 0", "m DECIMAL(5)", "n CLOB", "o NVARCHAR(100)", "p VARCHAR ( 20 )")
VALUES = "SELECT id, quote(n) AS n, typeof(n) AS stored FROM t ORDER BY id"
MIXED = ("INSERT INTO t (id, n) VALUES (1, '12'), (2, 'abc'), (3, '12.5'), (4, NULL), (5, ' 7 '), (6, '1e2'), "
         "(7, ''), (8, x'3132'), (9, 12), (10, 1.5), (11, 1.0);")

CASES = {
    "declared_types_added": Case(a=t(), b=t(*DECLARED)),
    "declared_types_dropped": Case(a=t(*DECLARED), b=t()),
    "table_of_declared_types_created": Case(a="", b=t(*DECLARED)),
    "int_to_integer": Case(a=t("n INT"), b=t("n INTEGER")),
    "integer_to_int": Case(a=t("n INTEGER"), b=t("n INT")),
    "datetime_to_timestamp": Case(a=t("at DATETIME"), b=t("at TIMESTAMP")),
    "untyped_to_blob": Case(a=t("x"), b=t("x BLOB")),
    "blob_to_untyped": Case(a=t("x BLOB NOT NULL DEFAULT x'00'"), b=t("x")),
    "collation_dropped": Case(a=t("s TEXT COLLATE NOCASE"), b=t("s TEXT")),
    "collation_rtrim_to_nocase": Case(a=t("s TEXT COLLATE RTRIM"), b=t("s TEXT COLLATE nocase")),
    "int_primary_key_to_rowid": Case(a="CREATE TABLE t (id INT PRIMARY KEY, v TEXT);",
                                     b="CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);",
                                     data="INSERT INTO t VALUES (1, 'a'), ('7', 'b'), (3.0, 'c');",
                                     rows="SELECT rowid, quote(id), typeof(id), v FROM t ORDER BY v"),
    "rowid_to_int_primary_key": Case(a="CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);",
                                     b="CREATE TABLE t (id INT PRIMARY KEY, v TEXT);",
                                     data="INSERT INTO t VALUES (1, 'a'), (5, 'b');",
                                     rows="SELECT quote(id), typeof(id), v FROM t ORDER BY v"),
    "text_to_integer_keeps_values": Case(a=t("n TEXT"), b=t("n INTEGER"), data=MIXED, rows=VALUES),
    "integer_to_text_keeps_values": Case(a=t("n INTEGER"), b=t("n TEXT"), data=MIXED, rows=VALUES),
    "real_to_integer_keeps_values": Case(a=t("n REAL"), b=t("n INTEGER"), data=MIXED, rows=VALUES),
    "text_to_numeric_keeps_values": Case(a=t("n TEXT"), b=t("n NUMERIC(10,2)"), data=MIXED, rows=VALUES),
    "integer_to_untyped_keeps_values": Case(a=t("n INTEGER"), b=t("n"), data=MIXED, rows=VALUES),
    "into_strict_converts": Case(
        a=t("n TEXT"), b=t("n INTEGER", strict=True), rows=VALUES,
        data="INSERT INTO t (id, n) VALUES (1, '12'), (2, ' 7 '), (3, '1e2'), (4, NULL), (5, 3), (6, 4.0);"),
    "strict_text_to_blob": Case(
        a=t("n TEXT", strict=True), b=t("n BLOB", strict=True), rows=VALUES,
        data="INSERT INTO t (id, n) VALUES (1, 'abc'), (2, NULL), (3, '');",
        b_data="INSERT INTO t (id, n) VALUES (1, CAST('abc' AS BLOB)), (2, NULL), (3, CAST('' AS BLOB));"),
    "strict_integer_to_real": Case(a=t("n INTEGER", strict=True), b=t("n REAL", strict=True), rows=VALUES,
                                   data="INSERT INTO t (id, n) VALUES (1, 12), (2, NULL), (3, -4);"),
}
