-- Triggers (not the internal ones behind foreign keys): PostgreSQL's own CREATE TRIGGER text (timing,
-- events, columns, WHEN, function), whether it fires, and the table and columns it reads.
SELECT 'trigger', n.nspname, c.relname || '.' || t.tgname, c.relname,
       pg_get_triggerdef(t.oid),
       json_build_object('enabled', t.tgenabled::text),
       ARRAY[]::text[],
       coalesce((SELECT json_agg(DISTINCT jsonb_build_array(rn.nspname, rc.relname, coalesce(a.attname, '')))
                 FROM pg_depend d
                 JOIN pg_class rc ON rc.oid = d.refobjid
                 JOIN pg_namespace rn ON rn.oid = rc.relnamespace
                 LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                                         AND d.refobjsubid > 0
                 WHERE d.classid = 'pg_trigger'::regclass AND d.objid = t.oid
                   AND d.refclassid = 'pg_class'::regclass), '[]')
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal
  AND n.nspname = ANY(%(schemas)s)
ORDER BY 2, 3
