-- Indexes that do not back a primary key, unique or exclusion constraint, keyed by table oid.
-- indkey: attnums (0 = expression, whose text comes from pg_get_indexdef); indoption bit 1 = DESC;
-- the last column: each key's operator class when it is not the default for its type ('' otherwise);
-- NULL when every key uses its default (decided once against the set of default classes: a lookup
-- per index costs more than the rest of the query). Then the server's whole definition (pg_get_indexdef).
SELECT i.indrelid, ic.relname, i.indisunique, am.amname, i.indnkeyatts,
       i.indkey::int2[], i.indoption::int2[],
       CASE WHEN 0 = ANY(i.indkey::int2[]) THEN
         ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) AS k ORDER BY k)
       END,
       pg_get_expr(i.indpred, i.indrelid, true),
       CASE WHEN NOT i.indclass::oid[] <@ (SELECT array_agg(oid) FROM pg_opclass WHERE opcdefault) THEN
         ARRAY(SELECT CASE WHEN opc.opcdefault THEN '' ELSE opc.opcname::text END
               FROM unnest(i.indclass::oid[]) WITH ORDINALITY AS k(opc, ord)
               JOIN pg_opclass opc ON opc.oid = k.opc ORDER BY k.ord)
       END,
       pg_get_indexdef(i.indexrelid)
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
WHERE i.indrelid IN (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY(%(schemas)s))
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid
                  AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
ORDER BY i.indrelid, ic.relname
