"""Schemas: every non-system schema is read on both sides and matched by name; --schema and
--exclude-schema scope both sides the same way; missing and extra schemas are findings the plan fixes."""
from tests.conformance.cases import Case

CUSTOMERS = "CREATE TABLE public.customers (id int PRIMARY KEY, email text NOT NULL);\n"
BILLING = ("CREATE SCHEMA billing;\nCREATE TABLE billing.accounts (id int PRIMARY KEY, "
           "customer_id int CONSTRAINT accounts_customer_fk REFERENCES customers (id), "
           "balance numeric(10,2) CONSTRAINT accounts_balance_check CHECK (balance >= 0));\n"
           "CREATE INDEX accounts_customer_idx ON billing.accounts (customer_id) WHERE balance > 0;\n"
           "CREATE VIEW billing.debtors AS SELECT id FROM billing.accounts WHERE balance > 0;\n")

CASES = {
    "table_missing_in_other_schema": Case(
        a="CREATE SCHEMA app;",
        b="CREATE SCHEMA app;\nCREATE TABLE app.orders (id int PRIMARY KEY, total numeric(10,2));"),
    "missing_schema_with_tables": Case(
        a=CUSTOMERS,
        b=CUSTOMERS + "CREATE SCHEMA billing;\nCREATE TABLE billing.invoices (id int PRIMARY KEY, due date);\n"
                      "CREATE TABLE billing.lines (id int PRIMARY KEY, amount int NOT NULL);"),
    "missing_empty_schema": Case(a=CUSTOMERS, b=CUSTOMERS + "CREATE SCHEMA reporting;"),
    "extra_empty_schema": Case(a=CUSTOMERS + "CREATE SCHEMA legacy;", b=CUSTOMERS),
    "extra_schema_with_tables": Case(
        a=CUSTOMERS + "CREATE SCHEMA legacy;\nCREATE TABLE legacy.old (id int PRIMARY KEY);\n"
                      "CREATE TABLE legacy.older (id int, old_id int REFERENCES legacy.old (id));",
        b=CUSTOMERS),
    "same_table_name_in_two_schemas": Case(
        a="CREATE SCHEMA app;\nCREATE TABLE public.items (id int PRIMARY KEY, name text);\n"
          "CREATE TABLE app.items (id int PRIMARY KEY, sku text);",
        b="CREATE SCHEMA app;\nCREATE TABLE public.items (id int PRIMARY KEY, name text);\n"
          "CREATE TABLE app.items (id int PRIMARY KEY, sku text NOT NULL, price int);"),
    "column_missing_in_other_schema": Case(
        a="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY);",
        b="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY, note text);"),
    "extra_column_in_other_schema": Case(
        a="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY, legacy text);",
        b="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY);"),
    "type_drift_in_other_schema": Case(
        a="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY, n int);",
        b="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY, n bigint);"),
    "nullability_drift_in_other_schema": Case(
        a="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY, n int);",
        b="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY, n int NOT NULL);"),
    "default_drift_in_other_schema": Case(
        a="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY, n int DEFAULT 1);",
        b="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY, n int DEFAULT 2);"),
    "foreign_key_across_schemas_missing": Case(
        a=CUSTOMERS + "CREATE SCHEMA app;\nCREATE TABLE app.orders (id int PRIMARY KEY, customer_id int);",
        b=CUSTOMERS + "CREATE SCHEMA app;\nCREATE TABLE app.orders (id int PRIMARY KEY, "
                      "customer_id int CONSTRAINT orders_customer_fk REFERENCES public.customers (id));"),
    "new_schema_table_referencing_public": Case(
        a=CUSTOMERS,
        b=CUSTOMERS + "CREATE SCHEMA sales;\nCREATE TABLE sales.deals (id int PRIMARY KEY, "
                      "customer_id int NOT NULL REFERENCES public.customers (id));"),
    "index_missing_in_other_schema": Case(
        a="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY, email text);",
        b="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY, email text);\n"
          "CREATE INDEX t_email_idx ON app.t (email);"),
    "unique_missing_in_other_schema": Case(
        a="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY, email text);",
        b="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY, email text CONSTRAINT t_email_key UNIQUE);"),
    "check_missing_in_other_schema": Case(
        a="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY, n int);",
        b="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY, n int CONSTRAINT t_n_check CHECK (n > 0));"),
    "enum_in_missing_schema": Case(
        a=CUSTOMERS,
        b=CUSTOMERS + "CREATE SCHEMA app;\nCREATE TYPE app.mood AS ENUM ('ok', 'sad');\n"
                      "CREATE TABLE app.people (id int PRIMARY KEY, mood app.mood);"),
    "table_moved_between_schemas": Case(
        a="CREATE SCHEMA app;\nCREATE TABLE public.t (id int PRIMARY KEY);",
        b="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY);"),
    "only_other_schema_expected": Case(
        a="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY);\nCREATE TABLE public.stray (id int);",
        b="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY);"),
    "several_schemas_some_missing": Case(
        a="CREATE SCHEMA s1;\nCREATE TABLE s1.t (id int PRIMARY KEY);\nCREATE SCHEMA s2;\nCREATE TABLE s2.t (id int);",
        b="".join(f"CREATE SCHEMA s{i};\nCREATE TABLE s{i}.t (id int PRIMARY KEY);\n" for i in range(1, 6))),
    "mixed_case_schema_name": Case(
        a=CUSTOMERS,
        b=CUSTOMERS + 'CREATE SCHEMA "Sales";\nCREATE TABLE "Sales".deals (id int PRIMARY KEY);'),
    "mixed_case_and_lower_schema_are_two": Case(
        a=CUSTOMERS + 'CREATE SCHEMA sales;\nCREATE TABLE sales.deals (id int PRIMARY KEY);',
        b=CUSTOMERS + 'CREATE SCHEMA "Sales";\nCREATE TABLE "Sales".deals (id int PRIMARY KEY);'),
    "reserved_word_schema_name": Case(
        a=CUSTOMERS,
        b=CUSTOMERS + 'CREATE SCHEMA "user";\nCREATE TABLE "user".profile (id int PRIMARY KEY, "order" int);'),
    "schema_name_with_space": Case(
        a=CUSTOMERS + 'CREATE SCHEMA "my data";\nCREATE TABLE "my data".t (id int PRIMARY KEY);',
        b=CUSTOMERS + 'CREATE SCHEMA "my data";\nCREATE TABLE "my data".t (id int PRIMARY KEY, "a b" text);'),
    "scoped_to_one_schema": Case(
        a="CREATE TABLE public.noise (id int);\nCREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY);",
        b="CREATE TABLE public.other (x text);\nCREATE SCHEMA app;\n"
          "CREATE TABLE app.t (id int PRIMARY KEY, note text);",
        args=("--schema", "app")),
    "scoped_to_two_schemas": Case(
        a="CREATE SCHEMA a1;\nCREATE SCHEMA a2;\nCREATE SCHEMA a3;\nCREATE TABLE a1.t (id int);\n"
          "CREATE TABLE a3.junk (id int);",
        b="CREATE SCHEMA a1;\nCREATE SCHEMA a2;\nCREATE TABLE a1.t (id int, n int);\nCREATE TABLE a2.t (id int);",
        args=("--schema", "a1", "--schema", "a2")),
    "excluded_schema_is_left_alone": Case(
        a=CUSTOMERS + "CREATE SCHEMA scratch;\nCREATE TABLE scratch.tmp (id int);",
        b=CUSTOMERS + "CREATE TABLE public.orders (id int PRIMARY KEY);",
        args=("--exclude-schema", "scratch")),
    "excluded_public": Case(
        a="CREATE TABLE public.anything (id int);\nCREATE SCHEMA app;\nCREATE TABLE app.t (id int);",
        b="CREATE SCHEMA app;\nCREATE TABLE app.t (id int, n int);",
        args=("--exclude-schema", "public")),
    "extra_table_in_kept_schema": Case(
        a="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY);\nCREATE TABLE app.old (id int);",
        b="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY);"),
    # A catalog written by hand that qualifies its tables with a schema it never creates (the live database has
    # it); its unqualified names land in public, not in the alphabetically first schema (billing).
    "catalog_qualifies_a_schema_it_never_creates": Case(
        a=CUSTOMERS + "CREATE SCHEMA billing;\nCREATE TABLE billing.accounts (id int PRIMARY KEY);",
        b=CUSTOMERS + BILLING,
        catalog=CUSTOMERS.replace("public.", "") + BILLING.replace("CREATE SCHEMA billing;\n", "")),
    "catalog_never_creates_a_schema_the_live_database_lacks": Case(
        a=CUSTOMERS, b=CUSTOMERS + BILLING,
        catalog=CUSTOMERS.replace("public.", "") + BILLING.replace("CREATE SCHEMA billing;\n", "")),
}
