-- DomainFlow expected schema: audit log, security events and authorization decisions.

CREATE TABLE audit_logs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    occurred_at timestamptz NOT NULL DEFAULT now(),
    user_id uuid,
    action text NOT NULL,
    entity_type text,
    entity_id uuid,
    details jsonb,
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
    resource_id uuid,
    action_attempted text,
    authorization_result text,
    denial_reason text,
    risk_score integer DEFAULT 0,
    source_ip inet,
    user_agent text,
    request_context jsonb,
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
    conditions_met jsonb,
    decision_time_ms integer,
    context jsonb NOT NULL DEFAULT '{}'::jsonb,
    security_event_id uuid REFERENCES security_events (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_authorization_decisions_user_id ON authorization_decisions (user_id);
CREATE INDEX idx_authorization_decisions_resource ON authorization_decisions (resource_type, resource_id);
