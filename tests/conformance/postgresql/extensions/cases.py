"""Extensions: installed and at the expected version (ALTER EXTENSION ... UPDATE); one the expected side does not
name is dropped (after what the plan drops that uses it, before the schema that holds it)."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id int PRIMARY KEY);\n"
TN = "CREATE TABLE t (id int PRIMARY KEY, name text);\n"
EXT = "CREATE SCHEMA ext;\n"

CASES = {
    "missing": Case(a=T, b=T + "CREATE EXTENSION pg_trgm;"),
    "version_older": Case(a=T + "CREATE EXTENSION pg_trgm VERSION '1.5';", b=T + "CREATE EXTENSION pg_trgm;"),
    "version_pinned": Case(a=T + "CREATE EXTENSION pg_trgm;", b=T + "CREATE EXTENSION pg_trgm VERSION '1.5';",
                           xfail="an extension is not downgraded: ALTER EXTENSION UPDATE TO an older version has no "
                                 "path in PostgreSQL's contrib scripts"),
    "extra": Case(a=T + "CREATE EXTENSION pg_trgm;", b=T),
    "extra_at_an_older_version": Case(a=T + "CREATE EXTENSION pg_trgm VERSION '1.5';", b=T),
    "extra_in_another_schema": Case(a=T + EXT + "CREATE EXTENSION pg_trgm WITH SCHEMA ext;", b=T + EXT),
    "extra_with_its_schema": Case(a=T + EXT + "CREATE EXTENSION pg_trgm WITH SCHEMA ext;", b=T),
    "extra_used_by_an_extra_index": Case(
        a=TN + "CREATE EXTENSION pg_trgm;\nCREATE INDEX t_name_trgm ON t USING gin (name gin_trgm_ops);", b=TN),
    "extra_used_by_an_extra_column": Case(
        a="CREATE EXTENSION citext;\nCREATE TABLE t (id int PRIMARY KEY, email citext);", b=T),
    "extra_used_by_an_extra_table": Case(
        a=T + "CREATE EXTENSION citext;\nCREATE TABLE u (id int PRIMARY KEY, email citext NOT NULL);", b=T),
    "extra_used_by_an_extra_view": Case(
        a=TN + "CREATE EXTENSION pg_trgm;\nCREATE VIEW near AS SELECT id, similarity(name, 'x') AS score FROM t;",
        b=TN),
    "extra_required_by_another_extra": Case(a=T + "CREATE EXTENSION cube;\nCREATE EXTENSION earthdistance;", b=T),
    "one_extra_one_kept": Case(a=T + "CREATE EXTENSION pg_trgm;\nCREATE EXTENSION citext;",
                               b=T + "CREATE EXTENSION citext;"),
}
