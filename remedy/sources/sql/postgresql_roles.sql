-- The roles of the server (roles are server-wide): a grant to a role that does not exist cannot be compared
-- or planned, and is said so rather than reported as missing.
-- The role that reads is marked: catalog init writes an owner only where it differs from the role that snapshots.
SELECT 'role', '', rolname, '', '', json_build_object('current', CASE WHEN rolname = current_user THEN 'yes' ELSE '' END),
       NULL::text[], NULL::json
FROM pg_roles
ORDER BY 3
