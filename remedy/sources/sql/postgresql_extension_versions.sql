-- Installed extensions with their version and schema (plpgsql is always there and never expected).
SELECT 'extension', '', e.extname, '', e.extversion,
       json_build_object('schema', n.nspname), ARRAY[]::text[], '[]'::json
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql'
ORDER BY 3
