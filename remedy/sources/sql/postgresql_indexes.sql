-- Indexes that do not back a primary key, unique or exclusion constraint.
-- Key columns come as names (attnum > 0) or expression text (attnum = 0).
SELECT n.nspname AS schema_name,
       c.relname AS table_name,
       ic.relname AS name,
       i.indisunique AS is_unique,
       am.amname AS method,
       i.indkey::int2[] AS attnums,
       i.indoption::int2[] AS options,
       ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true)
             FROM generate_series(1, i.indnkeyatts) AS k
             ORDER BY k) AS key_texts,
       pg_get_expr(i.indpred, i.indrelid, true) AS predicate
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = ic.relam
WHERE c.relkind IN ('r', 'p')
  AND NOT c.relispartition
  AND n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid
                  AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
ORDER BY n.nspname, c.relname, ic.relname
