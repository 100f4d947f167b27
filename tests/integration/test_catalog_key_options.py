"""A catalog's key and index options (DEFERRABLE, INITIALLY DEFERRED, NO INHERIT, NULLS NOT DISTINCT) and its
exclusion constraints, as `catalog init` writes them and as a person writes them by hand.

The DDL parser did not read them: a catalog holding `CREATE UNIQUE INDEX ... NULLS NOT DISTINCT` or
`ADD CONSTRAINT ... EXCLUDE ... DEFERRABLE` made the scan exit 2 ("unsupported statement"), and where the server
could not load the catalog (so it is compared as written), every exclusion constraint in it was reported as
`extra_exclusion`: a false finding.
"""
from __future__ import annotations

from remedy.scan import scan
from tests.conftest import run_sql

AS_WRITTEN = "could not be loaded into the server"
# A function in a language the server does not have: neither the scratch database nor the rolled-back load reads
# this catalog, so its tables are compared as written.
UNLOADABLE = "CREATE FUNCTION f() RETURNS int LANGUAGE no_such_language AS 'x';\n"
TABLE = ("CREATE EXTENSION IF NOT EXISTS btree_gist;\n"
         "CREATE TABLE booking (id int PRIMARY KEY, room int, during tstzrange, code text, qty int,\n"
         "  CONSTRAINT code_once UNIQUE NULLS NOT DISTINCT (code) DEFERRABLE INITIALLY DEFERRED,\n"
         "  CONSTRAINT qty_positive CHECK (qty > 0) NO INHERIT,\n"
         "  CONSTRAINT no_double_booking EXCLUDE USING gist (room WITH =, during WITH &&) DEFERRABLE);\n"
         "CREATE UNIQUE INDEX booking_code ON booking (code) INCLUDE (qty) NULLS NOT DISTINCT WHERE qty > 0;\n")


def _catalog(tmp_path, text: str) -> str:
    path = tmp_path / "expected.sql"
    path.write_text(text)
    return str(path)


def test_a_catalog_with_key_options_and_exclusions_scans_clean_against_the_database_it_describes(
        pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, TABLE)
    result = scan(pg_url, _catalog(tmp_path, TABLE))
    assert not any(AS_WRITTEN in note for note in result.notes)
    assert result.findings == ()


def test_the_same_catalog_compared_as_written_reports_no_exclusion_that_is_there(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, TABLE)
    result = scan(pg_url, _catalog(tmp_path, TABLE + UNLOADABLE))
    [note] = [note for note in result.notes if AS_WRITTEN in note]
    assert "DEFERRABLE" in note and "not compared" in note  # what the as-written comparison cannot see, it says
    assert [f.id for f in result.findings if "exclusion" in f.kind] == []


def test_an_exclusion_changed_in_the_database_is_found_when_the_catalog_is_compared_as_written(
        pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, TABLE.replace("(room WITH =, during WITH &&)", "(during WITH &&)"))
    result = scan(pg_url, _catalog(tmp_path, TABLE + UNLOADABLE))
    assert any(AS_WRITTEN in note for note in result.notes)
    [finding] = [f for f in result.findings if "exclusion" in f.kind or f.kind == "constraint_mismatch"]
    assert finding.kind == "constraint_mismatch"
    assert "room WITH =" in finding.expected["definition"]


def test_an_exclusion_missing_from_the_database_is_found_when_the_catalog_is_compared_as_written(
        pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))
    run_sql(pg_url, TABLE.replace(",\n  CONSTRAINT no_double_booking EXCLUDE USING gist (room WITH =, during WITH &&)"
                                  " DEFERRABLE", ""))
    result = scan(pg_url, _catalog(tmp_path, TABLE + UNLOADABLE))
    assert [f.id for f in result.findings] == ["missing_exclusion:public.booking.no_double_booking"]


def test_a_column_named_exclude_is_not_taken_for_an_exclusion_constraint(tmp_path):
    """`exclude` is a word PostgreSQL lets a column have; sqlglot cannot read it (one-line error, as before), and the
    parser must not read it as an EXCLUDE constraint and drop the column."""
    from remedy.errors import SourceError
    from remedy.sources.ddl import schema_from_ddl

    try:
        table = schema_from_ddl("CREATE TABLE t (id int PRIMARY KEY, exclude int, b int);", "x.sql").tables[
            ("public", "t")]
    except SourceError as exc:
        assert "cannot parse DDL" in str(exc)
    else:
        assert [c.name for c in table.columns] == ["id", "exclude", "b"] and table.exclusions == ()
