-- Installed extensions with their version and schema (plpgsql is always there and never expected), and what uses
-- what each provides, other than what it provides itself: an index (its operator class), a column (its type), a
-- view or materialized view (through its rewrite rule), a default, a function, another extension..., each as
-- {kind, schema, table, name, said} (kind: index, column, table, view, materialized_view, extension or other).
-- "used_by" is no property (remedy.sources.objects takes it out, it is never compared): it says why PostgreSQL
-- would refuse DROP EXTENSION.
SELECT 'extension', '', e.extname, '', e.extversion,
       json_build_object('schema', n.nspname, 'used_by', COALESCE(u.used_by, '[]'::jsonb)),
       NULL::text[], NULL::json
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
LEFT JOIN LATERAL (
  WITH member AS (SELECT classid, objid FROM pg_depend
                  WHERE refclassid = 'pg_extension'::regclass AND refobjid = e.oid AND deptype = 'e'),
  provided AS (SELECT classid, objid FROM member  -- and what goes with a member (a type's array type, an
               UNION SELECT i.classid, i.objid FROM member m  -- operator family's operators), and the extension
                     JOIN pg_depend i ON i.refclassid = m.classid AND i.refobjid = m.objid AND i.deptype IN ('i', 'a')
               UNION SELECT 'pg_extension'::regclass, e.oid)  -- itself (another extension that requires it)
  SELECT jsonb_agg(DISTINCT jsonb_build_object(
           'kind', CASE WHEN ox.oid IS NOT NULL THEN 'extension' WHEN c.oid IS NULL THEN 'other'
                        WHEN c.relkind = 'i' THEN 'index'
                        WHEN a.attname IS NOT NULL THEN 'column' WHEN c.relkind IN ('r', 'p') THEN 'table'
                        WHEN c.relkind = 'v' THEN 'view' WHEN c.relkind = 'm' THEN 'materialized_view'
                        ELSE 'other' END,
           'schema', COALESCE(cn.nspname, ''), 'table', COALESCE(ct.relname, c.relname, ''),
           'name', COALESCE(CASE WHEN c.relkind = 'i' THEN c.relname ELSE a.attname END, ox.extname, ''),
           'said', pg_describe_object(w.classid, w.objid, w.objsubid))) AS used_by
  FROM provided m
  JOIN pg_depend d ON d.refclassid = m.classid AND d.refobjid = m.objid AND d.deptype = 'n'
  LEFT JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND r.oid = d.objid
  CROSS JOIN LATERAL (SELECT CASE WHEN r.oid IS NULL THEN d.classid ELSE 'pg_class'::regclass END AS classid,
                             COALESCE(r.ev_class, d.objid) AS objid,
                             CASE WHEN r.oid IS NULL THEN d.objsubid ELSE 0 END AS objsubid) w
  LEFT JOIN pg_extension ox ON w.classid = 'pg_extension'::regclass AND ox.oid = w.objid
  LEFT JOIN pg_class c ON w.classid = 'pg_class'::regclass AND c.oid = w.objid
  LEFT JOIN pg_namespace cn ON cn.oid = c.relnamespace
  LEFT JOIN pg_index i ON i.indexrelid = c.oid
  LEFT JOIN pg_class ct ON ct.oid = i.indrelid
  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = w.objsubid AND w.objsubid > 0
  WHERE NOT EXISTS (  -- not an extension's own, nor part of what one provides (another's domain's constraint)
    SELECT 1 FROM pg_depend x WHERE x.classid = d.classid AND x.objid = d.objid
      AND (x.deptype = 'e' OR x.deptype IN ('i', 'a') AND EXISTS (
        SELECT 1 FROM pg_depend y WHERE y.classid = x.refclassid AND y.objid = x.refobjid AND y.deptype = 'e')))
) u ON true
WHERE e.extname <> 'plpgsql'
ORDER BY 3
