-- Standalone sequences: type, start, increment, bounds, cache, cycle. A sequence owned by a column
-- (serial, identity, OWNED BY) belongs to that column and is compared with it; extension members are left out.
SELECT 'sequence', n.nspname, c.relname, '',
       concat_ws(' ', 'AS', format_type(s.seqtypid, NULL), 'INCREMENT BY', s.seqincrement,
                 'MINVALUE', s.seqmin, 'MAXVALUE', s.seqmax, 'START WITH', s.seqstart, 'CACHE', s.seqcache,
                 CASE WHEN s.seqcycle THEN 'CYCLE' ELSE 'NO CYCLE' END),
       json_build_object('owned_by', coalesce((SELECT quote_ident(on_.nspname) || '.' || quote_ident(oc.relname)
                                                      || '.' || quote_ident(oa.attname)
                                               FROM pg_depend d
                                               JOIN pg_class oc ON oc.oid = d.refobjid
                                               JOIN pg_namespace on_ ON on_.oid = oc.relnamespace
                                               JOIN pg_attribute oa ON oa.attrelid = d.refobjid
                                                                   AND oa.attnum = d.refobjsubid
                                               WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                                 AND d.deptype = 'a'), '')),
       NULL::text[], NULL::json
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                  AND d.deptype IN ('a', 'i', 'e'))
ORDER BY 2, 3
