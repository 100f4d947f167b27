-- The DomainFlow database as it really is in production: the live schema has
-- drifted from what the backend code expects (catalog/domainflow/schema/*.sql).
-- Loaded by `remedy demo`. Every difference from the catalog is intentional and
-- listed in EXPECTED_DRIFT.md; everything else is identical to the catalog.

CREATE TYPE campaign_type_enum AS ENUM ('domain_generation', 'dns_validation', 'http_keyword_validation');

CREATE TYPE campaign_status_enum AS ENUM (
    'pending', 'queued', 'running', 'pausing', 'paused', 'completed', 'failed', 'archived', 'cancelled'
);

CREATE TYPE job_status_enum AS ENUM ('pending', 'queued', 'running', 'processing', 'completed', 'failed', 'retry');

CREATE TYPE persona_type_enum AS ENUM ('dns', 'http');

CREATE TYPE proxy_protocol_enum AS ENUM ('http', 'https', 'socks5', 'socks4');

CREATE TYPE keyword_rule_type_enum AS ENUM ('string', 'regex');

CREATE TABLE campaigns (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    campaign_type campaign_type_enum NOT NULL,
    status campaign_status_enum NOT NULL DEFAULT 'pending',
    user_id uuid,
    total_items bigint DEFAULT 0,
    processed_items bigint DEFAULT 0,
    successful_items bigint DEFAULT 0,
    failed_items bigint DEFAULT 0,
    progress_percentage double precision DEFAULT 0,
    metadata jsonb,
    error_message text,
    started_at timestamptz,
    completed_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_campaigns_status ON campaigns (status);
CREATE INDEX idx_campaigns_type ON campaigns (campaign_type);
CREATE INDEX idx_campaigns_user_id ON campaigns (user_id);
CREATE INDEX idx_campaigns_created_at ON campaigns (created_at);
CREATE INDEX idx_campaigns_metadata_gin ON campaigns USING gin (metadata);

CREATE TABLE domain_generation_campaign_params (
    campaign_id uuid PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
    pattern_type text NOT NULL,
    variable_length integer,
    character_set text,
    constant_string text,
    tld text NOT NULL,
    num_domains_to_generate integer NOT NULL,
    total_possible_combinations bigint NOT NULL,
    current_offset bigint NOT NULL DEFAULT 0,
    CONSTRAINT ck_dgcp_num_domains CHECK (num_domains_to_generate > 0)
);

CREATE TABLE generated_domains (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    domain_generation_campaign_id uuid NOT NULL,
    domain_name text NOT NULL,
    source_keyword text,
    source_pattern text,
    tld text,
    offset_index bigint NOT NULL DEFAULT 0,
    generated_at timestamptz NOT NULL DEFAULT now(),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_generated_domains_campaign_name UNIQUE (domain_generation_campaign_id, domain_name)
);

CREATE INDEX idx_generated_domains_campaign_offset ON generated_domains (domain_generation_campaign_id, offset_index);
CREATE INDEX idx_generated_domains_name ON generated_domains (domain_name);

CREATE TABLE dns_validation_params (
    campaign_id uuid PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
    source_generation_campaign_id uuid REFERENCES campaigns (id) ON DELETE SET NULL,
    persona_ids text NOT NULL,
    rotation_interval_seconds integer DEFAULT 0,
    processing_speed_per_minute integer DEFAULT 0,
    batch_size integer DEFAULT 50,
    retry_attempts integer DEFAULT 1,
    metadata jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_dns_params_batch_size CHECK (batch_size > 0)
);

CREATE TABLE dns_validation_results (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    dns_campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    generated_domain_id uuid REFERENCES generated_domains (id) ON DELETE SET NULL,
    domain_name text NOT NULL,
    validation_status text NOT NULL,
    dns_records jsonb,
    validated_by_persona_id uuid,
    attempts integer DEFAULT 0,
    last_checked_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_dns_results_campaign_domain UNIQUE (dns_campaign_id, domain_name)
);

CREATE INDEX idx_dns_results_generated_domain ON dns_validation_results (generated_domain_id);

CREATE TABLE http_keyword_campaign_params (
    campaign_id uuid PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
    source_campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    source_type text NOT NULL,
    keyword_set_ids text,
    ad_hoc_keywords text[],
    persona_ids text NOT NULL,
    proxy_pool_id uuid,
    proxy_selection_strategy text,
    rotation_interval_seconds integer DEFAULT 0,
    processing_speed_per_minute integer DEFAULT 0,
    batch_size integer DEFAULT 10,
    retry_attempts integer DEFAULT 1,
    target_http_ports integer[],
    metadata jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE http_keyword_results (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    http_keyword_campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    dns_result_id uuid REFERENCES dns_validation_results (id) ON DELETE SET NULL,
    domain_name text NOT NULL,
    validation_status text NOT NULL,
    http_status_code integer,
    response_headers jsonb,
    page_title text,
    validated_by_persona_id uuid,
    used_proxy_id uuid,
    attempts integer DEFAULT 0,
    last_checked_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_http_results_campaign_domain UNIQUE (http_keyword_campaign_id, domain_name)
);

CREATE INDEX idx_http_results_status ON http_keyword_results (validation_status);

CREATE TABLE campaign_jobs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    campaign_type text NOT NULL,
    status job_status_enum NOT NULL DEFAULT 'pending',
    scheduled_at timestamptz NOT NULL DEFAULT now(),
    payload jsonb,
    attempts integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL DEFAULT 3,
    last_error text,
    worker_id text,
    next_execution_at timestamptz,
    locked_at timestamptz,
    locked_by text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_campaign_jobs_attempts CHECK (attempts >= 0),
    CONSTRAINT ck_campaign_jobs_max_attempts CHECK (max_attempts > 0)
);

CREATE INDEX idx_campaign_jobs_campaign_id ON campaign_jobs (campaign_id);
CREATE INDEX idx_campaign_jobs_claimable ON campaign_jobs (next_execution_at) WHERE status = 'queued';

CREATE TABLE personas (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    persona_type persona_type_enum NOT NULL,
    description text,
    config_details jsonb NOT NULL,
    is_enabled boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_personas_type ON personas (persona_type);

CREATE TABLE proxies (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL UNIQUE,
    description text,
    address text NOT NULL UNIQUE,
    protocol proxy_protocol_enum,
    username text,
    password_hash text,
    host text,
    port integer,
    is_enabled boolean NOT NULL DEFAULT true,
    is_healthy boolean NOT NULL DEFAULT true,
    last_status text,
    last_checked_at timestamptz,
    latency_ms integer,
    city text,
    country_code text,
    provider text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_proxies_is_enabled ON proxies (is_enabled);

CREATE TABLE keyword_sets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL UNIQUE,
    description text,
    is_enabled boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE proxy_pools (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL UNIQUE,
    description text,
    pool_strategy text DEFAULT 'round_robin',
    health_check_enabled boolean DEFAULT true,
    health_check_interval_seconds integer DEFAULT 60,
    max_retries integer DEFAULT 3,
    timeout_seconds integer DEFAULT 30,
    is_enabled boolean DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE proxy_pool_memberships (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    pool_id uuid NOT NULL REFERENCES proxy_pools (id) ON DELETE CASCADE,
    proxy_id uuid NOT NULL,
    weight integer NOT NULL DEFAULT 1
);

CREATE INDEX idx_proxy_pool_memberships_proxy_id ON proxy_pool_memberships (proxy_id);

ALTER TABLE dns_validation_results
    ADD CONSTRAINT fk_dns_results_persona FOREIGN KEY (validated_by_persona_id)
    REFERENCES personas (id) ON DELETE SET NULL;

ALTER TABLE http_keyword_campaign_params
    ADD CONSTRAINT fk_http_params_proxy_pool FOREIGN KEY (proxy_pool_id)
    REFERENCES proxy_pools (id) ON DELETE SET NULL;

ALTER TABLE http_keyword_results
    ADD CONSTRAINT fk_http_results_persona FOREIGN KEY (validated_by_persona_id)
    REFERENCES personas (id) ON DELETE SET NULL;

ALTER TABLE http_keyword_results
    ADD CONSTRAINT fk_http_results_proxy FOREIGN KEY (used_proxy_id)
    REFERENCES proxies (id) ON DELETE SET NULL;

CREATE TABLE audit_logs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    occurred_at timestamptz NOT NULL DEFAULT now(),
    user_id uuid,
    action text NOT NULL,
    entity_type text,
    entity_id text,
    details json,
    client_ip inet,
    user_agent text,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_audit_logs_occurred_at ON audit_logs (occurred_at);
CREATE INDEX idx_audit_logs_user_id ON audit_logs (user_id);
CREATE INDEX idx_audit_logs_entity ON audit_logs (entity_type, entity_id);

CREATE TABLE security_events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_type text NOT NULL,
    user_id uuid,
    session_id text,
    campaign_id uuid REFERENCES campaigns (id) ON DELETE SET NULL,
    resource_type text,
    resource_id text,
    action_attempted text,
    authorization_result text,
    denial_reason text,
    risk_score integer DEFAULT 0,
    source_ip inet,
    user_agent text,
    request_context text,
    audit_log_id uuid REFERENCES audit_logs (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_security_events_risk_score CHECK (risk_score >= 0 AND risk_score <= 100)
);

CREATE INDEX idx_security_events_user_id ON security_events (user_id);
CREATE INDEX idx_security_events_type_created ON security_events (event_type, created_at);

CREATE TABLE authorization_decisions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    decision_id text NOT NULL UNIQUE,
    user_id uuid NOT NULL,
    resource_type text NOT NULL,
    resource_id text NOT NULL,
    action text NOT NULL,
    decision text NOT NULL,
    policy_version text,
    evaluated_policies text[],
    conditions_met text,
    decision_time_ms integer,
    context json NOT NULL DEFAULT '{}'::json,
    security_event_id uuid REFERENCES security_events (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_authorization_decisions_user_id ON authorization_decisions (user_id);
CREATE INDEX idx_authorization_decisions_resource ON authorization_decisions (resource_type, resource_id);

-- Rows: a small but realistic DomainFlow installation.

INSERT INTO personas (id, name, persona_type, description, config_details, is_enabled, created_at, updated_at) VALUES
('a0000000-0000-4000-8000-000000000001', 'Cloudflare resolvers', 'dns', 'Public DoH resolvers, 2 s timeout', '{"resolvers": ["1.1.1.1", "1.0.0.1"], "useSystemResolvers": false, "queryTimeoutSeconds": 2, "maxDomainsPerRequest": 50, "resolverStrategy": "round_robin"}', true, '2026-09-02 08:14:00+00', '2026-09-02 08:14:00+00'),
('a0000000-0000-4000-8000-000000000002', 'Google + Quad9 resolvers', 'dns', 'Fallback resolver mix', '{"resolvers": ["8.8.8.8", "9.9.9.9"], "useSystemResolvers": false, "queryTimeoutSeconds": 3, "maxDomainsPerRequest": 25, "resolverStrategy": "random"}', true, '2026-09-02 08:20:00+00', '2026-10-11 16:02:00+00'),
('a0000000-0000-4000-8000-000000000003', 'Chrome 128 desktop', 'http', 'Desktop browser fingerprint', '{"userAgent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/128.0", "headers": {"Accept-Language": "en-US,en;q=0.9"}, "requestTimeoutSeconds": 15, "followRedirects": true}', true, '2026-09-03 10:00:00+00', '2026-09-03 10:00:00+00'),
('a0000000-0000-4000-8000-000000000004', 'Safari iOS 17', 'http', 'Mobile browser fingerprint', '{"userAgent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1", "headers": {"Accept-Language": "en-GB"}, "requestTimeoutSeconds": 20, "followRedirects": true}', false, '2026-09-03 10:05:00+00', '2026-11-01 09:30:00+00');

INSERT INTO proxies (id, name, description, address, protocol, username, password_hash, host, port, is_enabled, is_healthy, last_status, last_checked_at, latency_ms, city, country_code, provider, created_at, updated_at) VALUES
('b0000000-0000-4000-8000-000000000001', 'fra-dc-01', 'Frankfurt datacenter', 'http://10.20.0.11:3128', 'http', NULL, NULL, '10.20.0.11', 3128, true, true, 'ok', '2026-11-26 07:55:00+00', 42, 'Frankfurt', 'DE', 'hetzner', '2026-09-05 12:00:00+00', '2026-11-26 07:55:00+00'),
('b0000000-0000-4000-8000-000000000002', 'fra-dc-02', 'Frankfurt datacenter', 'http://10.20.0.12:3128', 'http', NULL, NULL, '10.20.0.12', 3128, true, true, 'ok', '2026-11-26 07:55:00+00', 47, 'Frankfurt', 'DE', 'hetzner', '2026-09-05 12:00:00+00', '2026-11-26 07:55:00+00'),
('b0000000-0000-4000-8000-000000000003', 'ams-res-01', 'Amsterdam residential', 'socks5://proxy.ams.example.net:1080', 'socks5', 'df_scraper', '$2a$10$Qe8rJ0vZ1dQK7m2c9yG3He', 'proxy.ams.example.net', 1080, true, false, 'timeout', '2026-11-26 07:55:00+00', NULL, 'Amsterdam', 'NL', 'brightdata', '2026-09-08 09:40:00+00', '2026-11-26 07:55:00+00'),
('b0000000-0000-4000-8000-000000000004', 'nyc-dc-01', 'New York datacenter', 'https://nyc1.proxy.example.com:8443', 'https', 'df_scraper', '$2a$10$7hTq0bK1sLw4Xc8dP2nA5u', 'nyc1.proxy.example.com', 8443, true, true, 'ok', '2026-11-26 07:56:00+00', 88, 'New York', 'US', 'oxylabs', '2026-09-10 14:10:00+00', '2026-11-26 07:56:00+00'),
('b0000000-0000-4000-8000-000000000005', 'legacy-sg-01', 'Retired Singapore node', 'http://10.40.3.9:8080', 'http', NULL, NULL, '10.40.3.9', 8080, false, false, 'disabled', '2026-10-01 00:00:00+00', NULL, 'Singapore', 'SG', 'vultr', '2026-09-01 07:00:00+00', '2026-10-01 00:00:00+00');

INSERT INTO proxy_pools (id, name, description, pool_strategy, health_check_enabled, health_check_interval_seconds, max_retries, timeout_seconds, is_enabled, created_at, updated_at) VALUES
('d0000000-0000-4000-8000-000000000001', 'EU datacenter', 'Frankfurt and Amsterdam exits', 'round_robin', true, 60, 3, 30, true, '2026-09-12 10:00:00+00', '2026-09-12 10:00:00+00'),
('d0000000-0000-4000-8000-000000000002', 'US mixed', 'New York exits, weighted', 'weighted', true, 120, 2, 45, true, '2026-09-12 10:05:00+00', '2026-10-20 13:45:00+00'),
('d0000000-0000-4000-8000-000000000003', 'Legacy APAC', 'Kept for reference', 'random', false, 300, 1, 60, false, '2026-09-12 10:10:00+00', '2026-10-01 00:00:00+00');

INSERT INTO proxy_pool_memberships (id, pool_id, proxy_id, weight) VALUES
('40000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000001', 1),
('40000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000002', 1),
('40000000-0000-4000-8000-000000000003', 'd0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000003', 2),
('40000000-0000-4000-8000-000000000004', 'd0000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000004', 5),
('40000000-0000-4000-8000-000000000005', 'd0000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000005', 1);

INSERT INTO keyword_sets (id, name, description, is_enabled, created_at, updated_at) VALUES
('e0000000-0000-4000-8000-000000000001', 'SaaS signals', 'Pricing and signup pages', true, '2026-09-15 09:00:00+00', '2026-09-15 09:00:00+00'),
('e0000000-0000-4000-8000-000000000002', 'Parked domain markers', 'Registrar parking pages', true, '2026-09-15 09:10:00+00', '2026-10-02 11:20:00+00'),
('e0000000-0000-4000-8000-000000000003', 'Fintech compliance', 'Regulatory wording', false, '2026-09-16 15:30:00+00', '2026-09-16 15:30:00+00');

INSERT INTO campaigns (id, name, campaign_type, status, user_id, total_items, processed_items, successful_items, failed_items, progress_percentage, metadata, error_message, started_at, completed_at, created_at, updated_at) VALUES
('c0000000-0000-4000-8000-000000000001', 'Tech startup names .com', 'domain_generation', 'completed', '90000000-0000-4000-8000-000000000001', 10, 10, 10, 0, 100, '{"owner": "growth", "tags": ["startup", "com"]}', NULL, '2026-10-01 09:00:00+00', '2026-10-01 09:02:11+00', '2026-10-01 08:58:00+00', '2026-10-01 09:02:11+00'),
('c0000000-0000-4000-8000-000000000002', 'Fintech brandables .io', 'domain_generation', 'running', '90000000-0000-4000-8000-000000000001', 5000, 6, 6, 0, 0.12, '{"owner": "growth", "tags": ["fintech", "io"]}', NULL, '2026-11-20 14:00:00+00', NULL, '2026-11-20 13:55:00+00', '2026-11-26 07:00:00+00'),
('c0000000-0000-4000-8000-000000000003', 'Health keywords .net', 'domain_generation', 'paused', '90000000-0000-4000-8000-000000000002', 2000, 0, 0, 0, 0, '{"owner": "seo"}', NULL, NULL, NULL, '2026-11-22 10:00:00+00', '2026-11-22 10:00:00+00'),
('c0000000-0000-4000-8000-000000000004', 'DNS check: tech startups', 'dns_validation', 'completed', '90000000-0000-4000-8000-000000000001', 6, 6, 4, 2, 100, '{"source": "c0000000-0000-4000-8000-000000000001"}', NULL, '2026-10-02 08:00:00+00', '2026-10-02 08:00:40+00', '2026-10-02 07:59:00+00', '2026-10-02 08:00:40+00'),
('c0000000-0000-4000-8000-000000000005', 'DNS check: fintech', 'dns_validation', 'running', '90000000-0000-4000-8000-000000000001', 6, 3, 2, 1, 50, NULL, NULL, '2026-11-25 16:00:00+00', NULL, '2026-11-25 15:58:00+00', '2026-11-26 07:10:00+00'),
('c0000000-0000-4000-8000-000000000006', 'HTTP keywords: tech startups', 'http_keyword_validation', 'running', '90000000-0000-4000-8000-000000000001', 4, 3, 2, 1, 75, '{"notify": "slack:#growth"}', NULL, '2026-10-03 09:00:00+00', NULL, '2026-10-03 08:55:00+00', '2026-11-26 07:20:00+00'),
('c0000000-0000-4000-8000-000000000007', 'HTTP keywords: fintech', 'http_keyword_validation', 'failed', '90000000-0000-4000-8000-000000000002', 2, 0, 0, 0, 0, NULL, 'pq: column "found_keywords_from_sets" of relation "http_keyword_results" does not exist', '2026-11-26 06:00:00+00', NULL, '2026-11-26 05:58:00+00', '2026-11-26 06:00:03+00'),
('c0000000-0000-4000-8000-000000000008', 'Archived smoke test', 'domain_generation', 'archived', '90000000-0000-4000-8000-000000000003', 3, 3, 3, 0, 100, NULL, NULL, '2026-09-20 12:00:00+00', '2026-09-20 12:00:01+00', '2026-09-20 11:59:00+00', '2026-09-30 00:00:00+00');

INSERT INTO domain_generation_campaign_params (campaign_id, pattern_type, variable_length, character_set, constant_string, tld, num_domains_to_generate, total_possible_combinations, current_offset) VALUES
('c0000000-0000-4000-8000-000000000001', 'prefix', 3, 'abcdefghijklmnopqrstuvwxyz', 'stack', '.com', 10, 17576, 10),
('c0000000-0000-4000-8000-000000000002', 'suffix', 4, 'abcdefghijklmnopqrstuvwxyz0123456789', 'pay', '.io', 5000, 1679616, 6),
('c0000000-0000-4000-8000-000000000003', 'both', 2, 'aeiou', 'care', '.net', 2000, 625, 0),
('c0000000-0000-4000-8000-000000000008', 'prefix', 1, 'xyz', 'test', '.dev', 3, 3, 3);

INSERT INTO generated_domains (id, domain_generation_campaign_id, domain_name, source_keyword, source_pattern, tld, offset_index, generated_at, created_at) VALUES
('f0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'aaastack.com', 'stack', 'prefix', '.com', 0, '2026-10-01 09:00:01+00', '2026-10-01 09:00:01+00'),
('f0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000001', 'aabstack.com', 'stack', 'prefix', '.com', 1, '2026-10-01 09:00:01+00', '2026-10-01 09:00:01+00'),
('f0000000-0000-4000-8000-000000000003', 'c0000000-0000-4000-8000-000000000001', 'aacstack.com', 'stack', 'prefix', '.com', 2, '2026-10-01 09:00:01+00', '2026-10-01 09:00:01+00'),
('f0000000-0000-4000-8000-000000000004', 'c0000000-0000-4000-8000-000000000001', 'aadstack.com', 'stack', 'prefix', '.com', 3, '2026-10-01 09:00:02+00', '2026-10-01 09:00:02+00'),
('f0000000-0000-4000-8000-000000000005', 'c0000000-0000-4000-8000-000000000001', 'aaestack.com', 'stack', 'prefix', '.com', 4, '2026-10-01 09:00:02+00', '2026-10-01 09:00:02+00'),
('f0000000-0000-4000-8000-000000000006', 'c0000000-0000-4000-8000-000000000001', 'aafstack.com', 'stack', 'prefix', '.com', 5, '2026-10-01 09:00:02+00', '2026-10-01 09:00:02+00'),
('f0000000-0000-4000-8000-000000000007', 'c0000000-0000-4000-8000-000000000002', 'pay0000.io', 'pay', 'suffix', '.io', 0, '2026-11-20 14:00:01+00', '2026-11-20 14:00:01+00'),
('f0000000-0000-4000-8000-000000000008', 'c0000000-0000-4000-8000-000000000002', 'pay0001.io', 'pay', 'suffix', '.io', 1, '2026-11-20 14:00:01+00', '2026-11-20 14:00:01+00'),
('f0000000-0000-4000-8000-000000000009', 'c0000000-0000-4000-8000-000000000002', 'pay0002.io', 'pay', 'suffix', '.io', 2, '2026-11-20 14:00:01+00', '2026-11-20 14:00:01+00'),
('f0000000-0000-4000-8000-000000000010', 'c0000000-0000-4000-8000-000000000002', 'pay0003.io', 'pay', 'suffix', '.io', 3, '2026-11-20 14:00:02+00', '2026-11-20 14:00:02+00'),
('f0000000-0000-4000-8000-000000000011', 'c0000000-0000-4000-8000-000000000002', 'pay0004.io', 'pay', 'suffix', '.io', 4, '2026-11-20 14:00:02+00', '2026-11-20 14:00:02+00'),
('f0000000-0000-4000-8000-000000000012', 'c0000000-0000-4000-8000-000000000002', 'pay0005.io', 'pay', 'suffix', '.io', 5, '2026-11-20 14:00:02+00', '2026-11-20 14:00:02+00'),
('f0000000-0000-4000-8000-000000000013', 'c0000000-0000-4000-8000-000000000008', 'xtest.dev', 'test', 'prefix', '.dev', 0, '2026-09-20 12:00:00+00', '2026-09-20 12:00:00+00'),
('f0000000-0000-4000-8000-000000000014', 'c0000000-0000-4000-8000-000000000008', 'ytest.dev', 'test', 'prefix', '.dev', 1, '2026-09-20 12:00:00+00', '2026-09-20 12:00:00+00'),
('f0000000-0000-4000-8000-000000000015', 'c0000000-0000-4000-8000-000000000008', 'ztest.dev', 'test', 'prefix', '.dev', 2, '2026-09-20 12:00:01+00', '2026-09-20 12:00:01+00');

INSERT INTO dns_validation_params (campaign_id, source_generation_campaign_id, persona_ids, rotation_interval_seconds, processing_speed_per_minute, batch_size, retry_attempts, metadata, created_at, updated_at) VALUES
('c0000000-0000-4000-8000-000000000004', 'c0000000-0000-4000-8000-000000000001', '{a0000000-0000-4000-8000-000000000001,a0000000-0000-4000-8000-000000000002}', 30, 600, 50, 2, '{"recordTypes": ["A", "AAAA", "MX"]}', '2026-10-02 07:59:00+00', '2026-10-02 07:59:00+00'),
('c0000000-0000-4000-8000-000000000005', 'c0000000-0000-4000-8000-000000000002', '{a0000000-0000-4000-8000-000000000001}', 0, 300, 25, 1, NULL, '2026-11-25 15:58:00+00', '2026-11-25 15:58:00+00');

INSERT INTO dns_validation_results (id, dns_campaign_id, generated_domain_id, domain_name, validation_status, dns_records, validated_by_persona_id, attempts, last_checked_at, created_at) VALUES
('10000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000004', 'f0000000-0000-4000-8000-000000000001', 'aaastack.com', 'resolved', '{"A": ["104.21.4.17"], "MX": ["mx1.aaastack.com"]}', 'a0000000-0000-4000-8000-000000000001', 1, '2026-10-02 08:00:05+00', '2026-10-02 08:00:05+00'),
('10000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000004', 'f0000000-0000-4000-8000-000000000002', 'aabstack.com', 'unresolved', NULL, 'a0000000-0000-4000-8000-000000000001', 2, '2026-10-02 08:00:12+00', '2026-10-02 08:00:06+00'),
('10000000-0000-4000-8000-000000000003', 'c0000000-0000-4000-8000-000000000004', 'f0000000-0000-4000-8000-000000000003', 'aacstack.com', 'resolved', '{"A": ["172.67.133.2"]}', 'a0000000-0000-4000-8000-000000000002', 1, '2026-10-02 08:00:07+00', '2026-10-02 08:00:07+00'),
('10000000-0000-4000-8000-000000000004', 'c0000000-0000-4000-8000-000000000004', 'f0000000-0000-4000-8000-000000000004', 'aadstack.com', 'resolved', '{"A": ["185.199.108.153"], "AAAA": ["2606:50c0:8000::153"]}', 'a0000000-0000-4000-8000-000000000001', 1, '2026-10-02 08:00:08+00', '2026-10-02 08:00:08+00'),
('10000000-0000-4000-8000-000000000005', 'c0000000-0000-4000-8000-000000000004', 'f0000000-0000-4000-8000-000000000005', 'aaestack.com', 'error', '{"error": "SERVFAIL"}', 'a0000000-0000-4000-8000-000000000002', 3, '2026-10-02 08:00:30+00', '2026-10-02 08:00:09+00'),
('10000000-0000-4000-8000-000000000006', 'c0000000-0000-4000-8000-000000000004', 'f0000000-0000-4000-8000-000000000006', 'aafstack.com', 'resolved', '{"A": ["76.76.21.21"]}', 'a0000000-0000-4000-8000-000000000001', 1, '2026-10-02 08:00:10+00', '2026-10-02 08:00:10+00'),
('10000000-0000-4000-8000-000000000007', 'c0000000-0000-4000-8000-000000000005', 'f0000000-0000-4000-8000-000000000007', 'pay0000.io', 'resolved', '{"A": ["3.33.152.147"]}', 'a0000000-0000-4000-8000-000000000001', 1, '2026-11-25 16:00:04+00', '2026-11-25 16:00:04+00'),
('10000000-0000-4000-8000-000000000008', 'c0000000-0000-4000-8000-000000000005', 'f0000000-0000-4000-8000-000000000008', 'pay0001.io', 'unresolved', NULL, 'a0000000-0000-4000-8000-000000000001', 2, '2026-11-25 16:00:11+00', '2026-11-25 16:00:05+00'),
('10000000-0000-4000-8000-000000000009', 'c0000000-0000-4000-8000-000000000005', 'f0000000-0000-4000-8000-000000000009', 'pay0002.io', 'resolved', '{"A": ["15.197.142.173"]}', 'a0000000-0000-4000-8000-000000000001', 1, '2026-11-25 16:00:06+00', '2026-11-25 16:00:06+00');

INSERT INTO http_keyword_campaign_params (campaign_id, source_campaign_id, source_type, keyword_set_ids, ad_hoc_keywords, persona_ids, proxy_pool_id, proxy_selection_strategy, rotation_interval_seconds, processing_speed_per_minute, batch_size, retry_attempts, target_http_ports, metadata, created_at, updated_at) VALUES
('c0000000-0000-4000-8000-000000000006', 'c0000000-0000-4000-8000-000000000004', 'DNSValidation', '{e0000000-0000-4000-8000-000000000001,e0000000-0000-4000-8000-000000000002}', '{pricing,"sign up",beta}', '{a0000000-0000-4000-8000-000000000003}', 'd0000000-0000-4000-8000-000000000001', 'round_robin', 60, 120, 10, 2, '{80,443}', '{"captureTitle": true}', '2026-10-03 08:55:00+00', '2026-10-03 08:55:00+00'),
('c0000000-0000-4000-8000-000000000007', 'c0000000-0000-4000-8000-000000000005', 'DNSValidation', '{e0000000-0000-4000-8000-000000000003}', NULL, '{a0000000-0000-4000-8000-000000000003,a0000000-0000-4000-8000-000000000004}', 'd0000000-0000-4000-8000-000000000002', 'weighted', 0, 60, 5, 1, '{443}', NULL, '2026-11-26 05:58:00+00', '2026-11-26 05:58:00+00');

INSERT INTO http_keyword_results (id, http_keyword_campaign_id, dns_result_id, domain_name, validation_status, http_status_code, response_headers, page_title, validated_by_persona_id, used_proxy_id, attempts, last_checked_at, created_at) VALUES
('20000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000006', '10000000-0000-4000-8000-000000000001', 'aaastack.com', 'success', 200, '{"Server": ["cloudflare"], "Content-Type": ["text/html; charset=utf-8"]}', 'AAA Stack: ship faster', 'a0000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000001', 1, '2026-10-03 09:00:04+00', '2026-10-03 09:00:04+00'),
('20000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000006', '10000000-0000-4000-8000-000000000003', 'aacstack.com', 'no_keywords', 200, '{"Server": ["nginx"]}', 'Welcome to nginx!', 'a0000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000002', 1, '2026-10-03 09:00:06+00', '2026-10-03 09:00:06+00'),
('20000000-0000-4000-8000-000000000003', 'c0000000-0000-4000-8000-000000000006', '10000000-0000-4000-8000-000000000004', 'aadstack.com', 'failed', 503, '{"Server": ["GitHub.com"]}', NULL, 'a0000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000003', 3, '2026-10-03 09:01:10+00', '2026-10-03 09:00:07+00');

INSERT INTO campaign_jobs (id, campaign_id, campaign_type, status, scheduled_at, payload, attempts, max_attempts, last_error, worker_id, next_execution_at, locked_at, locked_by, created_at, updated_at) VALUES
('30000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'domain_generation', 'completed', '2026-10-01 08:58:00+00', '{"batchSize": 1000}', 1, 3, NULL, 'worker-01', NULL, NULL, NULL, '2026-10-01 08:58:00+00', '2026-10-01 09:02:11+00'),
('30000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000004', 'dns_validation', 'completed', '2026-10-02 07:59:00+00', '{"batchSize": 50}', 1, 3, NULL, 'worker-02', NULL, NULL, NULL, '2026-10-02 07:59:00+00', '2026-10-02 08:00:40+00'),
('30000000-0000-4000-8000-000000000003', 'c0000000-0000-4000-8000-000000000006', 'http_keyword_validation', 'running', '2026-10-03 08:55:00+00', '{"batchSize": 10, "resumeFromOffset": 3}', 2, 3, 'context deadline exceeded', 'worker-01', '2026-11-26 09:00:00+00', '2026-11-26 07:20:00+00', 'worker-01', '2026-10-03 08:55:00+00', '2026-11-26 07:20:00+00'),
('30000000-0000-4000-8000-000000000004', 'c0000000-0000-4000-8000-000000000002', 'domain_generation', 'queued', '2026-11-20 13:55:00+00', '{"batchSize": 500, "resumeFromOffset": 6}', 0, 3, NULL, NULL, '2026-11-26 08:00:00+00', NULL, NULL, '2026-11-20 13:55:00+00', '2026-11-26 07:00:00+00'),
('30000000-0000-4000-8000-000000000005', 'c0000000-0000-4000-8000-000000000005', 'dns_validation', 'retry', '2026-11-25 15:58:00+00', '{"batchSize": 25}', 1, 5, 'pq: column "business_status" does not exist', 'worker-03', '2026-11-26 08:30:00+00', NULL, NULL, '2026-11-25 15:58:00+00', '2026-11-26 07:10:00+00'),
('30000000-0000-4000-8000-000000000006', 'c0000000-0000-4000-8000-000000000007', 'http_keyword_validation', 'failed', '2026-11-26 05:58:00+00', '{"batchSize": 5}', 3, 3, 'pq: column "found_keywords_from_sets" of relation "http_keyword_results" does not exist', 'worker-02', NULL, NULL, NULL, '2026-11-26 05:58:00+00', '2026-11-26 06:00:03+00'),
('30000000-0000-4000-8000-000000000007', 'c0000000-0000-4000-8000-000000000003', 'domain_generation', 'pending', '2026-11-22 10:00:00+00', '{"batchSize": 500}', 0, 3, NULL, NULL, NULL, NULL, NULL, '2026-11-22 10:00:00+00', '2026-11-22 10:00:00+00'),
('30000000-0000-4000-8000-000000000008', 'c0000000-0000-4000-8000-000000000008', 'domain_generation', 'completed', '2026-09-20 11:59:00+00', '{"batchSize": 3}', 1, 3, NULL, 'worker-01', NULL, NULL, NULL, '2026-09-20 11:59:00+00', '2026-09-20 12:00:01+00');

INSERT INTO audit_logs (id, occurred_at, user_id, action, entity_type, entity_id, details, client_ip, user_agent, created_at) VALUES
('50000000-0000-4000-8000-000000000001', '2026-10-01 08:58:00+00', '90000000-0000-4000-8000-000000000001', 'campaign.create', 'campaign', 'c0000000-0000-4000-8000-000000000001', '{"campaignType": "domain_generation"}', '203.0.113.10', 'DomainFlow-Web/2.3', '2026-10-01 08:58:00+00'),
('50000000-0000-4000-8000-000000000002', '2026-10-02 07:59:00+00', '90000000-0000-4000-8000-000000000001', 'campaign.create', 'campaign', 'c0000000-0000-4000-8000-000000000004', '{"campaignType": "dns_validation"}', '203.0.113.10', 'DomainFlow-Web/2.3', '2026-10-02 07:59:00+00'),
('50000000-0000-4000-8000-000000000003', '2026-10-11 16:02:00+00', '90000000-0000-4000-8000-000000000002', 'persona.update', 'persona', 'a0000000-0000-4000-8000-000000000002', '{"changed": ["config_details"]}', '198.51.100.7', 'curl/8.5.0', '2026-10-11 16:02:00+00'),
('50000000-0000-4000-8000-000000000004', '2026-10-20 13:45:00+00', '90000000-0000-4000-8000-000000000002', 'proxy_pool.update', 'proxy_pool', 'd0000000-0000-4000-8000-000000000002', '{"changed": ["pool_strategy"]}', '198.51.100.7', 'DomainFlow-Web/2.3', '2026-10-20 13:45:00+00'),
('50000000-0000-4000-8000-000000000005', '2026-11-20 13:55:00+00', '90000000-0000-4000-8000-000000000001', 'campaign.create', 'campaign', 'c0000000-0000-4000-8000-000000000002', '{"campaignType": "domain_generation"}', '203.0.113.10', 'DomainFlow-Web/2.4', '2026-11-20 13:55:00+00'),
('50000000-0000-4000-8000-000000000006', '2026-11-26 06:00:03+00', NULL, 'campaign.fail', 'campaign', 'c0000000-0000-4000-8000-000000000007', '{"error": "column found_keywords_from_sets does not exist"}', NULL, 'domainflow-worker', '2026-11-26 06:00:03+00'),
('50000000-0000-4000-8000-000000000007', '2026-11-26 07:40:00+00', '90000000-0000-4000-8000-000000000003', 'auth.login_failed', 'user', '90000000-0000-4000-8000-000000000003', '{"reason": "bad_password", "attempt": 3}', '192.0.2.55', 'Mozilla/5.0', '2026-11-26 07:40:00+00');

INSERT INTO security_events (id, event_type, user_id, session_id, campaign_id, resource_type, resource_id, action_attempted, authorization_result, denial_reason, risk_score, source_ip, user_agent, request_context, audit_log_id, created_at) VALUES
('60000000-0000-4000-8000-000000000001', 'authorization_check', '90000000-0000-4000-8000-000000000001', 'sess_7f3a91', 'c0000000-0000-4000-8000-000000000001', 'campaign', 'c0000000-0000-4000-8000-000000000001', 'campaign:create', 'allowed', NULL, 5, '203.0.113.10', 'DomainFlow-Web/2.3', '{"route": "POST /api/v2/campaigns"}', '50000000-0000-4000-8000-000000000001', '2026-10-01 08:58:00+00'),
('60000000-0000-4000-8000-000000000002', 'authorization_check', '90000000-0000-4000-8000-000000000002', 'sess_1c44e0', NULL, 'persona', 'a0000000-0000-4000-8000-000000000002', 'persona:update', 'allowed', NULL, 10, '198.51.100.7', 'curl/8.5.0', '{"route": "PUT /api/v2/personas/{id}"}', '50000000-0000-4000-8000-000000000003', '2026-10-11 16:02:00+00'),
('60000000-0000-4000-8000-000000000003', 'authorization_check', '90000000-0000-4000-8000-000000000003', 'sess_90bd12', 'c0000000-0000-4000-8000-000000000002', 'campaign', 'c0000000-0000-4000-8000-000000000002', 'campaign:delete', 'denied', 'not the campaign owner', 60, '192.0.2.55', 'Mozilla/5.0', '{"route": "DELETE /api/v2/campaigns/{id}"}', NULL, '2026-11-24 18:30:00+00'),
('60000000-0000-4000-8000-000000000004', 'login_failure', '90000000-0000-4000-8000-000000000003', NULL, NULL, 'user', '90000000-0000-4000-8000-000000000003', 'auth:login', 'denied', 'bad password', 80, '192.0.2.55', 'Mozilla/5.0', '{"attempt": 3}', '50000000-0000-4000-8000-000000000007', '2026-11-26 07:40:00+00');

INSERT INTO authorization_decisions (id, decision_id, user_id, resource_type, resource_id, action, decision, policy_version, evaluated_policies, conditions_met, decision_time_ms, context, security_event_id, created_at) VALUES
('70000000-0000-4000-8000-000000000001', 'dec_20261001_0001', '90000000-0000-4000-8000-000000000001', 'campaign', 'c0000000-0000-4000-8000-000000000001', 'create', 'allow', 'v3', '{rbac.campaign_owner,quota.daily}', '{"role": "editor", "quotaRemaining": 41}', 3, '{"ip": "203.0.113.10"}', '60000000-0000-4000-8000-000000000001', '2026-10-01 08:58:00+00'),
('70000000-0000-4000-8000-000000000002', 'dec_20261011_0007', '90000000-0000-4000-8000-000000000002', 'persona', 'a0000000-0000-4000-8000-000000000002', 'update', 'allow', 'v3', '{rbac.admin}', '{"role": "admin"}', 2, '{}', '60000000-0000-4000-8000-000000000002', '2026-10-11 16:02:00+00'),
('70000000-0000-4000-8000-000000000003', 'dec_20261124_0042', '90000000-0000-4000-8000-000000000003', 'campaign', 'c0000000-0000-4000-8000-000000000002', 'delete', 'deny', 'v3', '{rbac.campaign_owner}', '{"role": "viewer"}', 4, '{"ip": "192.0.2.55", "mfa": false}', '60000000-0000-4000-8000-000000000003', '2026-11-24 18:30:00+00'),
('70000000-0000-4000-8000-000000000004', 'dec_20261126_0003', '90000000-0000-4000-8000-000000000001', 'campaign', 'c0000000-0000-4000-8000-000000000006', 'read', 'allow', 'v4', '{rbac.campaign_owner}', NULL, 1, '{}', NULL, '2026-11-26 07:20:00+00');
