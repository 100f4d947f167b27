"""Extensions: installed and at the expected version (ALTER EXTENSION ... UPDATE)."""
from tests.conformance.cases import Case

T = "CREATE TABLE t (id int PRIMARY KEY);\n"

CASES = {
    "missing": Case(a=T, b=T + "CREATE EXTENSION pg_trgm;"),
    "version_older": Case(a=T + "CREATE EXTENSION pg_trgm VERSION '1.5';", b=T + "CREATE EXTENSION pg_trgm;"),
    "version_pinned": Case(a=T + "CREATE EXTENSION pg_trgm;", b=T + "CREATE EXTENSION pg_trgm VERSION '1.5';",
                           xfail="an extension is not downgraded: ALTER EXTENSION UPDATE TO an older version has no "
                                 "path in PostgreSQL's contrib scripts"),
    "extra": Case(a=T + "CREATE EXTENSION pg_trgm;", b=T,
                  xfail="extra extensions are not reported or dropped (missing_extension only)"),
}
