-- Owners (--with-owners): of each schema, table (partitioned, foreign, partition), view, materialized view,
-- standalone sequence, function, procedure, type and domain. A sequence linked to a column (serial, identity,
-- OWNED BY) follows its table's owner and cannot be given another, so it is left out; so are extension members.
-- The name says what the object is: its own name (a function's with its argument types), "(schema)" for the
-- schema itself; the definition is the owner's name (raw: the renderer quotes it).
WITH ns AS (SELECT oid, nspname, nspowner FROM pg_namespace WHERE nspname = ANY(%(schemas)s)),
ext AS (SELECT objid, classid FROM pg_depend WHERE deptype = 'e'),
owned (on_, nspname, name, relation, args, owner) AS (
  SELECT 'SCHEMA', ns.nspname, '(schema)', '', '', ns.nspowner FROM ns
  UNION ALL
  SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                        WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
         ns.nspname, c.relname, c.relname, '', c.relowner
  FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
    AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = c.oid AND ext.classid = 'pg_class'::regclass)
    AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid
             AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, ns.nspname,
         p.proname || '(' || oidvectortypes(p.proargtypes) || ')', p.proname, oidvectortypes(p.proargtypes), p.proowner
  FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
  WHERE p.prokind IN ('f', 'p')
    AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = p.oid AND ext.classid = 'pg_proc'::regclass)
  UNION ALL
  SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, ns.nspname, t.typname, t.typname, '', t.typowner
  FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
  WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
    AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.objid = t.oid AND ext.classid = 'pg_type'::regclass)
)
SELECT 'owner', nspname, name, CASE WHEN on_ IN ('SCHEMA', 'FUNCTION', 'PROCEDURE') THEN '' ELSE relation END,
       pg_get_userbyid(owner)::text,
       json_build_object('on', on_, 'relation', relation, 'args', args),
       NULL::text[], NULL::json
FROM owned
ORDER BY 2, 3
