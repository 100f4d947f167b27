"""Empty targets: an empty live database is a valid target; every expected object is missing and the plan
builds it, in an order PostgreSQL accepts."""
from tests.conformance.cases import Case

EMPTY = ""

CASES = {
    "one_table": Case(a=EMPTY, b="CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL);"),
    "foreign_key_chain": Case(
        a=EMPTY,
        b="CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id));\n"
          "CREATE TABLE c (id int PRIMARY KEY, b_id int NOT NULL REFERENCES b (id) ON DELETE CASCADE);"),
    "self_reference": Case(
        a=EMPTY, b="CREATE TABLE node (id int PRIMARY KEY, parent_id int REFERENCES node (id));"),
    "tables_referencing_each_other": Case(
        a=EMPTY,
        b="CREATE TABLE p (id int PRIMARY KEY, q_id int);\nCREATE TABLE q (id int PRIMARY KEY, p_id int REFERENCES p (id));\n"
          "ALTER TABLE p ADD CONSTRAINT p_q_id_fkey FOREIGN KEY (q_id) REFERENCES q (id);"),
    "enum_and_table": Case(
        a=EMPTY,
        b="CREATE TYPE status AS ENUM ('new', 'done');\n"
          "CREATE TABLE task (id int PRIMARY KEY, status status NOT NULL DEFAULT 'new');"),
    "schema_and_tables": Case(
        a=EMPTY,
        b="CREATE SCHEMA app;\nCREATE TABLE app.users (id int PRIMARY KEY);\n"
          "CREATE TABLE app.sessions (id int PRIMARY KEY, user_id int REFERENCES app.users (id));"),
    "several_schemas_cross_references": Case(
        a=EMPTY,
        b="CREATE SCHEMA core;\nCREATE SCHEMA billing;\nCREATE TABLE core.accounts (id int PRIMARY KEY);\n"
          "CREATE TABLE billing.invoices (id int PRIMARY KEY, account_id int REFERENCES core.accounts (id));\n"
          "CREATE TABLE public.audit (id int PRIMARY KEY, invoice_id int REFERENCES billing.invoices (id));"),
    "only_a_non_default_schema": Case(
        a=EMPTY, b="CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY);"),
    "indexes": Case(
        a=EMPTY,
        b="CREATE TABLE t (id int PRIMARY KEY, email text, n int, at timestamptz);\n"
          "CREATE INDEX t_n ON t (n);\nCREATE UNIQUE INDEX t_email ON t (email);\n"
          "CREATE INDEX t_recent ON t (at) WHERE n > 0;\nCREATE INDEX t_lower ON t (lower(email));"),
    "checks_and_uniques": Case(
        a=EMPTY,
        b="CREATE TABLE t (id int PRIMARY KEY, a int CHECK (a > 0), b int, c int, "
          "CONSTRAINT t_b_c_key UNIQUE (b, c), CONSTRAINT t_order CHECK (b < c));"),
    "defaults": Case(
        a=EMPTY,
        b="CREATE TABLE t (id int PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), n int DEFAULT 0, "
          "s text DEFAULT 'it''s', f boolean DEFAULT false, d date DEFAULT CURRENT_DATE);"),
    "serial_primary_key": Case(a=EMPTY, b="CREATE TABLE t (id serial PRIMARY KEY, name text);"),
    "bigserial_primary_key": Case(a=EMPTY, b="CREATE TABLE t (id bigserial PRIMARY KEY, name text);"),
    "composite_primary_key": Case(
        a=EMPTY, b="CREATE TABLE t (a int, b text, n int, PRIMARY KEY (a, b));"),
    "types": Case(
        a=EMPTY,
        b="CREATE TABLE t (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), tags text[], doc jsonb, "
          "price numeric(10,2), at timestamp(3), code char(3), raw bytea, span interval, ip inet);"),
    "mixed_case_and_reserved_words": Case(
        a=EMPTY,
        b='CREATE TABLE "Order" ("Id" int PRIMARY KEY, "user" text, "from" date);\n'
          'CREATE TABLE "select" (id int PRIMARY KEY, "Order" int REFERENCES "Order" ("Id"));'),
    "many_tables": Case(
        a=EMPTY,
        b="".join(f"CREATE TABLE t{i} (id int PRIMARY KEY, prev int{f' REFERENCES t{i - 1} (id)' if i else ''});\n"
                  for i in range(12))),
    "empty_schema_besides_public": Case(
        a="CREATE SCHEMA app;", b="CREATE SCHEMA app;\nCREATE TABLE app.t (id int);"),
}
