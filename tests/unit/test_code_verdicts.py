"""The database's verdicts applied to code expectations (no database: verdicts given by hand)."""
from __future__ import annotations

import pytest

from remedy.model import Column, Evidence, Table, build_schema
from remedy.sources.code import CodeExpectations, Statement, Unresolved, Verdict
from remedy.sources.code.prove import missing_name
from remedy.sources.code.verdicts import apply_verdicts


@pytest.mark.parametrize("message, name", [
    ('column "job_type" does not exist', "job_type"),
    ("column c.business_status does not exist", "business_status"),
    ('column "job_type" of relation "campaign_jobs" does not exist', "job_type"),
    ('relation "keyword_rules" does not exist', "keyword_rules"),
    ('relation "ops.events" does not exist', "events"),
    ('missing FROM-clause entry for table "x"', "x"),
    ("Unknown column 'nope' in 'SELECT'", "nope"),
    ("Unknown column 'j.bad' in 'WHERE'", "bad"),
    ("Table 'test.keyword_rules' doesn't exist", "keyword_rules"),
])
def test_missing_name(message, name):
    assert missing_name(message) == name


S1 = Statement("a.go", 10, "SELECT job_type, status FROM jobs", "q := `SELECT job_type, status FROM jobs`",
               tables=(("public", "jobs"),), columns=(("public", "jobs", "job_type"), ("public", "jobs", "status")))
S2 = Statement("b.go", 20, "SELECT x.status FROM jobs x JOIN other o ON o.id = x.id", "…",
               tables=(("public", "jobs"), ("public", "other")),
               columns=(("public", "jobs", "status"), ("public", "other", "id"), ("public", "jobs", "id")))


def _code() -> CodeExpectations:
    def col(name, *stmts):
        return Column(name, "", evidence=tuple(s.evidence for s in stmts))
    jobs = Table("jobs", "public", (col("job_type", S1), col("status", S1, S2), col("id", S2)),
                 evidence=(S1.evidence, S2.evidence))
    other = Table("other", "public", (col("id", S2),), evidence=(S2.evidence,))
    schema = build_schema("postgresql", [jobs, other], partial=True)
    return CodeExpectations(schema, (S1, S2), (Unresolved("zz", "none has it", S2.evidence),))


LIVE = build_schema("postgresql", [Table("jobs", "public", (Column("id", "uuid"), Column("status", "text")))])


def test_confirmed_static_only_and_prepared_verdicts_land_on_evidence():
    verdicts = {S1: Verdict("undefined_column", 'column "job_type" does not exist', "42703", "job_type"),
                S2: Verdict("undefined_table", 'relation "other" does not exist', "42P01", "other")}
    code = apply_verdicts(_code(), verdicts, LIVE)
    jobs = code.schema.table("public", "jobs")
    assert jobs.column("job_type").evidence[0].verdict == \
        'confirmed by the database: 42703 column "job_type" does not exist'
    assert jobs.column("status").evidence[0].verdict.startswith("static only (the database stopped first at: 42703")
    other = code.schema.table("public", "other")
    assert other.evidence[0].verdict == 'confirmed by the database: 42P01 relation "other" does not exist'
    assert code.unresolved[0].evidence.verdict.startswith("confirmed by the database: 42P01")
    assert code.contradicted == ()


def test_expectations_every_statement_prepares_with_are_dropped_when_live_lacks_them():
    verdicts = {S1: Verdict("prepared"), S2: Verdict("prepared")}
    code = apply_verdicts(_code(), verdicts, LIVE)
    assert code.schema.table("public", "other") is None  # live lacks it, yet the database prepared it
    assert code.schema.table("public", "jobs").column("job_type") is None
    assert code.schema.table("public", "jobs").column("status") is not None  # live has it: kept
    assert set(code.contradicted) == {("public", "other", ""), ("public", "jobs", "job_type")}


def test_no_verdicts_changes_nothing():
    code = _code()
    assert apply_verdicts(code, {}, LIVE) is code


def test_verdict_texts():
    assert Verdict("prepared").text == "prepared fine by the database"
    assert Verdict("error", "syntax error", "42601").text == "static only (the database stopped at 42601 syntax error)"
    assert Verdict("not_checked").text == "static only"


def test_a_direct_probe_confirms_what_the_statement_could_not_and_can_contradict():
    verdicts = {S1: Verdict("undefined_table", 'relation "x" does not exist', "42P01", "x"), S2: Verdict("prepared")}
    live = build_schema("postgresql", [Table("jobs", "public", (Column("id", "uuid"),))])
    probes = {("public", "jobs", "job_type"): Verdict("undefined_column", 'column "job_type" does not exist', "42703",
                                                      "job_type"),
              ("public", "jobs", "status"): Verdict("prepared")}
    code = apply_verdicts(_code(), verdicts, live, probes)
    jobs = code.schema.table("public", "jobs")
    assert jobs.column("job_type").evidence[0].verdict == \
        'confirmed by the database: 42703 column "job_type" does not exist (asked directly)'
    assert jobs.column("status") is None and ("public", "jobs", "status") in code.contradicted
