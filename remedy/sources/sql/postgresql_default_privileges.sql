-- Default privileges (ALTER DEFAULT PRIVILEGES): what the objects a role creates later are given. One row per
-- (role, schema or '' for the whole database, kind of object, grantee, privilege), as a difference from
-- PostgreSQL's built-in default: a database-wide entry replaces the built-in default (acldefault), so a privilege
-- of the built-in default that it leaves out is a REVOKE row; a schema's entry only adds. Grantee 0 is PUBLIC.
-- defaclobjtype 'S' (sequences) is acldefault's 's' ('S' is a foreign server there).
WITH d AS (
  SELECT d.oid, d.defaclrole, d.defaclnamespace, d.defaclobjtype, d.defaclacl, coalesce(n.nspname, '') AS nspname,
         CASE d.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS'
                              WHEN 'T' THEN 'TYPES' WHEN 'n' THEN 'SCHEMAS' END AS objects
  FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
  WHERE d.defaclnamespace = 0 OR n.nspname = ANY(%(schemas)s)
),
have AS (SELECT d.oid, e.grantee, e.privilege_type, e.is_grantable FROM d CROSS JOIN LATERAL aclexplode(d.defaclacl) e),
builtin AS (
  SELECT d.oid, e.grantee, e.privilege_type, e.is_grantable FROM d
  CROSS JOIN LATERAL aclexplode(acldefault(CASE d.defaclobjtype WHEN 'S' THEN 's' ELSE d.defaclobjtype END,
                                           d.defaclrole)) e
  WHERE d.defaclnamespace = 0
),
differs (oid, grantee, privilege, action) AS (
  SELECT h.oid, h.grantee, h.privilege_type, CASE WHEN h.is_grantable THEN 'GRANT OPTION' ELSE 'GRANT' END
  FROM have h WHERE NOT EXISTS (SELECT 1 FROM builtin b WHERE b.oid = h.oid AND b.grantee = h.grantee
                                  AND b.privilege_type = h.privilege_type AND b.is_grantable = h.is_grantable)
  UNION ALL
  SELECT b.oid, b.grantee, b.privilege_type, 'REVOKE'
  FROM builtin b WHERE NOT EXISTS (SELECT 1 FROM have h WHERE h.oid = b.oid AND h.grantee = b.grantee
                                     AND h.privilege_type = b.privilege_type)
),
named AS (
  SELECT d.nspname, d.objects, x.privilege, x.action, pg_get_userbyid(d.defaclrole)::text AS role,
         CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee)::text END AS grantee
  FROM differs x JOIN d ON d.oid = x.oid
)
SELECT 'default_privilege', nspname, role || ' ' || objects || ' ' || privilege || ' to ' || grantee, '',
       CASE WHEN action = 'REVOKE' THEN 'REVOKE ' || privilege || ' ON ' || objects || ' FROM ' || grantee
            ELSE 'GRANT ' || privilege || ' ON ' || objects || ' TO ' || grantee
                 || CASE WHEN action = 'GRANT OPTION' THEN ' WITH GRANT OPTION' ELSE '' END END,
       json_build_object('role', role, 'objects', objects, 'privilege', privilege, 'grantee', grantee,
                         'action', action),
       NULL::text[], NULL::json
FROM named
ORDER BY 2, 3
