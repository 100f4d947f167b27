-- DomainFlow expected schema: campaigns and their per-type parameters and results.

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
    estimated_completion_at timestamptz,
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
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
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
    CONSTRAINT fk_generated_domains_campaign FOREIGN KEY (domain_generation_campaign_id)
        REFERENCES campaigns (id) ON DELETE CASCADE,
    CONSTRAINT uq_generated_domains_campaign_name UNIQUE (domain_generation_campaign_id, domain_name)
);

CREATE INDEX idx_generated_domains_campaign_offset ON generated_domains (domain_generation_campaign_id, offset_index);
CREATE INDEX idx_generated_domains_name ON generated_domains (domain_name);

CREATE TABLE dns_validation_params (
    campaign_id uuid PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
    source_generation_campaign_id uuid REFERENCES campaigns (id) ON DELETE SET NULL,
    persona_ids uuid[] NOT NULL,
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
    business_status text,
    dns_records jsonb,
    validated_by_persona_id uuid,
    attempts integer DEFAULT 0,
    last_checked_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_dns_results_campaign_domain UNIQUE (dns_campaign_id, domain_name)
);

CREATE INDEX idx_dns_results_validation_status ON dns_validation_results (validation_status);
CREATE INDEX idx_dns_results_generated_domain ON dns_validation_results (generated_domain_id);

CREATE TABLE http_keyword_campaign_params (
    campaign_id uuid PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
    source_campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    source_type text NOT NULL,
    keyword_set_ids uuid[],
    ad_hoc_keywords text[],
    persona_ids uuid[] NOT NULL,
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
    extracted_content_snippet text,
    found_keywords_from_sets jsonb,
    found_ad_hoc_keywords text[],
    content_hash text,
    validated_by_persona_id uuid,
    used_proxy_id uuid,
    attempts integer DEFAULT 0,
    last_checked_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_http_results_campaign_domain UNIQUE (http_keyword_campaign_id, domain_name)
);

CREATE INDEX idx_http_results_status ON http_keyword_results (validation_status);
CREATE INDEX idx_http_results_dns_result ON http_keyword_results (dns_result_id);

CREATE TABLE campaign_jobs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    job_type text NOT NULL,
    status job_status_enum NOT NULL DEFAULT 'pending',
    scheduled_at timestamptz NOT NULL DEFAULT now(),
    job_payload jsonb,
    attempts integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL DEFAULT 3,
    last_error text,
    last_attempted_at timestamptz,
    processing_server_id text,
    next_execution_at timestamptz,
    locked_at timestamptz,
    locked_by text,
    business_status text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ck_campaign_jobs_attempts CHECK (attempts >= 0),
    CONSTRAINT ck_campaign_jobs_max_attempts CHECK (max_attempts > 0)
);

CREATE INDEX idx_campaign_jobs_campaign_id ON campaign_jobs (campaign_id);
CREATE INDEX idx_campaign_jobs_status_next_execution ON campaign_jobs (status, next_execution_at);
CREATE INDEX idx_campaign_jobs_claimable ON campaign_jobs (next_execution_at) WHERE status = 'queued';
