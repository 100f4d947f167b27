package postgres

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/jmoiron/sqlx"

	"github.com/fntelecomllc/domainflow/backend/internal/models"
	"github.com/fntelecomllc/domainflow/backend/internal/store"
)

// proxyPoolStorePostgres implements store.ProxyPoolStore: named pools of proxies
// that HTTP keyword campaigns rotate through.
type proxyPoolStorePostgres struct {
	db *sqlx.DB
}

// NewProxyPoolStorePostgres returns the PostgreSQL proxy pool store.
func NewProxyPoolStorePostgres(db *sqlx.DB) store.ProxyPoolStore {
	return &proxyPoolStorePostgres{db: db}
}

func (s *proxyPoolStorePostgres) CreateProxyPool(ctx context.Context, exec store.Querier, pool *models.ProxyPool) error {
	query := `INSERT INTO proxy_pools (id, name, description, pool_strategy, health_check_enabled,
			health_check_interval_seconds, max_retries, timeout_seconds, is_enabled, created_at, updated_at)
		VALUES (:id, :name, :description, :pool_strategy, :health_check_enabled,
			:health_check_interval_seconds, :max_retries, :timeout_seconds, :is_enabled, :created_at, :updated_at)`
	_, err := sqlx.NamedExecContext(ctx, exec, query, pool)
	if isUniqueViolation(err) {
		return store.ErrDuplicateEntry
	}
	return wrap("create proxy pool", err)
}

func (s *proxyPoolStorePostgres) GetProxyPoolByID(ctx context.Context, exec store.Querier, id uuid.UUID) (*models.ProxyPool, error) {
	pool := &models.ProxyPool{}
	err := sqlx.GetContext(ctx, exec, pool, `SELECT id, name, description, pool_strategy, health_check_enabled,
			health_check_interval_seconds, max_retries, timeout_seconds, is_enabled, created_at, updated_at
		FROM proxy_pools WHERE id = $1`, id)
	return pool, wrap("get proxy pool", err)
}

// GetProxyPoolByName finds a pool by its unique name (campaign import files name pools).
func (s *proxyPoolStorePostgres) GetProxyPoolByName(ctx context.Context, exec store.Querier, name string) (*models.ProxyPool, error) {
	pool := &models.ProxyPool{}
	err := sqlx.GetContext(ctx, exec, pool, `SELECT id, name, description, pool_strategy, is_enabled
		FROM proxy_pools WHERE name = $1`, name)
	return pool, wrap("get proxy pool by name", err)
}

// EnabledPoolIDs lists the pools campaigns may be configured with. A disabled
// pool keeps its members, so enabling it again restores the rotation exactly as
// it was; campaigns that already name a disabled pool fall back to direct fetches.
func (s *proxyPoolStorePostgres) EnabledPoolIDs(ctx context.Context, exec store.Querier) ([]uuid.UUID, error) {
	ids := []uuid.UUID{}
	err := sqlx.SelectContext(ctx, exec, &ids, "SELECT id FROM proxy_pools WHERE is_enabled ORDER BY name")
	return ids, wrap("enabled pool ids", err)
}

// UpdatePoolHealthCheck changes how often a pool's proxies are probed; the checker
// reads the interval again on its next tick.
func (s *proxyPoolStorePostgres) UpdatePoolHealthCheck(ctx context.Context, exec store.Querier, id uuid.UUID, enabled bool, intervalSeconds int) error {
	_, err := exec.ExecContext(ctx, `UPDATE proxy_pools
		SET health_check_enabled = $2, health_check_interval_seconds = $3, updated_at = NOW()
		WHERE id = $1`, id, enabled, intervalSeconds)
	return wrap("update pool health check", err)
}

// AddProxyToPool adds a proxy to a pool, or re-activates it with a new weight.
func (s *proxyPoolStorePostgres) AddProxyToPool(ctx context.Context, exec store.Querier, poolID, proxyID uuid.UUID, weight int) error {
	_, err := exec.ExecContext(ctx, `
		INSERT INTO proxy_pool_memberships (pool_id, proxy_id, weight, is_active, added_at)
		VALUES ($1, $2, $3, true, NOW())
		ON CONFLICT (pool_id, proxy_id) DO UPDATE SET weight = EXCLUDED.weight, is_active = true`,
		poolID, proxyID, weight)
	return wrap("add proxy to pool", err)
}

func (s *proxyPoolStorePostgres) RemoveProxyFromPool(ctx context.Context, exec store.Querier, poolID, proxyID uuid.UUID) error {
	res, err := exec.ExecContext(ctx,
		"DELETE FROM proxy_pool_memberships WHERE pool_id = $1 AND proxy_id = $2", poolID, proxyID)
	if err != nil {
		return wrap("remove proxy from pool", err)
	}
	return rowsAffected(res)
}

func (s *proxyPoolStorePostgres) DeactivateMembership(ctx context.Context, exec store.Querier, poolID, proxyID uuid.UUID) error {
	_, err := exec.ExecContext(ctx, `UPDATE proxy_pool_memberships SET is_active = false
		WHERE pool_id = $1 AND proxy_id = $2`, poolID, proxyID)
	return wrap("deactivate membership", err)
}

// GetPoolMembers returns the active, healthy proxies of a pool with their weights.
func (s *proxyPoolStorePostgres) GetPoolMembers(ctx context.Context, exec store.Querier, poolID uuid.UUID) ([]models.ProxyPoolMember, error) {
	members := []models.ProxyPoolMember{}
	err := sqlx.SelectContext(ctx, exec, &members, `SELECT p.id, p.name, p.address, p.protocol, p.host, p.port,
			p.username, p.is_healthy, p.latency_ms, m.weight, m.added_at
		FROM proxy_pool_memberships m
		JOIN proxies p ON p.id = m.proxy_id
		WHERE m.pool_id = $1 AND m.is_active AND p.is_enabled
		ORDER BY m.weight DESC, p.latency_ms NULLS LAST`, poolID)
	return members, wrap("get pool members", err)
}

// ListProxyPools lists pools with how many active members each has.
func (s *proxyPoolStorePostgres) ListProxyPools(ctx context.Context, exec store.Querier, limit, offset int) ([]models.ProxyPool, error) {
	pools := []models.ProxyPool{}
	query := fmt.Sprintf(`SELECT pp.id, pp.name, pp.description, pp.pool_strategy, pp.is_enabled, pp.created_at,
			COUNT(m.id) FILTER (WHERE m.is_active) AS active_members
		FROM proxy_pools pp
		LEFT JOIN proxy_pool_memberships m ON m.pool_id = pp.id
		GROUP BY pp.id
		ORDER BY pp.name LIMIT %d OFFSET %d`, clampLimit(limit), offset)
	err := sqlx.SelectContext(ctx, exec, &pools, query)
	return pools, wrap("list proxy pools", err)
}

func (s *proxyPoolStorePostgres) UpdateProxyPool(ctx context.Context, exec store.Querier, pool *models.ProxyPool) error {
	query := `UPDATE proxy_pools SET name = :name, description = :description, pool_strategy = :pool_strategy,
			health_check_enabled = :health_check_enabled, health_check_interval_seconds = :health_check_interval_seconds,
			max_retries = :max_retries, timeout_seconds = :timeout_seconds, is_enabled = :is_enabled, updated_at = NOW()
		WHERE id = :id`
	res, err := sqlx.NamedExecContext(ctx, exec, query, pool)
	if err != nil {
		return wrap("update proxy pool", err)
	}
	return rowsAffected(res)
}

func (s *proxyPoolStorePostgres) DeleteProxyPool(ctx context.Context, exec store.Querier, id uuid.UUID) error {
	res, err := exec.ExecContext(ctx, "DELETE FROM proxy_pools WHERE id = $1", id)
	if err != nil {
		return wrap("delete proxy pool", err)
	}
	return rowsAffected(res)
}

// PoolsOfProxy lists the pools a proxy belongs to, for the proxy detail page.
func (s *proxyPoolStorePostgres) PoolsOfProxy(ctx context.Context, exec store.Querier, proxyID uuid.UUID) ([]models.ProxyPool, error) {
	pools := []models.ProxyPool{}
	err := sqlx.SelectContext(ctx, exec, &pools, `SELECT pp.id, pp.name, m.weight, m.is_active
		FROM proxy_pools pp
		JOIN proxy_pool_memberships m ON m.pool_id = pp.id
		WHERE m.proxy_id = $1
		ORDER BY pp.name`, proxyID)
	return pools, wrap("pools of proxy", err)
}
