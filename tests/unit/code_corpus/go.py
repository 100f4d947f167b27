"""Go: database/sql, sqlx, squirrel and gorm, in the shapes Go backends build SQL."""
from tests.unit.code_corpus.common import Case

H = 'package store\n\nimport (\n\t"context"\n\t"fmt"\n\t"strconv"\n\t"strings"\n\n\tsq "github.com/Masterminds/squirrel"\n)\n\n'
F = "func (s *Store) Do(ctx context.Context, id int, name, status, sort string, limit int) error {\n"


def go(body: str, top: str = "") -> str:
    return H + top + F + body + "\n\treturn nil\n}\n"


G = 'package store\n\nimport (\n\t"context"\n\n\t"gorm.io/gorm"\n)\n\n'
ITEM = 'type Item struct {\n\tID   uint\n\tName string\n}\n\nfunc (Item) TableName() string { return "{t}" }\n\n'


def gorm(body: str, top: str = ITEM) -> str:
    return G + top + F + body + "\n\treturn nil\n}\n"


CASES = [
    Case("literal", go('\trows, err := s.db.QueryContext(ctx, "SELECT {a} FROM {t} WHERE id = $1", id)\n\t_, _ = rows, err'),
         ("SELECT {a} FROM {t} WHERE id = $1",), ("full",)),
    Case("raw_string", go('\tconst q = `\n\t\tSELECT {a}, {b}\n\t\tFROM {t}\n\t\tWHERE id = $1`\n\t_, err := s.db.ExecContext(ctx, q, id)\n\t_ = err'),
         ("SELECT {a}, {b} FROM {t} WHERE id = $1",), ("full",)),
    Case("package_constant", go('\t_, err := s.db.ExecContext(ctx, deleteQuery, id)\n\t_ = err', 'const deleteQuery = "DELETE FROM {t} WHERE {a} = $1"\n\n'),
         ("DELETE FROM {t} WHERE {a} = $1",), ("full",)),
    Case("concatenated_literals", go('\tq := "SELECT {a} " +\n\t\t"FROM {t} " +\n\t\t"WHERE {b} = $1"\n\ts.db.QueryRowContext(ctx, q, status)'),
         ("SELECT {a} FROM {t} WHERE {b} = $1",), ("full",)),
    Case("optional_suffix", go('\tq := "SELECT {a} FROM {t}"\n\tif status != "" {\n\t\tq += " WHERE {b} = $1"\n\t}\n\ts.db.QueryContext(ctx, q, status)'),
         ("SELECT {a} FROM {t}", "SELECT {a} FROM {t} WHERE {b} = $1"), ("full",)),
    Case("fields_join_sprintf", go('\tfields := []string{"id", "{a}", "{b}"}\n\tq := fmt.Sprintf("SELECT %s FROM {t} ORDER BY id", strings.Join(fields, ", "))\n\ts.db.QueryContext(ctx, q)'),
         ("SELECT id, {a}, {b} FROM {t} ORDER BY id",), ("full",)),
    Case("optional_where_fragments", go('\twhere, args := []string{"1 = 1"}, []any{}\n\tif id != 0 {\n\t\twhere, args = append(where, "id = $1"), append(args, id)\n\t}\n'
                                        '\tif status != "" {\n\t\twhere = append(where, "{b} = $2")\n\t}\n\tq := "SELECT {a} FROM {t} WHERE " + strings.Join(where, " AND ")\n\ts.db.QueryContext(ctx, q, args...)'),
         ("SELECT {a} FROM {t} WHERE 1 = 1", "SELECT {a} FROM {t} WHERE 1 = 1 AND id = $1", "SELECT {a} FROM {t} WHERE 1 = 1 AND {b} = $2",
          "SELECT {a} FROM {t} WHERE 1 = 1 AND id = $1 AND {b} = $2"), ("full",)),
    Case("strings_builder", go('\tvar b strings.Builder\n\tb.WriteString("UPDATE {t} SET {a} = $1")\n\tb.WriteString(" WHERE id = $2")\n\ts.db.ExecContext(ctx, b.String(), name, id)'),
         ("UPDATE {t} SET {a} = $1 WHERE id = $2",), ("full",)),
    Case("bytes_buffer", go('\tvar buf bytes.Buffer\n\tbuf.WriteString("DELETE FROM {t}")\n\tif id > 0 {\n\t\tbuf.WriteString(" WHERE id = $1")\n\t}\n\ts.db.ExecContext(ctx, buf.String(), id)'),
         ("DELETE FROM {t}", "DELETE FROM {t} WHERE id = $1"), ("full",)),
    Case("fprintf_builder", go('\tb := &strings.Builder{}\n\tfmt.Fprintf(b, "SELECT {a} FROM {t} WHERE {b} = %s", "$1")\n\ts.db.QueryContext(ctx, b.String(), status)'),
         ("SELECT {a} FROM {t} WHERE {b} = $1",), ("full",)),
    Case("helper_returns_columns", go('\tq := "SELECT " + strings.Join(columns(), ", ") + " FROM {t}"\n\ts.db.QueryContext(ctx, q)',
                                      'func columns() []string { return []string{"id", "{a}", "{b}"} }\n\n'),
         ("SELECT id, {a}, {b} FROM {t}",), ("full",)),
    Case("placeholder_helper", go('\tq := "SELECT {a} FROM {t} WHERE {b} = " + ph(1)\n\ts.db.QueryContext(ctx, q, status)',
                                  'func ph(n int) string { return "$" + strconv.Itoa(n) }\n\n'),
         ("SELECT {a} FROM {t} WHERE {b} = ?",), ("full",)),
    Case("insert_placeholders_helper", go('\tcols := []string{"{a}", "{b}"}\n\tq := "INSERT INTO {t} (" + strings.Join(cols, ", ") + ") VALUES (" + placeholders(len(cols)) + ")"\n\ts.db.ExecContext(ctx, q, name, status)'),
         ("INSERT INTO {t} ({a}, {b}) VALUES (?, ?)",), ("full",)),
    Case("switch_order_by", go('\torder := "id"\n\tswitch sort {\n\tcase "a":\n\t\torder = "{a}"\n\tcase "b":\n\t\torder = "{b} DESC"\n\t}\n\ts.db.QueryContext(ctx, "SELECT {a} FROM {t} ORDER BY "+order)'),
         ("SELECT {a} FROM {t} ORDER BY id", "SELECT {a} FROM {t} ORDER BY {a}", "SELECT {a} FROM {t} ORDER BY {b} DESC"), ("full",)),
    Case("squirrel_select", go('\tq := sq.Select("{a}", "{b}").From("{t}").Where(sq.Eq{"id": id})\n\tsqlText, args, _ := q.ToSql()\n\ts.db.QueryContext(ctx, sqlText, args...)'),
         ("SELECT {a}, {b} FROM {t} WHERE id = ?",), ("full",)),
    Case("squirrel_insert", go('\tsqlText, args, _ := sq.Insert("{t}").Columns("{a}", "{b}").Values(name, status).ToSql()\n\ts.db.ExecContext(ctx, sqlText, args...)'),
         ("INSERT INTO {t} ({a}, {b}) VALUES (?, ?)",), ("full",)),
    Case("squirrel_update_run", go('\t_, err := sq.Update("{t}").Set("{a}", name).Set("{b}", status).Where("id = ?", id).RunWith(s.db).ExecContext(ctx)\n\t_ = err'),
         ("UPDATE {t} SET {a} = ?, {b} = ? WHERE id = ?",), ("full",)),
    Case("len_guards_where", go('\tvar where []string\n\tif status != "" {\n\t\twhere = append(where, "{b} = :status")\n\t}\n\tq := "SELECT {a} FROM {t}"\n\tif len(where) > 0 {\n\t\tq += " WHERE " + strings.Join(where, " AND ")\n\t}\n\ts.db.NamedQueryContext(ctx, q, nil)'),
         ("SELECT {a} FROM {t}", "SELECT {a} FROM {t} WHERE {b} = :status"), ("full",)),
    Case("sprintf_limit_number", go('\tq := fmt.Sprintf("SELECT {a} FROM {t} ORDER BY id LIMIT %d OFFSET %d", limit, id)\n\ts.db.QueryContext(ctx, q)'),
         ("SELECT {a} FROM {t} ORDER BY id LIMIT 0 OFFSET 0",), ("full",)),
    Case("loop_over_known_filters", go('\tconds := []string{}\n\tfor _, c := range []string{"{a}", "{b}"} {\n\t\tconds = append(conds, c+" IS NOT NULL")\n\t}\n\ts.db.QueryContext(ctx, "SELECT id FROM {t} WHERE id > 0 AND "+strings.Join(append(conds, "TRUE"), " AND "))'),
         ("SELECT id FROM {t} WHERE id > 0 AND TRUE", "SELECT id FROM {t} WHERE id > 0 AND {a} IS NOT NULL AND TRUE",
          "SELECT id FROM {t} WHERE id > 0 AND {b} IS NOT NULL AND TRUE"), ("full",)),
    Case("wrapper_reads_at_the_caller", go('\treturn s.exec(ctx, "UPDATE {t} SET {a} = $1", name)',
                                           'func (s *Store) exec(ctx context.Context, q string, args ...any) error {\n\t_, err := s.db.ExecContext(ctx, q, args...)\n\treturn err\n}\n\n'),
         ("UPDATE {t} SET {a} = $1",), ("full",)),
    Case("struct_field_query", go('\tq := Query{SQL: "SELECT {a} FROM {t} WHERE {b} = $1"}\n\t_ = q'),
         ("SELECT {a} FROM {t} WHERE {b} = $1",), ("full",)),
    # refusals: what remedy must not guess
    Case("refuse_map_lookup", go('\t_, err := s.db.ExecContext(ctx, queries[name])\n\t_ = err'), (), ("unread",), unread=1),
    Case("refuse_field_of_struct", go('\t_, err := s.db.QueryContext(ctx, s.queries.find, id)\n\t_ = err'), (), ("unread",), unread=1),
    Case("refuse_table_from_parameter", go('\tq := fmt.Sprintf("SELECT {a} FROM %s WHERE id = $1", name)\n\ts.db.QueryContext(ctx, q, id)'),
         ("SELECT {a} FROM __hole_ WHERE id = $1",), ("partial",)),
    Case("refuse_unknown_helper_result", go('\t_, err := s.db.QueryContext(ctx, buildQuery(name))\n\t_ = err'), (), ("unread",), unread=1),
    # gorm: the chain is the SQL it sends at Find / First / Create / Update / Delete…; the model's table
    # is its TableName() or gorm's plural snake_case
    Case("gorm_table_select_where", gorm('\tvar rows []Row\n\ts.db.Table("{t}").Select("{a}, {b}").Where("id = ?", id).Find(&rows)'),
         ("SELECT {a}, {b} FROM {t} WHERE id = ?",), ("full",)),
    Case("gorm_model_table_name", gorm('\tvar items []Item\n\ts.db.Where("{a} = ?", name).Order("{b} desc").Find(&items)'),
         ("SELECT * FROM {t} WHERE {a} = ? ORDER BY {b} desc",), ("full",)),
    Case("gorm_model_update_error", gorm('\treturn s.db.Model(&Item{}).Where("id = ?", id).Update("{a}", name).Error'),
         ("UPDATE {t} SET {a} = ? WHERE id = ?",), ("full",)),
    Case("gorm_optional_where_count", gorm('\tq := s.db.WithContext(ctx).Table("{t}")\n\tif status != "" {\n\t\tq = q.Where("{b} = ?", status)\n\t}\n\tvar n int64\n\tq.Count(&n)'),
         ("SELECT count(*) FROM {t}", "SELECT count(*) FROM {t} WHERE {b} = ?"), ("full",)),
    Case("gorm_updates_map", gorm('\ts.db.Table("{t}").Where("id = ?", id).Updates(map[string]interface{}{"{a}": name, "{b}": status})'),
         ("UPDATE {t} SET {a} = ?, {b} = ? WHERE id = ?",), ("full",)),
    Case("gorm_pluck_in_slice", gorm('\tvar names []string\n\ts.db.Model(&Item{}).Where("{b} IN ?", []string{status}).Pluck("{a}", &names)'),
         ("SELECT {a} FROM {t} WHERE {b} IN (?)",), ("full",)),
    Case("gorm_first_inline_condition", gorm('\tvar it Item\n\tif err := s.db.First(&it, "{a} = ?", name).Error; err != nil {\n\t\treturn err\n\t}'),
         ("SELECT * FROM {t} WHERE {a} = ? LIMIT 1",), ("full",)),
    Case("gorm_create_and_delete", gorm('\tit := Item{Name: name}\n\ts.db.Create(&it)\n\ts.db.Delete(&Item{}, "{b} = ?", status)'),
         ("INSERT INTO {t} DEFAULT VALUES", "DELETE FROM {t} WHERE {b} = ?"), ("full", "full")),
    Case("gorm_transaction_handle", gorm('\treturn s.db.Transaction(func(tx *gorm.DB) error {\n\t\treturn tx.Table("{t}").Where("id = ?", id).Update("{a}", name).Error\n\t})'),
         ("UPDATE {t} SET {a} = ? WHERE id = ?",), ("full",)),
    Case("gorm_join_and_where_map", gorm('\ts.db.Table("{t}").Joins("JOIN owners ON owners.id = {t}.owner_id").Where(map[string]interface{}{"{t}.{a}": name}).Find(&rows)'),
         ("SELECT * FROM {t} JOIN owners ON owners.id = {t}.owner_id WHERE {t}.{a} = ?",), ("full",)),
    Case("gorm_convention_plural", gorm('\tvar cs []Category\n\ts.db.Where("{a} = ?", name).Find(&cs)', 'type Category struct {\n\tID uint\n}\n\n'),
         ("SELECT * FROM categories WHERE {a} = ?",), ("full",)),
    Case("gorm_convention_irregular", gorm('\tvar p Person\n\ts.db.First(&p, "{b} = ?", status)', 'type Person struct {\n\tID uint\n}\n\n'),
         ("SELECT * FROM people WHERE {b} = ? LIMIT 1",), ("full",)),
    Case("gorm_model_parameter", gorm('\treturn nil\n}\n\nfunc (s *Store) Save(it *Item) error {\n\treturn s.db.Model(it).Update("{b}", "x").Error'),
         ("UPDATE {t} SET {b} = ?",), ("full",)),
    Case("refuse_gorm_table_from_parameter", gorm('\ts.db.Table(name).Where("{a} = ?", id).Find(&rows)'),
         ("SELECT * FROM __hole_ WHERE {a} = ?",), ("partial",)),
    Case("refuse_gorm_condition_from_parameter", gorm('\ts.db.Table("{t}").Select("{a}").Where(status, id).Find(&rows)'),
         ("SELECT {a} FROM {t} WHERE __hole_",), ("partial",)),
    Case("refuse_gorm_scopes", gorm('\ts.db.Table("{t}").Scopes(paginate(limit)).Find(&rows)'),
         ("SELECT * FROM {t} WHERE __hole_",), ("partial",)),
    Case("refuse_gorm_association_join", gorm('\tvar items []Item\n\ts.db.Joins("Owner").Where("{a} = ?", name).Find(&items)'),
         ("SELECT * FROM {t} LEFT JOIN __hole_ ON TRUE WHERE {a} = ?",), ("partial",)),
    Case("refuse_gorm_updates_struct", gorm('\ts.db.Model(&Item{}).Where("id = ?", id).Updates(Item{Name: name})'),
         ("UPDATE {t} SET __hole_ = ? WHERE id = ?",), ("partial",)),
    Case("refuse_gorm_chain_from_another_file", gorm('\tvar items []Item\n\ts.scoped(ctx).Where("{a} = ?", name).Find(&items)'),
         (), ("unread",), unread=1),
    Case("refuse_gorm_destination_of_unknown_type", gorm('\ts.db.Where("{a} = ?", name).Find(&rows)'),
         ("SELECT * FROM __hole_ WHERE {a} = ?",), ("partial",)),
    Case("gorm_handle_passed_on_is_not_a_site", gorm('\ttx := s.db.WithContext(ctx)\n\trepo := NewRepo(tx)\n\t_ = repo\n\tvar items []Item\n\ttx.Where("{b} = ?", status).Find(&items)'),
         ("SELECT * FROM {t} WHERE {b} = ?",), ("full",)),
    Case("gorm_first_by_primary_key", gorm('\tvar it Item\n\ts.db.First(&it, id)\n\ts.db.Delete(&Item{}, id)'),
         ("SELECT * FROM {t} LIMIT 1", "DELETE FROM {t}"), ("full", "full")),
    Case("refuse_gorm_preload", gorm('\tvar items []Item\n\ts.db.Preload("Owner").Where("{a} = ?", name).Find(&items)'),
         ("SELECT * FROM {t} WHERE {a} = ? /* __hole_ */",), ("partial",)),
]
