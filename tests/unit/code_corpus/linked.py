"""Helpers and constants in another file of the package or module: a Go helper of the same package, a
Python name imported from a sibling module, a TS export imported. Each case is a small tree of files;
``written`` is where another file spells a name the SQL needs (``(name, file, line)``), evidence there."""
from __future__ import annotations

from dataclasses import dataclass

from tests.unit.code_corpus.common import NAMINGS


@dataclass(frozen=True)
class Tree:
    name: str
    files: dict  # path -> source, with {t} {a} {b}
    want: tuple[str, ...]  # every statement (whitespace folded, holes as __hole_)
    status: tuple[str, ...]  # coverage of the sites, in file order
    written: tuple[tuple[str, str, int], ...] = ()  # (name, file, line) another file spells

    def named(self, t: str, a: str, b: str) -> "Tree":
        fill = lambda s: s.replace("{t}", t).replace("{a}", a).replace("{b}", b)  # noqa: E731
        return Tree(self.name, {p: fill(s) for p, s in self.files.items()}, tuple(fill(w) for w in self.want),
                    self.status, tuple((fill(n), f, line) for n, f, line in self.written))


def expand(trees: list[Tree]) -> list[tuple[str, Tree]]:
    return [(f"{tree.name}[{t}]", tree.named(t, a, b)) for tree in trees for t, a, b in NAMINGS]


GO_HEAD = 'package store\n\nimport (\n\t"context"\n\t"database/sql"\n\t"strconv"\n\t"strings"\n)\n\n'
GO_COLS = ('package store\n\nimport (\n\t"strconv"\n\t"strings"\n)\n\n'           # 1-7
           'var itemFields = []string{\n\t"id",\n\t"{a}",\n\t"{b}",\n}\n\n'         # 8-13
           'func itemColumns() []string { return itemFields }\n\n'                   # 14
           'func ph(n int) string { return "$" + strconv.Itoa(n) }\n\n'              # 16
           'func phs(n int) string {\n\tps := make([]string, n)\n\tfor i := range ps {\n\t\tps[i] = ph(i + 1)\n\t}\n'
           '\treturn strings.Join(ps, ", ")\n}\n\n'
           'func (s *Store) selectList() string { return strings.Join(itemFields, ", ") }\n')  # 26
GO_QUERIES = 'package store\n\nconst findByID = `\n\tSELECT {a}\n\tFROM {t}\n\tWHERE id = $1`\n'  # SELECT at 4, FROM at 5


def go(body: str, imports: str = "") -> str:
    return (GO_HEAD.replace(")\n\n", imports + ")\n\n", 1) + "type Store struct{ db *sql.DB }\n\n"
            "func (s *Store) Do(ctx context.Context, id int, name string) error {\n" + body + "\n\treturn nil\n}\n")


GO = [
    Tree("helper_returning_columns_in_another_file",
         {"store.go": go('\tq := "SELECT " + strings.Join(itemColumns(), ", ") + " FROM {t} WHERE id = $1"\n'
                         '\t_, err := s.db.QueryContext(ctx, q, id)\n\t_ = err'), "cols.go": GO_COLS},
         ("SELECT id, {a}, {b} FROM {t} WHERE id = $1",), ("full",), (("{a}", "cols.go", 10), ("{b}", "cols.go", 11))),
    Tree("package_var_of_another_file",
         {"store.go": go('\tq := "INSERT INTO {t} (" + strings.Join(itemFields, ", ") + ") VALUES (" + phs(len(itemFields)) + ")"\n'
                         '\t_, err := s.db.ExecContext(ctx, q, id, name, name)\n\t_ = err'), "cols.go": GO_COLS},
         ("INSERT INTO {t} (id, {a}, {b}) VALUES (?, ?, ?)",), ("full",), (("{b}", "cols.go", 11),)),
    Tree("placeholder_helper_of_another_file",
         {"store.go": go('\tq := "SELECT {a} FROM {t} WHERE {b} = " + ph(1)\n\t_, err := s.db.QueryContext(ctx, q, name)\n\t_ = err'),
          "cols.go": GO_COLS},
         ("SELECT {a} FROM {t} WHERE {b} = ?",), ("full",)),
    Tree("method_of_the_store_in_another_file",
         {"store.go": go('\t_, err := s.db.QueryContext(ctx, "SELECT "+s.selectList()+" FROM {t}")\n\t_ = err'),
          "cols.go": GO_COLS},
         ("SELECT id, {a}, {b} FROM {t}",), ("full",), (("{a}", "cols.go", 10),)),
    Tree("query_constant_of_another_file_is_read_where_it_is_sent",
         {"store.go": go('\t_, err := s.db.QueryContext(ctx, findByID, id)\n\t_ = err'), "queries.go": GO_QUERIES},
         ("SELECT {a} FROM {t} WHERE id = $1",), ("full", "full"), (("{a}", "queries.go", 4), ("{t}", "queries.go", 5))),
    Tree("helper_calling_a_helper_of_a_third_file",
         {"store.go": go('\t_, err := s.db.QueryContext(ctx, "SELECT "+listed()+" FROM {t}")\n\t_ = err'),
          "list.go": 'package store\n\nimport "strings"\n\nfunc listed() string { return strings.Join(itemColumns(), ", ") }\n',
          "cols.go": GO_COLS},
         ("SELECT id, {a}, {b} FROM {t}",), ("full",), (("{b}", "cols.go", 11),)),
    # refusals: not the same package, or not one definition
    Tree("refuse_a_method_two_files_define_for_two_types",
         {"store.go": go('\t_, err := s.db.QueryContext(ctx, "SELECT "+s.selectList()+" FROM {t}")\n\t_ = err'),
          "cols.go": GO_COLS,
          "other.go": 'package store\n\ntype Other struct{}\n\nfunc (o *Other) selectList() string { return "nope, wrong" }\n'},
         ("SELECT __hole_ FROM {t}",), ("partial",)),
    Tree("refuse_helper_of_another_package",
         {"store.go": go('\t_, err := s.db.QueryContext(ctx, "SELECT "+strings.Join(sqlutil.itemColumns(), ", ")+" FROM {t}")\n\t_ = err',
                         '\t"example.com/app/sqlutil"\n'),
          "cols.go": GO_COLS},
         ("SELECT __hole_ FROM {t}",), ("partial",)),
    Tree("refuse_helper_of_another_directory",
         {"store.go": go('\t_, err := s.db.QueryContext(ctx, "SELECT "+strings.Join(itemColumns(), ", ")+" FROM {t}")\n\t_ = err'),
          "other/cols.go": GO_COLS},
         ("SELECT __hole_ FROM {t}",), ("partial",)),
    Tree("refuse_helper_of_another_package_in_the_same_directory",
         {"store.go": go('\t_, err := s.db.QueryContext(ctx, "SELECT "+strings.Join(itemColumns(), ", ")+" FROM {t}")\n\t_ = err'),
          "cols.go": GO_COLS.replace("package store", "package store_gen")},
         ("SELECT __hole_ FROM {t}",), ("partial",)),
]

PY_COLS = 'FIELDS = [\n    "id",\n    "{a}",\n    "{b}",\n]\nTABLE = "{t}"\n\n\ndef columns():\n    return ", ".join(FIELDS)\n'
PY_SQL = 'from .cols import FIELDS\n\nPAID = "{b}"\n\n\ndef select_list():\n    return ", ".join(FIELDS)\n'


def py(imports: str, body: str) -> str:
    return imports + "\n\ndef run(cur, item_id):\n" + body + "\n"


PYTHON = [
    Tree("name_imported_from_a_sibling_module",
         {"app/__init__.py": "", "app/cols.py": PY_COLS,
          "app/repo.py": py("from .cols import FIELDS", '    cur.execute(f"SELECT {\', \'.join(FIELDS)} FROM {t} WHERE id = %s", (item_id,))')},
         ("SELECT id, {a}, {b} FROM {t} WHERE id = %s",), ("full",), (("{a}", "app/cols.py", 3), ("{b}", "app/cols.py", 4))),
    Tree("helper_imported_by_its_package_path",
         {"app/__init__.py": "", "app/cols.py": PY_COLS,
          "app/repo.py": py("from app.cols import columns", '    cur.execute("SELECT " + columns() + " FROM {t}")')},
         ("SELECT id, {a}, {b} FROM {t}",), ("full",), (("{b}", "app/cols.py", 4),)),
    Tree("module_imported_then_its_constant",
         {"app/__init__.py": "", "app/sql.py": PY_SQL, "app/cols.py": PY_COLS,
          "app/repo.py": py("from . import sql", '    cur.execute("UPDATE {t} SET " + sql.PAID + " = NULL WHERE id = %s", (item_id,))')},
         ("UPDATE {t} SET {b} = NULL WHERE id = %s",), ("full",), (("{b}", "app/sql.py", 3),)),
    Tree("module_alias_then_its_helper_that_imports_another",
         {"app/__init__.py": "", "app/sql.py": PY_SQL, "app/cols.py": PY_COLS,
          "app/repo.py": py("import app.sql as q", '    cur.execute(f"SELECT {q.select_list()} FROM {t}")')},
         ("SELECT id, {a}, {b} FROM {t}",), ("full",), (("{a}", "app/cols.py", 3),)),
    Tree("aliased_import_of_a_table_constant",
         {"app/__init__.py": "", "app/cols.py": PY_COLS,
          "app/repo.py": py("from .cols import TABLE as T", '    cur.execute(f"DELETE FROM {T} WHERE {a} = %s", (item_id,))')},
         ("DELETE FROM {t} WHERE {a} = %s",), ("full",), (("{t}", "app/cols.py", 6),)),
    Tree("refuse_a_name_from_a_package_not_scanned",
         {"app/__init__.py": "", "app/cols.py": PY_COLS,
          "app/repo.py": py("from vendor_sql import FIELDS", '    cur.execute(f"SELECT {\', \'.join(FIELDS)} FROM {t}")')},
         ("SELECT __hole_ FROM {t}",), ("partial",)),
    Tree("refuse_a_name_the_sibling_does_not_define",
         {"app/__init__.py": "", "app/cols.py": PY_COLS,
          "app/repo.py": py("from .cols import OTHER", '    cur.execute(f"SELECT {\', \'.join(OTHER)} FROM {t}")')},
         ("SELECT __hole_ FROM {t}",), ("partial",)),
]

TS_COLS = ("export const FIELDS = [\n  'id',\n  '{a}',\n  '{b}',\n];\n\n"                       # 1-5
           "export function columns(): string {\n  return FIELDS.join(', ');\n}\n\n"             # 7-9
           "const TABLE = '{t}';\nexport { TABLE as ITEMS };\n\n"                               # 11-12
           "export default function selectList(): string {\n  return FIELDS.join(', ');\n}\n")  # 14-16


def ts(imports: str, body: str) -> str:
    return imports + "\n\nexport async function run(db: Db, id: number) {\n" + body + "\n}\n"


TS = [
    Tree("helper_exported_and_imported",
         {"cols.ts": TS_COLS, "repo.ts": ts("import { columns } from './cols';",
                                            "  return db.query(`SELECT ${columns()} FROM {t} WHERE id = $1`, [id]);")},
         ("SELECT id, {a}, {b} FROM {t} WHERE id = $1",), ("full",), (("{a}", "cols.ts", 3), ("{b}", "cols.ts", 4))),
    Tree("namespace_import_then_its_constant",
         {"cols.ts": TS_COLS, "repo.ts": ts("import * as cols from './cols';",
                                            "  return db.query('SELECT ' + cols.FIELDS.join(', ') + ' FROM {t}');")},
         ("SELECT id, {a}, {b} FROM {t}",), ("full",), (("{b}", "cols.ts", 4),)),
    Tree("export_renamed_then_imported",
         {"cols.ts": TS_COLS, "repo.ts": ts("import { ITEMS } from './cols.js';",
                                            "  return db.query(`DELETE FROM ${ITEMS} WHERE {a} = $1`, [id]);")},
         ("DELETE FROM {t} WHERE {a} = $1",), ("full",), (("{t}", "cols.ts", 11),)),
    Tree("default_export_from_an_index_file",
         {"sql/index.ts": TS_COLS, "repo.ts": ts("import selectList from './sql';",
                                                 "  return db.query(`SELECT ${selectList()} FROM {t}`);")},
         ("SELECT id, {a}, {b} FROM {t}",), ("full",), (("{a}", "sql/index.ts", 3),)),
    Tree("refuse_an_import_from_a_package",
         {"cols.ts": TS_COLS, "repo.ts": ts("import { columns } from '@acme/sql';",
                                            "  return db.query(`SELECT ${columns()} FROM {t}`);")},
         ("SELECT __hole_ FROM {t}",), ("partial",)),
]
