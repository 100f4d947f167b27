package postgres

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jmoiron/sqlx"

	"github.com/fntelecomllc/domainflow/backend/internal/models"
	"github.com/fntelecomllc/domainflow/backend/internal/store"
)

// securityStorePostgres implements store.SecurityStore: the audit log, security
// events and the authorization decisions behind them.
type securityStorePostgres struct {
	db *sqlx.DB
}

// NewSecurityStorePostgres returns the PostgreSQL security store.
func NewSecurityStorePostgres(db *sqlx.DB) store.SecurityStore {
	return &securityStorePostgres{db: db}
}

// CreateAuditLog records one user action.
func (s *securityStorePostgres) CreateAuditLog(ctx context.Context, exec store.Querier, entry *models.AuditLog) error {
	query := `INSERT INTO audit_logs (id, occurred_at, user_id, action, entity_type, entity_id, details,
			client_ip, user_agent, created_at)
		VALUES (:id, :occurred_at, :user_id, :action, :entity_type, :entity_id, :details,
			:client_ip, :user_agent, :created_at)`
	_, err := sqlx.NamedExecContext(ctx, exec, query, entry)
	return wrap("create audit log", err)
}

// ListAuditLogsForEntity returns the history of one entity, newest first.
func (s *securityStorePostgres) ListAuditLogsForEntity(ctx context.Context, exec store.Querier, entityType string, entityID uuid.UUID, limit int) ([]models.AuditLog, error) {
	logs := []models.AuditLog{}
	err := sqlx.SelectContext(ctx, exec, &logs, `SELECT id, occurred_at, user_id, action, entity_type, entity_id,
			details, client_ip, user_agent
		FROM audit_logs
		WHERE entity_type = $1 AND entity_id = $2
		ORDER BY occurred_at DESC
		LIMIT $3`, entityType, entityID, clampLimit(limit))
	return logs, wrap("list audit logs", err)
}

// CreateSecurityEvent records an authorization check or a suspicious request.
func (s *securityStorePostgres) CreateSecurityEvent(ctx context.Context, exec store.Querier, event *models.SecurityEvent) error {
	query := `INSERT INTO security_events
			(id, event_type, user_id, session_id, campaign_id, resource_type, resource_id, action_attempted,
			 authorization_result, denial_reason, risk_score, source_ip, user_agent, request_context,
			 audit_log_id, created_at)
		VALUES
			(:id, :event_type, :user_id, :session_id, :campaign_id, :resource_type, :resource_id, :action_attempted,
			 :authorization_result, :denial_reason, :risk_score, :source_ip, :user_agent, :request_context,
			 :audit_log_id, :created_at)`
	_, err := sqlx.NamedExecContext(ctx, exec, query, event)
	return wrap("create security event", err)
}

// HighRiskEvents lists recent events at or above a risk score, with the audit entry they belong to.
func (s *securityStorePostgres) HighRiskEvents(ctx context.Context, exec store.Querier, minScore int, since time.Time) ([]models.SecurityEvent, error) {
	events := []models.SecurityEvent{}
	err := sqlx.SelectContext(ctx, exec, &events, `SELECT se.id, se.event_type, se.user_id, se.resource_type,
			se.resource_id, se.authorization_result, se.denial_reason, se.risk_score, se.source_ip,
			se.request_context, se.created_at, al.action AS audit_action
		FROM security_events se
		LEFT JOIN audit_logs al ON al.id = se.audit_log_id
		WHERE se.risk_score >= $1 AND se.created_at >= $2
		ORDER BY se.risk_score DESC, se.created_at DESC`, minScore, since)
	return events, wrap("high risk events", err)
}

// CreateAuthorizationDecision stores the policy engine's answer for one request.
func (s *securityStorePostgres) CreateAuthorizationDecision(ctx context.Context, exec store.Querier, d *models.AuthorizationDecision) error {
	query := `INSERT INTO authorization_decisions
			(id, decision_id, user_id, resource_type, resource_id, action, decision, policy_version,
			 evaluated_policies, conditions_met, decision_time_ms, context, security_event_id, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, NOW())
		RETURNING created_at`
	return exec.QueryRowxContext(ctx, query, d.ID, d.DecisionID, d.UserID, d.ResourceType, d.ResourceID,
		d.Action, d.Decision, d.PolicyVersion, d.EvaluatedPolicies, d.ConditionsMet, d.DecisionTimeMs,
		d.Context, d.SecurityEventID).Scan(&d.CreatedAt)
}

// DeniedDecisionsForUser explains recent denials: the decision, the event and its context.
func (s *securityStorePostgres) DeniedDecisionsForUser(ctx context.Context, exec store.Querier, userID uuid.UUID, limit int) ([]models.AuthorizationDecision, error) {
	decisions := []models.AuthorizationDecision{}
	err := sqlx.SelectContext(ctx, exec, &decisions, `SELECT ad.decision_id, ad.resource_type, ad.resource_id,
			ad.action, ad.policy_version, ad.conditions_met, ad.context, ad.decision_time_ms,
			se.denial_reason, se.risk_score, ad.created_at
		FROM authorization_decisions ad
		JOIN security_events se ON se.id = ad.security_event_id
		WHERE ad.user_id = $1 AND ad.decision = 'deny'
		ORDER BY ad.created_at DESC
		LIMIT $2`, userID, clampLimit(limit))
	return decisions, wrap("denied decisions", err)
}

// PurgeSecurityEvents removes events older than the retention period, keeping
// those an authorization decision still points at.
func (s *securityStorePostgres) PurgeSecurityEvents(ctx context.Context, exec store.Querier, before time.Time) (int64, error) {
	res, err := exec.ExecContext(ctx, `DELETE FROM security_events se
		WHERE se.created_at < $1
		  AND NOT EXISTS (SELECT 1 FROM authorization_decisions ad WHERE ad.security_event_id = se.id)`, before)
	if err != nil {
		return 0, wrap("purge security events", err)
	}
	return res.RowsAffected()
}
