package postgres

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/fntelecomllc/domainflow/backend/internal/models"
	"github.com/fntelecomllc/domainflow/backend/internal/store"
)

// architectureStorePostgres implements store.ArchitectureStore: the service
// metrics, dependencies and refactor history the architecture dashboard shows.
type architectureStorePostgres struct {
	db *sqlx.DB
}

// NewArchitectureStorePostgres returns the PostgreSQL architecture store.
func NewArchitectureStorePostgres(db *sqlx.DB) store.ArchitectureStore {
	return &architectureStorePostgres{db: db}
}

// UpsertServiceMetrics records the latest architecture metrics of a service.
func (s *architectureStorePostgres) UpsertServiceMetrics(ctx context.Context, exec store.Querier, m *models.ServiceArchitectureMetrics) error {
	query := `INSERT INTO service_architecture_metrics
			(id, service_name, architecture_pattern, interface_type, coupling_score, dependency_count,
			 deployment_complexity_score, last_refactor_date, performance_impact, contract_violations,
			 created_at, updated_at)
		VALUES
			(:id, :service_name, :architecture_pattern, :interface_type, :coupling_score, :dependency_count,
			 :deployment_complexity_score, :last_refactor_date, :performance_impact, :contract_violations,
			 NOW(), NOW())
		ON CONFLICT (service_name) DO UPDATE SET
			architecture_pattern = EXCLUDED.architecture_pattern,
			interface_type = EXCLUDED.interface_type,
			coupling_score = EXCLUDED.coupling_score,
			dependency_count = EXCLUDED.dependency_count,
			deployment_complexity_score = EXCLUDED.deployment_complexity_score,
			performance_impact = EXCLUDED.performance_impact,
			contract_violations = EXCLUDED.contract_violations,
			updated_at = NOW()`
	_, err := sqlx.NamedExecContext(ctx, exec, query, m)
	return wrap("upsert service metrics", err)
}

// RecordDependency records (or refreshes) one service-to-service dependency.
func (s *architectureStorePostgres) RecordDependency(ctx context.Context, exec store.Querier, d *models.ServiceDependency) error {
	_, err := exec.ExecContext(ctx, `INSERT INTO service_dependencies
			(id, source_service, target_service, dependency_type, interface_contract, reliability_score,
			 latency_p95, failure_count, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NOW(), NOW())
		ON CONFLICT (source_service, target_service, dependency_type) DO UPDATE SET
			interface_contract = EXCLUDED.interface_contract,
			reliability_score = EXCLUDED.reliability_score,
			latency_p95 = EXCLUDED.latency_p95,
			failure_count = service_dependencies.failure_count + EXCLUDED.failure_count,
			updated_at = NOW()`,
		d.ID, d.SourceService, d.TargetService, d.DependencyType, d.InterfaceContract, d.ReliabilityScore,
		d.LatencyP95, d.FailureCount)
	return wrap("record dependency", err)
}

// LogRefactor appends to the refactor history of a service.
func (s *architectureStorePostgres) LogRefactor(ctx context.Context, exec store.Querier, r *models.ArchitectureRefactorLog) error {
	query := `INSERT INTO architecture_refactor_log
			(id, service_name, refactor_type, before_pattern, after_pattern, complexity_reduction,
			 performance_impact, rollback_plan, implemented_by, implemented_at, created_at)
		VALUES
			(:id, :service_name, :refactor_type, :before_pattern, :after_pattern, :complexity_reduction,
			 :performance_impact, :rollback_plan, :implemented_by, :implemented_at, NOW())`
	_, err := sqlx.NamedExecContext(ctx, exec, query, r)
	return wrap("log refactor", err)
}

// RecordCommunicationPattern stores one observed service-to-service traffic sample.
func (s *architectureStorePostgres) RecordCommunicationPattern(ctx context.Context, exec store.Querier, p *models.CommunicationPattern) error {
	query := `INSERT INTO communication_patterns
			(id, source_service, target_service, communication_type, protocol, message_format,
			 avg_latency_ms, success_rate, throughput_rps, error_rate, retry_count, timeout_ms,
			 created_at, updated_at)
		VALUES
			(:id, :source_service, :target_service, :communication_type, :protocol, :message_format,
			 :avg_latency_ms, :success_rate, :throughput_rps, :error_rate, :retry_count, :timeout_ms,
			 NOW(), NOW())`
	_, err := sqlx.NamedExecContext(ctx, exec, query, p)
	return wrap("record communication pattern", err)
}

// RecordCapacity stores one capacity sample of a service.
func (s *architectureStorePostgres) RecordCapacity(ctx context.Context, exec store.Querier, c *models.ServiceCapacityMetrics) error {
	_, err := exec.ExecContext(ctx, `INSERT INTO service_capacity_metrics
			(id, service_name, cpu_utilization, memory_utilization, instance_count, max_instances,
			 min_instances, scaling_policy, last_scaling_event, recorded_at, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NOW())`,
		c.ID, c.ServiceName, c.CPUUtilization, c.MemoryUtilization, c.InstanceCount, c.MaxInstances,
		c.MinInstances, c.ScalingPolicy, c.LastScalingEvent, c.RecordedAt)
	return wrap("record capacity", err)
}

// ServiceHealth joins each service's metrics with its latest capacity sample and
// its outgoing dependencies, for the dashboard overview.
func (s *architectureStorePostgres) ServiceHealth(ctx context.Context, exec store.Querier, since time.Time) ([]models.ServiceHealth, error) {
	out := []models.ServiceHealth{}
	err := sqlx.SelectContext(ctx, exec, &out, `
		WITH latest_capacity AS (
			SELECT DISTINCT ON (service_name) service_name, cpu_utilization, memory_utilization, instance_count
			FROM service_capacity_metrics
			WHERE recorded_at >= $1
			ORDER BY service_name, recorded_at DESC
		), outgoing AS (
			SELECT source_service, COUNT(*) AS dependencies, SUM(failure_count) AS failures
			FROM service_dependencies
			GROUP BY source_service
		)
		SELECT m.service_name, m.architecture_pattern, m.coupling_score, m.contract_violations,
		       lc.cpu_utilization, lc.memory_utilization, lc.instance_count,
		       COALESCE(o.dependencies, 0) AS dependencies, COALESCE(o.failures, 0) AS failures
		FROM service_architecture_metrics m
		LEFT JOIN latest_capacity lc ON lc.service_name = m.service_name
		LEFT JOIN outgoing o ON o.source_service = m.service_name
		ORDER BY m.service_name`, since)
	return out, wrap("service health", err)
}

// SlowestLinks lists the communication links with the worst latency.
func (s *architectureStorePostgres) SlowestLinks(ctx context.Context, exec store.Querier, limit int) ([]models.CommunicationPattern, error) {
	out := []models.CommunicationPattern{}
	err := sqlx.SelectContext(ctx, exec, &out, `SELECT source_service, target_service, protocol,
			avg_latency_ms, error_rate, throughput_rps
		FROM communication_patterns
		ORDER BY avg_latency_ms DESC NULLS LAST
		LIMIT $1`, clampLimit(limit))
	return out, wrap("slowest links", err)
}

// RefactorHistory lists the refactors of a service, newest first.
func (s *architectureStorePostgres) RefactorHistory(ctx context.Context, exec store.Querier, service string) ([]models.ArchitectureRefactorLog, error) {
	out := []models.ArchitectureRefactorLog{}
	err := sqlx.SelectContext(ctx, exec, &out, `SELECT id, refactor_type, before_pattern, after_pattern,
			complexity_reduction, performance_impact, implemented_at
		FROM architecture_refactor_log
		WHERE service_name = $1
		ORDER BY created_at DESC`, service)
	return out, wrap("refactor history", err)
}
