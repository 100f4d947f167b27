-- Row-level security switched on (or forced) per table; a table with neither is not listed.
SELECT 'rls', n.nspname, c.relname, c.relname,
       concat_ws(', ', CASE WHEN c.relrowsecurity THEN 'enabled' END,
                       CASE WHEN c.relforcerowsecurity THEN 'forced' END),
       NULL::json, NULL::text[], NULL::json
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND (c.relrowsecurity OR c.relforcerowsecurity)
  AND n.nspname = ANY(%(schemas)s)
ORDER BY 2, 3
