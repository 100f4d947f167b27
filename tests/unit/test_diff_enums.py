"""Enums and extensions on PostgreSQL: what is missing, what is out of order, and nothing when they agree."""
from tests.unit.test_diff import scan

ENUM = "CREATE TYPE status AS ENUM ('new', 'running', 'done');\nCREATE TABLE jobs (id int PRIMARY KEY, s status);\n"


def _ids(result):
    return [f.id for f in result.findings]


def test_the_same_enum_is_no_drift():
    assert scan(ENUM, ENUM).findings == ()


def test_a_missing_enum_value_is_named():
    live = ENUM.replace(", 'done'", "")
    result = scan(ENUM, live)
    (finding,) = [f for f in result.findings if f.kind == "missing_enum_value"]
    assert finding.object == "done" and finding.message == "enum status lacks the value 'done'"
    assert "enum_order_mismatch" not in [f.kind for f in result.findings]


def test_enum_values_in_another_order_are_drift():
    live = ENUM.replace("'new', 'running', 'done'", "'running', 'new', 'done'")
    assert [f.kind for f in scan(ENUM, live).findings] == ["enum_order_mismatch"]


def test_a_missing_enum_type_is_critical_and_not_also_missing_values():
    result = scan(ENUM, "CREATE TABLE jobs (id int PRIMARY KEY, s text);\n")
    kinds = [f.kind for f in result.findings]
    assert "missing_enum" in kinds and "missing_enum_value" not in kinds
    (missing,) = [f for f in result.findings if f.kind == "missing_enum"]
    assert missing.severity == "critical" and missing.expected == {"values": ["new", "running", "done"]}


def test_a_missing_extension_is_named_and_a_present_one_is_not():
    wanted = 'CREATE EXTENSION IF NOT EXISTS "pgcrypto";\n' + ENUM
    assert [f.kind for f in scan(wanted, ENUM).findings] == ["missing_extension"]
    assert scan(wanted, wanted).findings == ()


TRGM = "CREATE EXTENSION pg_trgm;\n"


def test_an_extension_the_expected_ddl_does_not_name_is_extra_and_info():
    (finding,) = scan(ENUM, TRGM + ENUM).findings
    assert (finding.id, finding.severity) == ("extra_extension:pg_trgm", "info")
    assert finding.message == "extension pg_trgm is installed but not expected"


def test_an_extension_is_not_extra_against_what_cannot_name_one():
    import sqlalchemy as sa
    from dataclasses import replace

    from remedy.scan import scan_schemas
    from remedy.sources.ddl import schema_from_ddl
    from remedy.sources.metadata import schema_from_metadata

    live = schema_from_ddl(TRGM + "CREATE TABLE jobs (id int PRIMARY KEY);", "live.sql")
    md = sa.MetaData()
    sa.Table("jobs", md, sa.Column("id", sa.Integer, primary_key=True, autoincrement=False))
    assert scan_schemas(schema_from_metadata(md), live).findings == ()
    code_like = replace(schema_from_ddl("CREATE TABLE jobs (id int PRIMARY KEY);", "x.sql"), partial=True)
    assert [f.kind for f in scan_schemas(code_like, live).findings] == []
