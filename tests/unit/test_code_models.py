"""Model declarations as expectations, the union with a catalog, and other dialects."""
from __future__ import annotations

from remedy.model import Column, Evidence, Table, build_schema
from remedy.sources.code import CATALOG_DRIFT, expected_with_code, read_code
from remedy.sources.code.models import model_fields, snake

GO_MODELS = '''package models

type CampaignJob struct {
	ID      string `db:"id"`
	JobType string `db:"job_type" json:"jobType"`
	Skip    string `db:"-"`
}

type Summary struct {
	Name string `db:"name"`
}

type Thing struct {
	Label string `db:"label"`
}

func (Thing) TableName() string { return "things_v2" }
'''

SQLALCHEMY = '''from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

class Campaign(Base):
    __tablename__ = "campaigns"
    id = Column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column("name", String)

class NotATable:
    x = Column(Integer)
'''


def test_snake_case():
    assert snake("DomainGenerationCampaignParams") == "domain_generation_campaign_params"
    assert snake("HTTPKeywordResult") == "http_keyword_result"


def test_go_struct_tags_name_their_candidate_tables():
    fields = model_fields(GO_MODELS, "go")
    assert [f[:3] for f in fields] == [
        [["campaign_job", "campaign_jobs"], "id", 4],
        [["campaign_job", "campaign_jobs"], "job_type", 5],
        [["summary", "summarys"], "name", 10],
        [["things_v2"], "label", 14],
    ]


def test_sqlalchemy_columns_with_their_database_names():
    fields = model_fields(SQLALCHEMY, "python")
    assert [f[:3] for f in fields] == [[["campaigns"], "id", 6], [["campaigns"], "name", 7]]


def test_model_fields_count_only_for_tables_the_sql_references(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "models.go").write_text(GO_MODELS)
    (tmp_path / "store.go").write_text('package store\n\nconst q = "SELECT id FROM campaign_jobs"\n')
    code = read_code([str(tmp_path)], use_cache=False)
    table = code.schema.table("public", "campaign_jobs")
    assert [c.name for c in table.columns] == ["id", "job_type"]
    assert [(e.line, e.snippet) for e in table.column("job_type").evidence] == [
        (5, 'JobType string `db:"job_type" json:"jobType"`')]
    assert code.schema.table("public", "summary") is None


def _code(tmp_path, sql: str):
    (tmp_path / "q.sql").write_text(sql)
    return read_code([str(tmp_path / "q.sql")], use_cache=False)


def test_union_with_a_catalog(tmp_path):
    code = _code(tmp_path, "SELECT c.name, c.new_col FROM campaigns c JOIN extra_t e ON e.id = c.id;\n"
                           "SELECT * FROM brand_new;\n")
    catalog = build_schema("postgresql", [
        Table("campaigns", "public", (Column("id", "uuid", evidence=(Evidence("schema.sql", 3),)),
                                      Column("name", "text"))),
    ], schemas=("public",))
    live = build_schema("postgresql", [
        Table("extra_t", "public", (Column("id", "uuid"), Column("other", "text"))),
    ], schemas=("public",))
    union = expected_with_code(catalog, code, live)
    assert union.partial is False
    campaigns = union.table("public", "campaigns")
    assert campaigns.column("new_col").comment == CATALOG_DRIFT and campaigns.column("new_col").type == ""
    assert [e.file for e in campaigns.column("id").evidence][0] == "schema.sql"
    assert campaigns.column("name").evidence[-1].line == 1
    extra = union.table("public", "extra_t")  # not in the catalog: taken from live, other columns kept
    assert extra.column_names == ("id", "other") and extra.comment == CATALOG_DRIFT
    assert [e.line for e in extra.column("id").evidence] == [1]
    assert union.table("public", "brand_new").comment == CATALOG_DRIFT
    assert expected_with_code(None, code) is code.schema


def test_mysql_backticks_and_question_marks(tmp_path):
    (tmp_path / "repo.py").write_text('Q = "SELECT `u`.`name` FROM `users` `u` WHERE `u`.`id` = ? AND Status = ?"\n')
    code = read_code([str(tmp_path)], dialect="mysql", use_cache=False)
    (stmt,) = code.statements
    assert stmt.tables == (("", "users"),)
    assert set(stmt.columns) == {("", "users", "name"), ("", "users", "id"), ("", "users", "Status")}


def test_temporary_tables_the_program_creates_are_not_expectations(tmp_path):
    (tmp_path / "etl.go").write_text('package etl\n\nconst a = "CREATE TEMP TABLE staging (id int, v text)"\n'
                                      'const b = "INSERT INTO target (id, v) SELECT s.id, s.v FROM staging s"\n')
    code = read_code([str(tmp_path)], use_cache=False)
    assert set(code.schema.tables) == {("public", "target")}
    assert [c.name for c in code.schema.table("public", "target").columns] == ["id", "v"]


def test_go_model_field_types_give_the_column_types_the_code_declares():
    """A table only the code names is created with the types its Go model declares (uuid.UUID -> uuid,
    time.Time -> timestamptz, bool -> boolean); a custom enum type stays unknown, never guessed."""
    from pathlib import Path

    from remedy.sources.code import read_code

    backend = Path(__file__).resolve().parents[2] / "catalog" / "domainflow" / "backend"
    table = read_code([str(backend)], use_cache=False).schema.table("public", "keyword_rules")
    types = {c.name: c.raw_type for c in table.columns}
    assert types["id"] == "uuid" and types["keyword_set_id"] == "uuid"
    assert types["created_at"] == "timestamptz" and types["is_case_sensitive"] == "boolean"
    assert types["rule_type"] == ""  # KeywordRuleTypeEnum: the code does not say which SQL type
    assert all(c.type == "" for c in table.columns)  # the code's word is never compared with the database's
    source = next(c for c in table.columns if c.name == "id").comment
    assert source.startswith("type from ") and "models.go:" in source and source.endswith("(uuid.UUID)")


def test_go_types_map_pointers_and_null_types_to_the_same_sql_type():
    from remedy.sources.code.models import go_type

    assert [go_type(t) for t in ("*time.Time", "sql.NullString", "pq.StringArray", "json.RawMessage", "int64",
                                 "MyEnum")] == ["timestamptz", "text", "text[]", "jsonb", "bigint", ""]


GORM_STORE = '''package store

import "gorm.io/gorm"

type OrderItem struct {
	ID    uint
	Price float64 `gorm:"column:unit_price"`
}

func Run(db *gorm.DB) {
	var items []OrderItem
	db.Where("id > ?", 0).Find(&items)
}
'''


def test_gorm_table_names_follow_gorm_inflection():
    from remedy.sources.code.gorm import convention

    assert [convention(n) for n in ("User", "OrderItem", "Category", "Person", "Status", "Box", "Wolf", "Fish",
                                    "HTTPRequest", "UserID")] == [
        "users", "order_items", "categories", "people", "statuses", "boxes", "wolves", "fish", "http_requests",
        "user_ids"]


def test_gorm_naming_strategy_of_the_scan_renames_the_model_tables(tmp_path):
    """gorm.Config{NamingStrategy: schema.NamingStrategy{TablePrefix: "app_", SingularTable: true}} in another
    file: the chain's table and the model's columns go to app_order_item, not order_items."""
    (tmp_path / "store.go").write_text(GORM_STORE)
    plain = read_code([str(tmp_path)], use_cache=False)
    assert [s.sql for s in plain.statements] == ["SELECT * FROM order_items WHERE id > ?"]
    (tmp_path / "db.go").write_text('package store\n\nimport "gorm.io/gorm"\n\nvar cfg = &gorm.Config{NamingStrategy: '
                                    'schema.NamingStrategy{TablePrefix: "app_", SingularTable: true}}\n')
    code = read_code([str(tmp_path)], use_cache=False)
    assert [s.sql for s in code.statements] == ["SELECT * FROM app_order_item WHERE id > ?"]
    table = code.schema.table("public", "app_order_item")
    assert [(c.name, c.raw_type) for c in table.columns] == [("id", "bigint"), ("unit_price", "double precision")]


def test_casts_type_only_what_is_assigned_or_compared_for_equality(tmp_path):
    """VALUES ($1::uuid) and SET x = $2::date type their columns; a range comparison (created > $1::date,
    which a timestamptz column accepts) and a name two joined tables share say nothing."""
    (tmp_path / "q.sql").write_text(
        "INSERT INTO jobs (owner, payload) VALUES ($1::uuid, $2::jsonb);\n"
        "UPDATE jobs SET due = $1::date WHERE id = $2::bigint;\n"
        "SELECT id FROM jobs WHERE created > $1::date;\n"
        "SELECT jobs.id FROM jobs JOIN runs ON runs.job = jobs.id WHERE tag = $1::text;\n")
    code = read_code([str(tmp_path)], use_cache=False)
    jobs = {c.name: c.raw_type for c in code.schema.table("public", "jobs").columns}
    assert jobs == {"owner": "uuid", "payload": "jsonb", "due": "date", "id": "bigint", "created": ""}
    assert code.schema.table("public", "jobs").column("owner").comment.endswith("q.sql:1 (cast ::uuid)")


def test_row_types_name_their_tables_and_leave_the_ambiguous_untyped():
    from remedy.sources.code.rowtypes import candidates, python_rows, ts_rows

    assert candidates("InvoiceRow") == ["invoice", "invoice_row", "invoice_rows", "invoices"]
    rows = python_rows("class Job(Base):\n    __tablename__ = 'jobs'\n    id: Mapped[int]\n"
                       "    state: Mapped[JobState]\n    meta: dict[str, Any] | None\n")
    assert rows == {"rows": {"Job": [["id", "bigint", 3, "id: Mapped[int]"],
                                     ["meta", "jsonb", 5, "meta: dict[str, Any] | None"]]},
                    "names": {"Job": ["jobs"]}}
    ts = ts_rows("interface Tables { job_runs: RunRow }\ninterface RunRow {\n  started: Date;\n  tries: number;\n}\n")
    assert ts == {"rows": {"RunRow": [["started", "timestamptz", 3, "started: Date"]]}, "names": {"RunRow": ["job_runs"]}}


GORM_CHAINS = '''package store

import "gorm.io/gorm"

func Run(db *gorm.DB) {
	var entries []LedgerEntry
	db.Where("amount > ?", 0).Find(&entries)
	var audits []Audit
	db.Where("note = ?", "x").Find(&audits)
}
'''


def _gorm_tables(tmp_path, models: str, config: str = "") -> dict:
    (tmp_path / "store.go").write_text(GORM_CHAINS)
    (tmp_path / "models.go").write_text("package store\n\n" + models)
    if config:
        (tmp_path / "db.go").write_text('package store\n\nimport "gorm.io/gorm"\n\n' + config)
    code = read_code([str(tmp_path)], use_cache=False)
    return {f"{t.schema}.{t.name}": sorted(c.name for c in t.columns) for t in code.schema.iter_tables()}


def test_gorm_table_name_returning_a_constant_joined_to_a_prefix_names_the_table(tmp_path):
    """TableName() { return schemaName + "." + ledgerTable } in a models file that never says gorm; Audit's
    TableName() returns a field remedy cannot read: its table is unknown, never gorm's `audits` guessed."""
    tables = _gorm_tables(tmp_path, 'const (\n\tschemaName  = "billing"\n\tledgerTable = `ledger_entries`\n)\n\n'
                                    "type LedgerEntry struct {\n\tID     uint\n\tAmount float64\n}\n\n"
                                    "func (e *LedgerEntry) TableName() string {\n"
                                    '\treturn schemaName + "." + ledgerTable\n}\n\n'
                                    "type Audit struct {\n\tID   uint\n\tNote string\n}\n\n"
                                    "func (a Audit) TableName() string { return a.table }\n")
    assert tables == {"billing.ledger_entries": ["amount", "id"]}


def test_gorm_table_prefix_naming_a_schema_puts_the_tables_there(tmp_path):
    tables = _gorm_tables(tmp_path, "type LedgerEntry struct {\n\tID     uint\n\tAmount float64\n}\n",
                          'var cfg = &gorm.Config{NamingStrategy: schema.NamingStrategy{TablePrefix: "billing."}}\n')
    assert "billing.ledger_entries" in tables and "public.ledger_entries" not in tables


def test_gorm_v1_singular_table_call_and_default_table_name_handler(tmp_path):
    tables = _gorm_tables(tmp_path, "type LedgerEntry struct {\n\tID     uint\n\tAmount float64\n}\n",
                          "func init() {\n\tgorm.DefaultTableNameHandler = func(db *gorm.DB, name string) string {\n"
                          '\t\treturn "t_" + name\n\t}\n}\n\nfunc open(db *gorm.DB) { db.SingularTable(true) }\n')
    assert "public.t_ledger_entry" in tables
