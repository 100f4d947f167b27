"""Names: PostgreSQL names are case-sensitive ("Order" and order are two tables); reserved words, spaces,
quotes and non-ASCII letters are names like any other, quoted by the dialect's preparer."""
from tests.conformance.cases import Case

CASES = {
    "mixed_case_table_against_lower_case": Case(
        a='CREATE TABLE "order" (id int PRIMARY KEY, total int);',
        b='CREATE TABLE "Order" (id int PRIMARY KEY, total int);'),
    "mixed_case_table_identical": Case(
        a='CREATE TABLE "Order" (id int PRIMARY KEY, "Total" int);',
        b='CREATE TABLE "Order" (id int PRIMARY KEY, "Total" int);'),
    "mixed_case_table_missing": Case(
        a="CREATE TABLE t (id int PRIMARY KEY);",
        b='CREATE TABLE t (id int PRIMARY KEY);\nCREATE TABLE "CustomerOrders" ("Id" int PRIMARY KEY, "PlacedAt" timestamptz);'),
    "mixed_case_column_against_lower_case": Case(
        a="CREATE TABLE t (id int PRIMARY KEY, email text);",
        b='CREATE TABLE t (id int PRIMARY KEY, "Email" text);'),
    "mixed_case_column_type_drift": Case(
        a='CREATE TABLE t (id int PRIMARY KEY, "UserId" int);',
        b='CREATE TABLE t (id int PRIMARY KEY, "UserId" bigint);'),
    "mixed_case_column_nullability_drift": Case(
        a='CREATE TABLE t (id int PRIMARY KEY, "UserId" int);',
        b='CREATE TABLE t (id int PRIMARY KEY, "UserId" int NOT NULL);'),
    "mixed_case_column_default_drift": Case(
        a='CREATE TABLE t (id int PRIMARY KEY, "Status" text);',
        b='CREATE TABLE t (id int PRIMARY KEY, "Status" text DEFAULT \'new\');'),
    "two_columns_differing_only_in_case": Case(
        a="CREATE TABLE t (id int PRIMARY KEY, name text);",
        b='CREATE TABLE t (id int PRIMARY KEY, name text, "Name" text);'),
    "two_tables_differing_only_in_case": Case(
        a="CREATE TABLE users (id int PRIMARY KEY);",
        b='CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE "Users" (id int PRIMARY KEY, note text);'),
    "extra_mixed_case_column": Case(
        a='CREATE TABLE t (id int PRIMARY KEY, "Legacy" text, legacy text);',
        b="CREATE TABLE t (id int PRIMARY KEY, legacy text);"),
    "reserved_word_tables_missing": Case(
        a="CREATE TABLE t (id int PRIMARY KEY);",
        b='CREATE TABLE t (id int PRIMARY KEY);\nCREATE TABLE "user" (id int PRIMARY KEY);\n'
          'CREATE TABLE "group" (id int PRIMARY KEY, "user" int REFERENCES "user" (id));\n'
          'CREATE TABLE "select" ("from" int, "to" int);'),
    "reserved_word_columns_missing": Case(
        a='CREATE TABLE "order" (id int PRIMARY KEY);',
        b='CREATE TABLE "order" (id int PRIMARY KEY, "from" date, "to" date, "limit" int NOT NULL DEFAULT 10);'),
    "reserved_word_column_extra": Case(
        a='CREATE TABLE t (id int PRIMARY KEY, "select" text, "where" int);',
        b="CREATE TABLE t (id int PRIMARY KEY);"),
    "reserved_word_column_type_drift": Case(
        a='CREATE TABLE "table" ("column" int);',
        b='CREATE TABLE "table" ("column" bigint NOT NULL);'),
    "names_with_spaces": Case(
        a='CREATE TABLE "line items" (id int PRIMARY KEY);',
        b='CREATE TABLE "line items" (id int PRIMARY KEY, "unit price" numeric(10,2), "first name" text);'),
    "name_with_a_double_quote": Case(
        a="CREATE TABLE t (id int PRIMARY KEY);",
        b='CREATE TABLE t (id int PRIMARY KEY, "say ""hi""" text);'),
    "non_ascii_names": Case(
        a="CREATE TABLE t (id int PRIMARY KEY);",
        b='CREATE TABLE t (id int PRIMARY KEY, café text, "Größe" int);\nCREATE TABLE 注文 (id int PRIMARY KEY);'),
    "dollar_and_digits_in_names": Case(
        a="CREATE TABLE t (id int PRIMARY KEY);",
        b="CREATE TABLE t (id int PRIMARY KEY, price$ int, col2 int);\nCREATE TABLE t2$x (id int);"),
    "longest_names": Case(
        a="CREATE TABLE t (id int PRIMARY KEY);",
        b=f"CREATE TABLE t (id int PRIMARY KEY, {'c' * 63} int);\nCREATE TABLE {'t' * 63} (id int);"),
    "mixed_case_index_missing": Case(
        a='CREATE TABLE "Users" (id int PRIMARY KEY, "Email" text);',
        b='CREATE TABLE "Users" (id int PRIMARY KEY, "Email" text);\nCREATE INDEX "IX_Users_Email" ON "Users" ("Email");'),
    "mixed_case_unique_missing": Case(
        a='CREATE TABLE "Users" (id int PRIMARY KEY, "Email" text);',
        b='CREATE TABLE "Users" (id int PRIMARY KEY, "Email" text CONSTRAINT "UQ_Users_Email" UNIQUE);'),
    "mixed_case_foreign_key_missing": Case(
        a='CREATE TABLE "Users" ("Id" int PRIMARY KEY);\nCREATE TABLE "Orders" ("Id" int PRIMARY KEY, "UserId" int);',
        b='CREATE TABLE "Users" ("Id" int PRIMARY KEY);\nCREATE TABLE "Orders" ("Id" int PRIMARY KEY, '
          '"UserId" int CONSTRAINT "FK_Orders_Users" REFERENCES "Users" ("Id"));'),
    "mixed_case_check_missing": Case(
        a='CREATE TABLE t (id int PRIMARY KEY, "Qty" int);',
        b='CREATE TABLE t (id int PRIMARY KEY, "Qty" int CONSTRAINT "CK_Qty" CHECK ("Qty" > 0));'),
    "mixed_case_primary_key_table_missing": Case(
        a="CREATE TABLE t (id int PRIMARY KEY);",
        b='CREATE TABLE t (id int PRIMARY KEY);\nCREATE TABLE "Pairs" ("Left" int, "Right" int, PRIMARY KEY ("Left", "Right"));'),
    "mixed_case_enum_type": Case(
        a="CREATE TABLE t (id int PRIMARY KEY);",
        b='CREATE TYPE "Mood" AS ENUM (\'Happy\', \'sad\');\nCREATE TABLE t (id int PRIMARY KEY, "Feeling" "Mood");'),
}
