-- Partitioning: each partitioned table's key ('partition_key'), each partition's parent and bounds
-- ('partition'), and plain inheritance ('inheritance': a child's parents in order).
SELECT 'partition_key', n.nspname, c.relname, c.relname, pg_get_partkeydef(c.oid),
       NULL::json, NULL::text[], NULL::json
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'p' AND n.nspname = ANY(%(schemas)s)
UNION ALL
SELECT 'partition', n.nspname, c.relname, pc.relname, pg_get_expr(c.relpartbound, c.oid),
       json_build_object('parent', quote_ident(pn.nspname) || '.' || quote_ident(pc.relname),
                         'key', coalesce(pg_get_partkeydef(c.oid), '')),
       ARRAY[]::text[], json_build_array(json_build_array(pn.nspname, pc.relname, ''))
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_inherits i ON i.inhrelid = c.oid
JOIN pg_class pc ON pc.oid = i.inhparent
JOIN pg_namespace pn ON pn.oid = pc.relnamespace
WHERE c.relispartition AND c.relkind IN ('r', 'p') AND n.nspname = ANY(%(schemas)s)
UNION ALL
SELECT 'inheritance', n.nspname, c.relname, c.relname,
       string_agg(quote_ident(pn.nspname) || '.' || quote_ident(pc.relname), ', ' ORDER BY i.inhseqno),
       NULL::json, NULL::text[], NULL::json
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_inherits i ON i.inhrelid = c.oid
JOIN pg_class pc ON pc.oid = i.inhparent
JOIN pg_namespace pn ON pn.oid = pc.relnamespace
WHERE NOT c.relispartition AND c.relkind IN ('r', 'p') AND n.nspname = ANY(%(schemas)s)
GROUP BY n.nspname, c.relname
ORDER BY 2, 3
