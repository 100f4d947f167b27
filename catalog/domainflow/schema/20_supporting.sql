-- DomainFlow expected schema: personas, proxies, keyword sets and proxy pools,
-- and the foreign keys the campaign tables hold on them.

CREATE TABLE personas (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    persona_type persona_type_enum NOT NULL,
    description text,
    config_details jsonb NOT NULL,
    is_enabled boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_personas_name_type UNIQUE (name, persona_type)
);

CREATE INDEX idx_personas_type ON personas (persona_type);

CREATE TABLE proxies (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL UNIQUE,
    description text,
    address text NOT NULL UNIQUE,
    protocol proxy_protocol_enum NOT NULL,
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
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_proxies_port CHECK (port > 0 AND port < 65536)
);

CREATE INDEX idx_proxies_is_enabled ON proxies (is_enabled);

CREATE TABLE keyword_sets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL UNIQUE,
    description text,
    is_enabled boolean NOT NULL DEFAULT true,
    rules jsonb NOT NULL DEFAULT '[]'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE keyword_rules (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    keyword_set_id uuid NOT NULL REFERENCES keyword_sets (id) ON DELETE CASCADE,
    pattern text NOT NULL,
    rule_type keyword_rule_type_enum NOT NULL,
    is_case_sensitive boolean NOT NULL DEFAULT false,
    category text,
    context_chars integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_keyword_rules_keyword_set_id ON keyword_rules (keyword_set_id);

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
    weight integer NOT NULL DEFAULT 1,
    is_active boolean NOT NULL DEFAULT true,
    added_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fk_proxy_pool_memberships_proxy FOREIGN KEY (proxy_id) REFERENCES proxies (id) ON DELETE CASCADE,
    CONSTRAINT uq_proxy_pool_memberships_pool_proxy UNIQUE (pool_id, proxy_id)
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
