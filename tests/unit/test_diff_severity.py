"""How urgent a column finding is: critical when the live column would break the application's writes."""
from tests.unit.test_diff import scan


def _by_kind(expected_sql: str, live_sql: str) -> dict[str, str]:
    return {f.kind: f.severity for f in scan(expected_sql, live_sql).findings}


def test_a_live_not_null_column_without_default_the_code_does_not_fill_is_critical():
    found = scan("CREATE TABLE t (id int PRIMARY KEY, a text);", "CREATE TABLE t (id int PRIMARY KEY, a text NOT NULL);")
    (finding,) = found.findings
    assert (finding.kind, finding.severity, finding.message) == ("nullability_mismatch", "critical",
                                                                 "t.a should be nullable")


def test_a_live_nullable_column_expected_not_null_is_a_warning():
    found = scan("CREATE TABLE t (id int PRIMARY KEY, a text NOT NULL);", "CREATE TABLE t (id int PRIMARY KEY, a text);")
    assert [(f.kind, f.severity, f.message) for f in found.findings] == [
        ("nullability_mismatch", "warning", "t.a should be NOT NULL")]


def test_a_missing_default_on_a_not_null_column_is_critical_a_different_one_a_warning():
    expected = "CREATE TABLE t (id int PRIMARY KEY, a text NOT NULL DEFAULT 'x');"
    missing = scan(expected, "CREATE TABLE t (id int PRIMARY KEY, a text NOT NULL);").findings
    assert [(f.kind, f.severity) for f in missing] == [("default_mismatch", "critical")]
    assert missing[0].message == "t.a defaults to nothing but 'x' is expected"
    other = scan(expected, "CREATE TABLE t (id int PRIMARY KEY, a text NOT NULL DEFAULT 'y');").findings
    assert [(f.kind, f.severity) for f in other] == [("default_mismatch", "warning")]


def test_an_extra_not_null_column_without_default_is_critical_a_nullable_one_a_warning():
    expected = "CREATE TABLE t (id int PRIMARY KEY);"
    assert _by_kind(expected, "CREATE TABLE t (id int PRIMARY KEY, a text NOT NULL);") == {"extra_column": "critical"}
    assert _by_kind(expected, "CREATE TABLE t (id int PRIMARY KEY, a text);") == {"extra_column": "info"}
