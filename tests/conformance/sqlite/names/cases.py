"""Names: mixed case and reserved words round-trip through SQLite's quoting."""
from tests.conformance.cases import Case

CASES = {
    "reserved_table_and_column": Case(a="", b='CREATE TABLE "order" ("select" INTEGER PRIMARY KEY, "from" TEXT);'),
    "mixed_case_column_added": Case(a="CREATE TABLE Orders (Id INTEGER PRIMARY KEY);",
                                    b="CREATE TABLE Orders (Id INTEGER PRIMARY KEY, CustomerName TEXT);"),
    "space_in_names": Case(a='CREATE TABLE "my table" (id INTEGER PRIMARY KEY);',
                           b='CREATE TABLE "my table" (id INTEGER PRIMARY KEY, "my col" INT);\n'
                             'CREATE INDEX "my idx" ON "my table" ("my col");'),
    "quote_in_default": Case(a="CREATE TABLE t (id INTEGER PRIMARY KEY);",
                             b="CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT DEFAULT 'it''s 50% :x');"),
    "reserved_names_rebuilt": Case(a='CREATE TABLE "group" ("key" INTEGER PRIMARY KEY, "value" TEXT);',
                                   b='CREATE TABLE "group" ("key" INTEGER PRIMARY KEY, "value" TEXT NOT NULL DEFAULT \'\');'),
}
