-- What is present, by kind and schema, of every object kind beyond tables, columns, keys, indexes and enums
-- (which the model reads). The scan reports the kinds no registered comparator compares as "not compared".
-- Objects that belong to an extension are the extension's, and left out.
WITH ext AS (SELECT objid, classid FROM pg_depend WHERE deptype = 'e'),
ns AS (SELECT oid, nspname FROM pg_namespace WHERE nspname = ANY(%(schemas)s)),
rel AS (
  SELECT c.oid, c.relname, c.relkind, c.relispartition, c.relacl, ns.nspname, c.relrowsecurity, c.reloptions,
         c.relreplident, c.reltablespace, c.relforcerowsecurity
  FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
  WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = c.oid AND ext.classid = 'pg_class'::regclass)
)
SELECT kind, schema, count(*)::int FROM (
  SELECT CASE relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized_view' WHEN 'f' THEN 'foreign_table' END,
         nspname
  FROM rel WHERE relkind IN ('v', 'm', 'f')
  UNION ALL
  SELECT 'partition', nspname FROM rel WHERE relispartition AND relkind IN ('r', 'p')
  UNION ALL
  SELECT 'inheritance', r.nspname FROM pg_inherits i JOIN rel r ON r.oid = i.inhrelid WHERE NOT r.relispartition
  UNION ALL
  SELECT 'sequence', r.nspname FROM rel r WHERE r.relkind = 'S' AND NOT EXISTS (
    SELECT 1 FROM pg_depend d WHERE d.objid = r.oid AND d.classid = 'pg_class'::regclass
      AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END, ns.nspname
  FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
  WHERE p.prokind IN ('f', 'p', 'a', 'w')
    AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = p.oid AND ext.classid = 'pg_proc'::regclass)
  UNION ALL
  SELECT 'trigger', r.nspname FROM pg_trigger t JOIN rel r ON r.oid = t.tgrelid WHERE NOT t.tgisinternal
  UNION ALL
  SELECT 'rule', r.nspname FROM pg_rewrite w JOIN rel r ON r.oid = w.ev_class WHERE w.rulename <> '_RETURN'
  UNION ALL
  SELECT 'policy', r.nspname FROM pg_policy p JOIN rel r ON r.oid = p.polrelid
  UNION ALL
  SELECT 'row_level_security', nspname FROM rel WHERE relrowsecurity
  UNION ALL
  SELECT 'table_storage_parameters', nspname FROM rel WHERE reloptions IS NOT NULL AND relkind IN ('r', 'p', 'm')
  UNION ALL
  SELECT 'replica_identity', nspname FROM rel WHERE relkind IN ('r', 'p') AND relreplident NOT IN ('d', 'n')
  UNION ALL
  SELECT 'tablespace', nspname FROM rel WHERE reltablespace <> 0 AND relkind IN ('r', 'p', 'm', 'i', 'I')
  UNION ALL
  SELECT 'clustered_index', nspname FROM rel JOIN pg_index x ON x.indrelid = rel.oid WHERE x.indisclustered
  UNION ALL
  -- a partition's own index or constraint (none of its parent's, which it inherits): only the parent's are compared
  SELECT 'partition_index', nspname FROM rel JOIN pg_index x ON x.indrelid = rel.oid
  WHERE rel.relispartition AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = x.indexrelid)
  UNION ALL
  SELECT 'partition_constraint', nspname FROM rel JOIN pg_constraint k ON k.conrelid = rel.oid
  WHERE rel.relispartition AND k.conparentid = 0 AND k.coninhcount = 0 AND k.contype IN ('c', 'f', 'p', 'u', 'x')
  UNION ALL
  SELECT 'column_storage_setting', r.nspname FROM pg_attribute a JOIN rel r ON r.oid = a.attrelid
    JOIN pg_type t ON t.oid = a.atttypid
  WHERE r.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
    AND (a.attstorage <> t.typstorage OR a.attstattarget > 0 OR a.attcompression <> '')
  UNION ALL
  SELECT CASE t.typtype WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range_type' ELSE 'composite_type' END, ns.nspname
  FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
  WHERE (t.typtype IN ('d', 'r') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
    AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = t.oid AND ext.classid = 'pg_type'::regclass)
  UNION ALL
  SELECT 'grant', r.nspname FROM rel r WHERE r.relacl IS NOT NULL AND r.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
  UNION ALL
  SELECT 'grant', r.nspname FROM rel r WHERE r.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND r.relacl IS NULL
    AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = r.oid AND a.attacl IS NOT NULL AND NOT a.attisdropped)
  UNION ALL
  SELECT 'grant', ns.nspname FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
  WHERE p.proacl IS NOT NULL AND p.prokind IN ('f', 'p')
    AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = p.oid AND ext.classid = 'pg_proc'::regclass)
  UNION ALL
  SELECT 'grant', ns.nspname FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
  WHERE t.typacl IS NOT NULL AND t.typtype IN ('e', 'd', 'r', 'c')
    AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = t.oid AND ext.classid = 'pg_type'::regclass)
  UNION ALL
  SELECT 'grant', ns.nspname FROM pg_namespace n JOIN ns ON ns.oid = n.oid
  WHERE n.nspacl IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_init_privs ip WHERE ip.objoid = n.oid
    AND ip.classoid = 'pg_namespace'::regclass AND ip.initprivs = n.nspacl)
  UNION ALL
  SELECT 'comment', r.nspname FROM pg_description d JOIN rel r ON r.oid = d.objoid
  WHERE d.classoid = 'pg_class'::regclass AND r.relkind IN ('r', 'p')
  UNION ALL
  SELECT 'collation', ns.nspname FROM pg_collation c JOIN ns ON ns.oid = c.collnamespace
  WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = c.oid AND ext.classid = 'pg_collation'::regclass)
  UNION ALL
  SELECT 'statistics', ns.nspname FROM pg_statistic_ext s JOIN ns ON ns.oid = s.stxnamespace
  UNION ALL
  SELECT 'operator', ns.nspname FROM pg_operator o JOIN ns ON ns.oid = o.oprnamespace
  WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = o.oid AND ext.classid = 'pg_operator'::regclass)
  UNION ALL
  SELECT 'text_search_configuration', ns.nspname FROM pg_ts_config c JOIN ns ON ns.oid = c.cfgnamespace
  WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = c.oid AND ext.classid = 'pg_ts_config'::regclass)
  UNION ALL
  SELECT 'default_privileges', coalesce(n.nspname, '') FROM pg_default_acl d
  LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
  WHERE d.defaclnamespace = 0 OR n.nspname = ANY(%(schemas)s)
  UNION ALL
  SELECT 'event_trigger', '' FROM pg_event_trigger e
  WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = e.oid AND ext.classid = 'pg_event_trigger'::regclass)
  UNION ALL
  SELECT 'publication', '' FROM pg_publication
) AS present(kind, schema)
GROUP BY kind, schema
ORDER BY kind, schema
