-- DomainFlow expected schema: architecture monitoring and metrics.

CREATE TABLE service_architecture_metrics (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    service_name text NOT NULL UNIQUE,
    architecture_pattern text NOT NULL,
    interface_type text NOT NULL,
    coupling_score numeric(5,2),
    dependency_count integer NOT NULL DEFAULT 0,
    deployment_complexity_score integer,
    last_refactor_date timestamptz,
    performance_impact numeric(8,2),
    contract_violations integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE service_dependencies (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    source_service text NOT NULL,
    target_service text NOT NULL,
    dependency_type text NOT NULL,
    interface_contract jsonb,
    reliability_score numeric(5,2),
    latency_p95 numeric(10,2),
    failure_count integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_service_dependencies UNIQUE (source_service, target_service, dependency_type)
);

CREATE INDEX idx_service_dependencies_target ON service_dependencies (target_service);

CREATE TABLE architecture_refactor_log (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    service_name text NOT NULL,
    refactor_type text NOT NULL,
    before_pattern text,
    after_pattern text,
    complexity_reduction integer,
    performance_impact numeric(8,2),
    rollback_plan text,
    implemented_by uuid,
    implemented_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_architecture_refactor_log_service ON architecture_refactor_log (service_name, created_at);

CREATE TABLE communication_patterns (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    source_service text NOT NULL,
    target_service text NOT NULL,
    communication_type text NOT NULL,
    protocol text NOT NULL,
    message_format text,
    avg_latency_ms numeric(10,2),
    success_rate numeric(5,2),
    throughput_rps numeric(10,2),
    error_rate numeric(5,2),
    retry_count integer NOT NULL DEFAULT 0,
    timeout_ms integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_communication_patterns_services ON communication_patterns (source_service, target_service);

CREATE TABLE service_capacity_metrics (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    service_name text NOT NULL,
    cpu_utilization numeric(5,2),
    memory_utilization numeric(5,2),
    instance_count integer NOT NULL DEFAULT 1,
    max_instances integer,
    min_instances integer,
    scaling_policy jsonb,
    last_scaling_event timestamptz,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idx_service_capacity_metrics_service ON service_capacity_metrics (service_name, recorded_at);
