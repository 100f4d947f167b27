-- DomainFlow expected schema: enumerated types.
-- gen_random_uuid() is built into PostgreSQL 13+, so no extension is required.

CREATE TYPE campaign_type_enum AS ENUM ('domain_generation', 'dns_validation', 'http_keyword_validation');

CREATE TYPE campaign_status_enum AS ENUM (
    'pending', 'queued', 'running', 'pausing', 'paused', 'completed', 'failed', 'archived', 'cancelled'
);

CREATE TYPE job_status_enum AS ENUM ('pending', 'queued', 'running', 'processing', 'completed', 'failed', 'retry');

CREATE TYPE persona_type_enum AS ENUM ('dns', 'http');

CREATE TYPE proxy_protocol_enum AS ENUM ('http', 'https', 'socks5', 'socks4');

CREATE TYPE keyword_rule_type_enum AS ENUM ('string', 'regex');
