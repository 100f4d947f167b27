"""SQL built at run time, end to end on real PostgreSQL: the issue's Go shapes (a fields slice, optional
WHERE fragments appended under ifs, Sprintf with strings.Join, an INSERT built with + and a placeholders
helper, a strings.Builder) give exactly the missing columns, each confirmed by the database at file:line,
and what cannot be read is reported, never silent."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from remedy.scan import scan
from remedy.sources.code import read_code
from tests.conftest import run_sql
from tests.integration.cli_run import remedy

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "dynamic"
GO = FIXTURES / "go"
STORE = "invoice_store.go"
FULL = """CREATE TABLE invoice (id serial PRIMARY KEY, number text, status text, due_at date, currency text,
                                 paid_at timestamptz, created_at timestamptz DEFAULT now());"""
DRIFTED = "CREATE TABLE invoice (id serial PRIMARY KEY, number text, status text, created_at timestamptz DEFAULT now());"


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDY_HOME", str(tmp_path / "home"))


def findings(url: str) -> dict[str, list]:
    result = scan(url, code_paths=[str(GO)])
    return {f.id: f for f in result.findings}


def test_columns_the_built_sql_needs_are_found_with_every_line_and_the_database_word(pg_url):
    run_sql(pg_url, DRIFTED)
    found = findings(pg_url)
    assert sorted(found) == ["missing_column:public.invoice.currency", "missing_column:public.invoice.due_at",
                             "missing_column:public.invoice.paid_at"]
    due = found["missing_column:public.invoice.due_at"]
    assert [(Path(e.file).name, e.line) for e in due.evidence] == [(STORE, 38), (STORE, 44)]
    assert all(e.verdict.startswith("confirmed by the database: 42703") for e in due.evidence)
    paid = found["missing_column:public.invoice.paid_at"]
    assert [(Path(e.file).name, e.line) for e in paid.evidence] == [(STORE, 51)]
    assert 'column "paid_at" of relation "invoice" does not exist' in paid.evidence[0].verdict


def test_a_schema_the_built_sql_is_satisfied_by_gives_no_finding(pg_url):
    run_sql(pg_url, FULL)
    assert findings(pg_url) == {}


def test_each_optional_where_fragment_is_a_variant_present_or_absent():
    code = read_code([str(GO)], use_cache=False)
    select = sorted(" ".join(s.sql.split()) for s in code.statements if s.line == 38)
    assert select == [
        "SELECT id, number, status, due_at, currency FROM invoice WHERE 1 = 1 AND id = ? AND status = ? ORDER BY id DESC",
        "SELECT id, number, status, due_at, currency FROM invoice WHERE 1 = 1 AND id = ? ORDER BY id DESC",
        "SELECT id, number, status, due_at, currency FROM invoice WHERE 1 = 1 AND status = ? ORDER BY id DESC",
        "SELECT id, number, status, due_at, currency FROM invoice WHERE 1 = 1 ORDER BY id DESC",
    ]
    insert, = [s.sql for s in code.statements if s.line == 44]
    assert insert == "INSERT INTO invoice (number, status, due_at, currency) VALUES (?, ?, ?, ?) RETURNING id, created_at"


def test_coverage_counts_every_site_and_names_the_one_it_cannot_read():
    code = read_code([str(GO)], use_cache=False)
    c = code.coverage
    assert (c.found, c.full, c.partial, c.unread) == (5, 4, 0, 1)
    unread, = code.coverage_report().unread
    assert (Path(unread.file).name, unread.line) == (STORE, 70)
    assert unread.reason == "the SQL is a map or slice lookup `reports[name]`"


def test_no_drift_with_unread_sites_says_so_and_fail_on_unread_fails(pg_url):
    run_sql(pg_url, FULL)
    proc = remedy("scan", "--db", pg_url, "--code", str(GO))
    assert proc.returncode == 0, proc.stderr
    assert "code: 5 SQL site(s) found: 4 read fully, 0 partly, 1 unread" in proc.stdout
    assert f"unread {(GO / STORE).relative_to(GO.parents[3])}:70: the SQL is a map or slice lookup `reports[name]`" in proc.stdout
    assert proc.stdout.rstrip().endswith("No drift in what could be read: 1 SQL site unread.")
    assert remedy("scan", "--db", pg_url, "--code", str(GO), "--fail-on", "unread").returncode == 1


def test_json_markdown_and_sarif_carry_the_coverage(pg_url):
    run_sql(pg_url, DRIFTED)
    report = json.loads(remedy("scan", "--db", pg_url, "--code", str(GO), "--format", "json").stdout)
    coverage = report["code_coverage"]
    assert (coverage["sites"], coverage["full"], coverage["partial"], coverage["unread"]) == (5, 4, 0, 1)
    assert coverage["not_fully_read"][0]["line"] == 70
    markdown = remedy("scan", "--db", pg_url, "--code", str(GO), "--format", "markdown").stdout
    assert "## Code coverage" in markdown and "5 SQL sites found: **4** read fully" in markdown
    sarif = json.loads(remedy("scan", "--db", pg_url, "--code", str(GO), "--format", "sarif").stdout)
    run, = sarif["runs"]
    note, = [n for n in run["invocations"][0]["toolExecutionNotifications"] if n.get("locations")]
    assert note["locations"][0]["physicalLocation"]["region"]["startLine"] == 70
    assert run["properties"]["code_coverage"]["unread"] == 1


LANGUAGES = {  # directory: (file, the SELECT's line, the UPDATE's line)
    "python": ("invoices.py", 14, 19),
    "ts": ("invoices.ts", 14, 18),
    "knex": ("invoices.ts", 4, 15),  # query builders: the chain's first line
    "knex_named": ("invoices.ts", 6, 17),  # knex under names of its own (made by the factory, typed Knex)
    "kysely": ("invoices.ts", 4, 15),
    "java": ("InvoiceRepository.java", 8, 20),
    "kotlin": ("InvoiceRepository.kt", 4, 16),
}


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_each_language_built_sql_finds_the_missing_columns_confirmed(pg_url, language):
    run_sql(pg_url, DRIFTED)
    filename, select_line, update_line = LANGUAGES[language]
    result = scan(pg_url, code_paths=[str(GO.parent / language)])
    found = {f.id: [(Path(e.file).name, e.line, e.verdict) for e in f.evidence] for f in result.findings}
    assert sorted(found) == ["missing_column:public.invoice.currency", "missing_column:public.invoice.due_at",
                             "missing_column:public.invoice.paid_at"]
    for column, line in (("due_at", select_line), ("currency", select_line), ("paid_at", update_line)):
        (name, at, verdict), = found[f"missing_column:public.invoice.{column}"]
        assert (name, at) == (filename, line)
        assert verdict.startswith("confirmed by the database: 42703"), verdict
    counts = result.code_coverage.counts
    assert (counts.found, counts.full, counts.unread) == (2, 2, 0)


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_each_language_built_sql_is_satisfied_by_the_full_table(pg_url, language):
    run_sql(pg_url, FULL)
    result = scan(pg_url, code_paths=[str(GO.parent / language)])
    assert result.findings == ()
    assert result.code_coverage.counts.found == 2  # read, and satisfied


def test_mariadb_confirms_the_columns_python_builds_at_run_time(mariadb_url):
    run_sql(mariadb_url, "CREATE TABLE invoice (id int PRIMARY KEY, number text, status text, created_at datetime)")
    result = scan(mariadb_url, code_paths=[str(GO.parent / "python")])
    found = {f.id.rsplit(".", 1)[-1]: f for f in result.findings}
    assert sorted(found) == ["currency", "due_at", "paid_at"]
    assert all(e.verdict.startswith("confirmed by the database: 1054") for f in found.values() for e in f.evidence)


def test_tables_only_the_code_names_are_created_with_the_types_the_code_declares(pg_url, tmp_path):
    """reports: types from the repository's own migration; subscriptions: from the Go model's fields.
    A column no file types (owner, a custom Frequency type) takes the type its decision gives
    (tests/integration/test_code_types_decided.py: without one, plan stops)."""
    run_sql(pg_url, "CREATE TABLE unrelated (id int)")
    typed = GO.parent / "typed"
    decisions = tmp_path / "decisions.toml"
    decisions.write_text(f'fingerprint = "{scan(pg_url, code_paths=[str(typed)]).fingerprint}"\n'
                         '[[decision]]\nfinding = "missing_table:public.reports"\naction = "create"\nvalue = "owner text"\n'
                         '[[decision]]\nfinding = "missing_table:public.subscriptions"\naction = "create"\n'
                         'value = "frequency text"\n')
    proc = remedy("plan", "--db", pg_url, "--code", str(typed), "--decisions", str(decisions), "--format", "sql")
    assert proc.returncode == 0, proc.stderr
    sql = " ".join(proc.stdout.split())
    assert ("CREATE TABLE public.reports ( id uuid, body jsonb, tags text[], created_at timestamptz, owner text )"
            in sql)
    assert ("CREATE TABLE public.subscriptions ( id uuid, report_id uuid, email text, active boolean, "
            "last_sent_at timestamptz, frequency text )" in sql)
    code = read_code([str(typed)], use_cache=False)
    body = code.schema.table("public", "reports").column("body")
    assert body.comment == f"type from {typed.relative_to(GO.parents[3]) / 'migrations' / '001_reports.sql'}:2 (schema file)"


def test_gorm_chains_and_the_model_they_use_give_exactly_the_missing_columns(pg_url):
    """store/invoice_store.go builds gorm chains on models.Invoice, whose TableName() (another file) is
    invoice: each column the chains read or write is confirmed at the chain's line, and a model field no
    chain spells (currency) is missing at the field's line, with the type the model gives it."""
    run_sql(pg_url, DRIFTED)
    result = scan(pg_url, code_paths=[str(GO.parent / "gorm")])
    found = {f.id: {(Path(e.file).name, e.line): e.verdict for e in f.evidence} for f in result.findings}
    assert sorted(found) == ["missing_column:public.invoice.currency", "missing_column:public.invoice.due_at",
                             "missing_column:public.invoice.paid_at"]
    assert found["missing_column:public.invoice.due_at"]["invoice_store.go", 16].startswith(
        "confirmed by the database: 42703")
    assert found["missing_column:public.invoice.paid_at"]["invoice_store.go", 28].startswith(
        "confirmed by the database: 42703")
    assert set(found["missing_column:public.invoice.currency"]) == {("invoice.go", 10)}
    currency = result.finding("missing_column:public.invoice.currency")
    assert currency.expected["raw_type"] == "text"
    counts = result.code_coverage.counts
    assert (counts.found, counts.full, counts.unread) == (2, 2, 0)


def test_gorm_chains_are_satisfied_by_the_full_table(pg_url):
    run_sql(pg_url, FULL)
    result = scan(pg_url, code_paths=[str(GO.parent / "gorm")])
    assert result.findings == ()
    assert result.code_coverage.counts.found == 2  # read, and satisfied


@pytest.mark.parametrize("fixture, decisions, created", [
    ("typed_py", {"subscriptions": "frequency text"}, [
        "CREATE TABLE public.reports ( id uuid, amount numeric(10,2), created timestamptz, owner uuid )",
        "CREATE TABLE public.subscriptions ( id uuid, email text, active boolean, last_sent_at timestamptz, "
        "frequency text )"]),
    ("typed_ts", {"audit_events": "attempts integer"}, [
        "CREATE TABLE public.audit_events ( id text, happened_at timestamptz, tags text[], attempts int )"]),
])
def test_tables_only_the_code_names_take_the_types_its_annotations_interfaces_and_casts_say(
        pg_url, tmp_path, fixture, decisions, created):
    """Python: a dataclass named after the table, a SQLAlchemy model (Mapped[uuid.UUID], Numeric(10, 2),
    DateTime(timezone=True)) and a %s::uuid cast; TypeScript: kysely's Database interface naming the row
    interface. What stays ambiguous (a class of its own, TypeScript's number) takes its decision's type."""
    run_sql(pg_url, "CREATE TABLE unrelated (id int)")
    code = FIXTURES / fixture
    text = f'fingerprint = "{scan(pg_url, code_paths=[str(code)]).fingerprint}"\n' + "".join(
        f'[[decision]]\nfinding = "missing_table:public.{table}"\naction = "create"\nvalue = "{value}"\n'
        for table, value in decisions.items())
    (tmp_path / "decisions.toml").write_text(text)
    proc = remedy("plan", "--db", pg_url, "--code", str(code), "--decisions", str(tmp_path / "decisions.toml"),
                  "--format", "sql")
    assert proc.returncode == 0, proc.stderr
    sql = " ".join(proc.stdout.split())
    for statement in created:
        assert statement in sql
    assert "CREATE TABLE public.unrelated" not in sql


def test_each_type_from_the_code_says_which_file_and_line_said_it():
    code = read_code([str(FIXTURES / "typed_py"), str(FIXTURES / "typed_ts")], use_cache=False)
    source = {(t.name, c.name): c.comment for t in code.schema.iter_tables() for c in t.columns}
    where = Path(FIXTURES.relative_to(GO.parents[3]))
    assert source["subscriptions", "last_sent_at"] == \
        f"type from {where / 'typed_py' / 'subscriptions.py'}:15 (last_sent_at: Optional[datetime])"
    assert source["reports", "owner"] == f"type from {where / 'typed_py' / 'subscriptions.py'}:32 (cast ::uuid)"
    assert source["audit_events", "happened_at"] == \
        f"type from {where / 'typed_ts' / 'audit.ts'}:9 (happened_at: Date)"
    assert source["subscriptions", "frequency"] is None and source["audit_events", "attempts"] is None


LINKED = {  # directory: (the file that sends the SQL, SELECT line, UPDATE line), (the file that spells the columns,
    # due_at line, currency line, paid_at line)
    "go": (("store/invoice_store.go", 13, 18), ("store/columns.go", 10, 11, 14)),
    "python": (("app/invoices.py", 6, 11), ("app/columns.py", 6, 7, 9)),
    "ts": (("src/invoices.ts", 5, 9), ("src/sql/columns.ts", 5, 6, 13)),
}


@pytest.mark.parametrize("language", sorted(LINKED))
def test_columns_a_helper_of_another_file_spells_are_confirmed_where_it_spells_them(pg_url, language):
    """The SQL is sent from one file; its column list, its placeholder helper and the paid_at constant live in
    another file of the package (Go) or module imported (Python `from app.columns import …`, `from . import
    columns`; TS `import { … } from './sql/columns'`). `remedy scan --code` finds exactly the three missing
    columns, each confirmed by the database at the line that sends it and at the line that spells it."""
    run_sql(pg_url, DRIFTED)
    root = FIXTURES / "linked" / language
    (sender, select, update), (speller, *spelled) = LINKED[language]
    report = json.loads(remedy("scan", "--db", pg_url, "--code", str(root), "--format", "json").stdout)
    found = {f["column"]: {(e["file"], e["line"]): e["verdict"] for e in f["evidence"]} for f in report["findings"]}
    assert sorted(found) == ["currency", "due_at", "paid_at"]
    where = root.relative_to(GO.parents[3])
    for column, sent, spelled_at in (("due_at", select, spelled[0]), ("currency", select, spelled[1]),
                                     ("paid_at", update, spelled[2])):
        assert set(found[column]) == {(str(where / sender), sent), (str(where / speller), spelled_at)}
        assert all(v.startswith("confirmed by the database: 42703") for v in found[column].values()), found[column]
    coverage = report["code_coverage"]
    assert (coverage["sites"], coverage["full"], coverage["unread"]) == (2, 2, 0)


@pytest.mark.parametrize("language", sorted(LINKED))
def test_helpers_of_another_file_are_satisfied_by_the_full_table(pg_url, language):
    run_sql(pg_url, FULL)
    result = scan(pg_url, code_paths=[str(FIXTURES / "linked" / language)])
    assert result.findings == ()
    assert result.code_coverage.counts.full == 2


GORM_NAMING = FIXTURES / "gorm_naming"
BILLING = """CREATE SCHEMA billing;
CREATE TABLE billing.invoice (id serial PRIMARY KEY, number text, status text);
CREATE TABLE billing.ledger_entries (id serial PRIMARY KEY, invoice_id int, amount numeric);"""


def test_gorm_naming_strategy_and_a_table_name_constant_give_exactly_the_missing_columns(pg_url):
    """db.go opens gorm with NamingStrategy{TablePrefix: "billing.", SingularTable: true}; LedgerEntry's
    TableName() returns "billing." + a constant of models.go (a file that never says gorm). The chains read
    billing.invoice and billing.ledger_entries, never the convention's invoices / ledger_entry: exactly the
    four missing columns, each confirmed by the database."""
    run_sql(pg_url, BILLING)
    result = scan(pg_url, code_paths=[str(GORM_NAMING)])
    found = {f.id: f for f in result.findings}
    assert sorted(found) == ["missing_column:billing.invoice.currency", "missing_column:billing.invoice.due_at",
                             "missing_column:billing.invoice.paid_at", "missing_column:billing.ledger_entries.booked_at"]
    assert all(f.evidence[0].verdict.startswith("confirmed by the database: 42703") for f in found.values())
    assert found["missing_column:billing.ledger_entries.booked_at"].expected["raw_type"] == "timestamptz"


def test_gorm_naming_strategy_is_satisfied_by_the_tables_it_names(pg_url):
    run_sql(pg_url, BILLING + """
ALTER TABLE billing.invoice ADD COLUMN due_at timestamptz, ADD COLUMN currency text, ADD COLUMN paid_at timestamptz;
ALTER TABLE billing.ledger_entries ADD COLUMN booked_at timestamptz;""")
    assert scan(pg_url, code_paths=[str(GORM_NAMING)]).findings == ()
