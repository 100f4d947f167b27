-- Installed extensions (plpgsql is always there and never expected).
SELECT extname AS name FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY extname
