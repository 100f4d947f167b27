-- Primary keys, foreign keys, unique, check and exclusion constraints, keyed by table oid. conkey
-- holds attnums (mapped to names through the columns query); so does confkey, for a referenced table the
-- columns query read; the referenced column names of one it did not read (in a schema that was not read, or a
-- partition) are resolved here (doing so for every key cost a fifth of this query). Then a check's condition
-- as a person reads it (pretty), the storage parameters of the index behind a primary key, unique or
-- exclusion constraint, and the server's own definition, not pretty: that text reads back the same
-- when it is run again (pretty drops parentheses and casts the parser then puts back differently).
-- Last, whether a parent's constraint is inherited here (a child's check: renamed only with the parent's).
SELECT con.conrelid, con.conname, con.contype, con.conkey,
       fn.nspname, fc.relname,
       con.confrelid, con.confkey,
       CASE WHEN con.contype = 'f' AND (fc.relispartition OR NOT fn.nspname = ANY(%(schemas)s)) THEN
         ARRAY(SELECT fa.attname
               FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = k.attnum
               ORDER BY k.ord)
       END,
       con.confdeltype, con.confupdtype,
       CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid, true) END,
       CASE WHEN con.contype IN ('p', 'u', 'x') THEN
         (SELECT array_to_string(ic.reloptions, ', ') FROM pg_class ic WHERE ic.oid = con.conindid)
       END,
       pg_get_constraintdef(con.oid),
       con.coninhcount > 0
FROM pg_constraint con
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype IN ('p', 'f', 'u', 'c', 'x')
  AND con.conrelid IN (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY(%(schemas)s))
ORDER BY con.conrelid, con.conname
