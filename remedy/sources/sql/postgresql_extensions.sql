-- Installed extensions (plpgsql is always there and never expected).
SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY extname
