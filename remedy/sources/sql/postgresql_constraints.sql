-- Primary keys, foreign keys, unique and check constraints. conkey holds attnums
-- (mapped to names through the columns query); referenced column names are resolved here
-- because the referenced table may live in a schema that was not read.
SELECT n.nspname AS schema_name,
       c.relname AS table_name,
       con.conname AS name,
       con.contype AS kind,
       con.conkey AS attnums,
       fn.nspname AS ref_schema,
       fc.relname AS ref_table,
       CASE WHEN con.contype = 'f' THEN
         ARRAY(SELECT fa.attname
               FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = k.attnum
               ORDER BY k.ord)
       END AS ref_columns,
       con.confdeltype AS on_delete,
       con.confupdtype AS on_update,
       CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid, true) END AS definition
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype IN ('p', 'f', 'u', 'c')
  AND c.relkind IN ('r', 'p')
  AND NOT c.relispartition
  AND n.nspname = ANY(%(schemas)s)
ORDER BY n.nspname, c.relname, con.conname
