-- The roles of the server (roles are server-wide): a grant to a role that does not exist cannot be compared
-- or planned, and is said so rather than reported as missing.
SELECT 'role', '', rolname, '', '', json_build_object(), ARRAY[]::text[], '[]'::json
FROM pg_roles
ORDER BY 3
