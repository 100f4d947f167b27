"""Go: database/sql, sqlx and squirrel, in the shapes Go backends build SQL."""
from tests.unit.code_corpus.common import Case

H = 'package store\n\nimport (\n\t"context"\n\t"fmt"\n\t"strconv"\n\t"strings"\n\n\tsq "github.com/Masterminds/squirrel"\n)\n\n'
F = "func (s *Store) Do(ctx context.Context, id int, name, status, sort string, limit int) error {\n"


def go(body: str, top: str = "") -> str:
    return H + top + F + body + "\n\treturn nil\n}\n"


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
]
