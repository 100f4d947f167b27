// Package postgres implements the DomainFlow stores on PostgreSQL with sqlx.
package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/fntelecomllc/domainflow/backend/internal/models"
	"github.com/fntelecomllc/domainflow/backend/internal/store"
)

// campaignStorePostgres implements store.CampaignStore.
type campaignStorePostgres struct {
	db *sqlx.DB
}

// NewCampaignStorePostgres returns the PostgreSQL campaign store.
func NewCampaignStorePostgres(db *sqlx.DB) store.CampaignStore {
	return &campaignStorePostgres{db: db}
}

// BeginTxx starts a transaction the caller commits or rolls back.
func (s *campaignStorePostgres) BeginTxx(ctx context.Context, opts *sql.TxOptions) (*sqlx.Tx, error) {
	return s.db.BeginTxx(ctx, opts)
}

func (s *campaignStorePostgres) CreateCampaign(ctx context.Context, exec store.Querier, c *models.Campaign) error {
	query := `INSERT INTO campaigns (id, name, campaign_type, status, user_id, total_items, processed_items,
			successful_items, failed_items, progress_percentage, metadata, created_at, updated_at)
		VALUES (:id, :name, :campaign_type, :status, :user_id, :total_items, :processed_items,
			:successful_items, :failed_items, :progress_percentage, :metadata, :created_at, :updated_at)`
	_, err := sqlx.NamedExecContext(ctx, exec, query, c)
	return wrap("create campaign", err)
}

func (s *campaignStorePostgres) GetCampaignByID(ctx context.Context, exec store.Querier, id uuid.UUID) (*models.Campaign, error) {
	c := &models.Campaign{}
	query := `SELECT id, name, campaign_type, status, user_id, total_items, processed_items, successful_items,
			failed_items, progress_percentage, metadata, error_message, started_at, completed_at,
			estimated_completion_at, created_at, updated_at
		FROM campaigns WHERE id = $1`
	err := sqlx.GetContext(ctx, exec, c, query, id)
	return c, wrap("get campaign", err)
}

func (s *campaignStorePostgres) UpdateCampaign(ctx context.Context, exec store.Querier, c *models.Campaign) error {
	query := `UPDATE campaigns SET name = :name, status = :status, total_items = :total_items,
			processed_items = :processed_items, successful_items = :successful_items, failed_items = :failed_items,
			progress_percentage = :progress_percentage, metadata = :metadata, error_message = :error_message,
			started_at = :started_at, completed_at = :completed_at,
			estimated_completion_at = :estimated_completion_at, updated_at = NOW()
		WHERE id = :id`
	res, err := sqlx.NamedExecContext(ctx, exec, query, c)
	if err != nil {
		return wrap("update campaign", err)
	}
	return rowsAffected(res)
}

func (s *campaignStorePostgres) UpdateCampaignStatus(ctx context.Context, exec store.Querier, id uuid.UUID, status models.CampaignStatusEnum, errorMessage sql.NullString) error {
	res, err := exec.ExecContext(ctx,
		"UPDATE campaigns SET status = $2, error_message = $3, updated_at = NOW() WHERE id = $1",
		id, status, errorMessage)
	if err != nil {
		return wrap("update campaign status", err)
	}
	return rowsAffected(res)
}

func (s *campaignStorePostgres) UpdateCampaignProgress(ctx context.Context, exec store.Querier, id uuid.UUID, processed, total int64, progress float64) error {
	query := "UPDATE campaigns SET processed_items = $2, total_items = $3, progress_percentage = $4, " +
		"updated_at = NOW() WHERE id = $1"
	_, err := exec.ExecContext(ctx, query, id, processed, total, progress)
	return wrap("update campaign progress", err)
}

func (s *campaignStorePostgres) ListCampaigns(ctx context.Context, exec store.Querier, filter store.ListCampaignsFilter) ([]models.Campaign, error) {
	query := "SELECT id, name, campaign_type, status, user_id, total_items, processed_items, progress_percentage, " +
		"created_at, updated_at FROM campaigns WHERE 1=1"
	args := []any{}
	if filter.Type != "" {
		args = append(args, filter.Type)
		query += fmt.Sprintf(" AND campaign_type = $%d", len(args))
	}
	if filter.Status != "" {
		args = append(args, filter.Status)
		query += fmt.Sprintf(" AND status = $%d", len(args))
	}
	if filter.UserID != "" {
		args = append(args, filter.UserID)
		query += fmt.Sprintf(" AND user_id = $%d", len(args))
	}
	query += fmt.Sprintf(" ORDER BY created_at DESC LIMIT %d OFFSET %d", clampLimit(filter.Limit), filter.Offset)
	campaigns := []models.Campaign{}
	err := sqlx.SelectContext(ctx, exec, &campaigns, query, args...)
	return campaigns, wrap("list campaigns", err)
}

func (s *campaignStorePostgres) DeleteCampaign(ctx context.Context, exec store.Querier, id uuid.UUID) error {
	res, err := exec.ExecContext(ctx, "DELETE FROM campaigns WHERE id = $1", id)
	if err != nil {
		return wrap("delete campaign", err)
	}
	return rowsAffected(res)
}

func (s *campaignStorePostgres) CreateDomainGenerationParams(ctx context.Context, exec store.Querier, p *models.DomainGenerationCampaignParams) error {
	query := `INSERT INTO domain_generation_campaign_params
			(campaign_id, pattern_type, variable_length, character_set, constant_string, tld,
			 num_domains_to_generate, total_possible_combinations, current_offset, created_at, updated_at)
		VALUES (:campaign_id, :pattern_type, :variable_length, :character_set, :constant_string, :tld,
			 :num_domains_to_generate, :total_possible_combinations, :current_offset, :created_at, :updated_at)`
	_, err := sqlx.NamedExecContext(ctx, exec, query, p)
	return wrap("create domain generation params", err)
}

func (s *campaignStorePostgres) MarkCampaignStarted(ctx context.Context, exec store.Querier, id uuid.UUID, eta sql.NullTime) error {
	res, err := exec.ExecContext(ctx, `UPDATE campaigns
		SET status = 'running', started_at = COALESCE(started_at, NOW()), estimated_completion_at = $2, updated_at = NOW()
		WHERE id = $1 AND status IN ('pending', 'queued', 'paused')`, id, eta)
	if err != nil {
		return wrap("mark campaign started", err)
	}
	return rowsAffected(res)
}

func (s *campaignStorePostgres) MarkCampaignCompleted(ctx context.Context, exec store.Querier, id uuid.UUID, successful, failed int64) error {
	_, err := exec.ExecContext(ctx, `UPDATE campaigns
		SET status = 'completed', completed_at = NOW(), successful_items = $2, failed_items = $3,
		    progress_percentage = 100, updated_at = NOW()
		WHERE id = $1`, id, successful, failed)
	return wrap("mark campaign completed", err)
}

func (s *campaignStorePostgres) GetCampaignsByIDs(ctx context.Context, exec store.Querier, ids []uuid.UUID) ([]models.Campaign, error) {
	campaigns := []models.Campaign{}
	err := sqlx.SelectContext(ctx, exec, &campaigns, `SELECT id, name, campaign_type, status, user_id,
			total_items, processed_items, progress_percentage, created_at, updated_at
		FROM campaigns WHERE id = ANY($1) ORDER BY created_at`, pq.Array(ids))
	return campaigns, wrap("get campaigns by ids", err)
}

func (s *campaignStorePostgres) CountCampaignsByUser(ctx context.Context, exec store.Querier, userID uuid.UUID) (int64, error) {
	var count int64
	err := sqlx.GetContext(ctx, exec, &count, "SELECT COUNT(*) FROM campaigns WHERE user_id = $1", userID)
	return count, wrap("count campaigns", err)
}

func (s *campaignStorePostgres) GetCampaignMetadata(ctx context.Context, exec store.Querier, id uuid.UUID) (json.RawMessage, error) {
	var metadata json.RawMessage
	err := sqlx.GetContext(ctx, exec, &metadata, "SELECT metadata FROM campaigns WHERE id = $1", id)
	return metadata, wrap("get campaign metadata", err)
}

// rowsAffected turns a result into ErrNotFound when nothing matched.
func rowsAffected(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return store.ErrNotFound
	}
	return nil
}

// nullString maps an empty string to SQL NULL.
func nullString(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}

// clampLimit keeps page sizes within what the API allows.
func clampLimit(limit int) int {
	switch {
	case limit <= 0:
		return 50
	case limit > 1000:
		return 1000
	default:
		return limit
	}
}

// wrap adds the store operation to an error.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return store.ErrNotFound
	}
	return fmt.Errorf("%s: %w", op, err)
}

// marshalJSON encodes an optional JSON document for a jsonb column.
func marshalJSON(v any) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	return json.Marshal(v)
}

// isUniqueViolation reports whether err is PostgreSQL's 23505.
func isUniqueViolation(err error) bool {
	var pgErr *pq.Error
	return errors.As(err, &pgErr) && pgErr.Code == "23505"
}

// placeholders returns "$start, $start+1, ..." for n values.
func placeholders(start, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("$%d", start+i)
	}
	return strings.Join(parts, ", ")
}

// nowUTC is the clock the stores stamp rows with.
func nowUTC() time.Time {
	return time.Now().UTC()
}

// ---------------------------------------------------------------------------
// Domain generation parameters
//
// One row per domain generation campaign. current_offset is the position of the
// next combination to generate: the generator reads it, produces a batch, and
// moves it forward in the same transaction that inserts the batch, so a worker
// that dies mid-batch resumes exactly where the last commit left off.
// created_at and updated_at are scanned into the model like every other column;
// a database without them fails this query, which is what the audit found,
// and with it every campaign detail page of a domain generation campaign.
// ---------------------------------------------------------------------------

// GetDomainGenerationParams loads the generator settings of one campaign.
func (s *campaignStorePostgres) GetDomainGenerationParams(ctx context.Context, exec store.Querier, campaignID uuid.UUID) (*models.DomainGenerationCampaignParams, error) {
	params := &models.DomainGenerationCampaignParams{}
	query := `
		SELECT campaign_id, pattern_type, variable_length, character_set, constant_string, tld,
		       num_domains_to_generate, total_possible_combinations, current_offset, created_at, updated_at
		FROM domain_generation_campaign_params WHERE campaign_id = $1`
	err := sqlx.GetContext(ctx, exec, params, query, campaignID)
	return params, wrap("get domain generation params", err)
}

func (s *campaignStorePostgres) UpdateDomainGenerationParamsOffset(ctx context.Context, exec store.Querier, campaignID uuid.UUID, newOffset int64) error {
	query := `UPDATE domain_generation_campaign_params SET current_offset = $2, updated_at = NOW()
		WHERE campaign_id = $1 AND current_offset < $2`
	_, err := exec.ExecContext(ctx, query, campaignID, newOffset)
	return wrap("update domain generation offset", err)
}

// CreateGeneratedDomains inserts a batch; domains already generated for the campaign are kept.
func (s *campaignStorePostgres) CreateGeneratedDomains(ctx context.Context, exec store.Querier, domains []models.GeneratedDomain) error {
	if len(domains) == 0 {
		return nil
	}
	query := `INSERT INTO generated_domains
			(id, domain_generation_campaign_id, domain_name, source_keyword, source_pattern, tld,
			 offset_index, generated_at, created_at)
		VALUES (:id, :domain_generation_campaign_id, :domain_name, :source_keyword, :source_pattern, :tld,
			 :offset_index, :generated_at, :created_at)
		ON CONFLICT (domain_generation_campaign_id, domain_name) DO NOTHING`
	_, err := sqlx.NamedExecContext(ctx, exec, query, domains)
	return wrap("create generated domains", err)
}

func (s *campaignStorePostgres) GetGeneratedDomainsByCampaign(ctx context.Context, exec store.Querier, campaignID uuid.UUID, limit int, lastOffsetIndex int64) ([]models.GeneratedDomain, error) {
	domains := []models.GeneratedDomain{}
	query := `SELECT id, domain_generation_campaign_id, domain_name, source_keyword, source_pattern, tld,
			offset_index, generated_at, created_at
		FROM generated_domains
		WHERE domain_generation_campaign_id = $1 AND offset_index > $2
		ORDER BY offset_index ASC LIMIT $3`
	err := sqlx.SelectContext(ctx, exec, &domains, query, campaignID, lastOffsetIndex, clampLimit(limit))
	return domains, wrap("get generated domains", err)
}

func (s *campaignStorePostgres) CountGeneratedDomainsByCampaign(ctx context.Context, exec store.Querier, campaignID uuid.UUID) (int64, error) {
	var count int64
	err := sqlx.GetContext(ctx, exec, &count,
		"SELECT COUNT(*) FROM generated_domains WHERE domain_generation_campaign_id = $1", campaignID)
	return count, wrap("count generated domains", err)
}

func (s *campaignStorePostgres) CreateDNSValidationParams(ctx context.Context, exec store.Querier, p *models.DNSValidationCampaignParams) error {
	query := `INSERT INTO dns_validation_params
			(campaign_id, source_generation_campaign_id, persona_ids, rotation_interval_seconds,
			 processing_speed_per_minute, batch_size, retry_attempts, metadata, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NOW(), NOW())`
	_, err := exec.ExecContext(ctx, query, p.CampaignID, p.SourceGenerationCampaignID, pq.Array(p.PersonaIDs),
		p.RotationIntervalSeconds, p.ProcessingSpeedPerMinute, p.BatchSize, p.RetryAttempts, p.Metadata)
	return wrap("create dns validation params", err)
}

func (s *campaignStorePostgres) GetDNSValidationParams(ctx context.Context, exec store.Querier, campaignID uuid.UUID) (*models.DNSValidationCampaignParams, error) {
	p := &models.DNSValidationCampaignParams{}
	query := `SELECT campaign_id, source_generation_campaign_id, persona_ids, rotation_interval_seconds,
			processing_speed_per_minute, batch_size, retry_attempts, metadata, created_at, updated_at
		FROM dns_validation_params WHERE campaign_id = $1`
	row := exec.QueryRowxContext(ctx, query, campaignID)
	err := row.Scan(&p.CampaignID, &p.SourceGenerationCampaignID, pq.Array(&p.PersonaIDs),
		&p.RotationIntervalSeconds, &p.ProcessingSpeedPerMinute, &p.BatchSize, &p.RetryAttempts,
		&p.Metadata, &p.CreatedAt, &p.UpdatedAt)
	return p, wrap("get dns validation params", err)
}

func (s *campaignStorePostgres) GetLastGeneratedOffset(ctx context.Context, exec store.Querier, campaignID uuid.UUID) (int64, error) {
	var offset sql.NullInt64
	err := sqlx.GetContext(ctx, exec, &offset,
		"SELECT MAX(offset_index) FROM generated_domains WHERE domain_generation_campaign_id = $1", campaignID)
	return offset.Int64, wrap("get last generated offset", err)
}

func (s *campaignStorePostgres) ListDNSCampaignsBySource(ctx context.Context, exec store.Querier, sourceCampaignID uuid.UUID) ([]uuid.UUID, error) {
	ids := []uuid.UUID{}
	err := sqlx.SelectContext(ctx, exec, &ids, `SELECT p.campaign_id
		FROM dns_validation_params p
		JOIN campaigns c ON c.id = p.campaign_id
		WHERE p.source_generation_campaign_id = $1 AND c.status NOT IN ('archived', 'cancelled')`, sourceCampaignID)
	return ids, wrap("list dns campaigns by source", err)
}

// GetDNSResultsPendingRetry returns the results whose last check failed and may be tried again.
func (s *campaignStorePostgres) GetDNSResultsPendingRetry(ctx context.Context, exec store.Querier, campaignID uuid.UUID, maxAttempts, limit int) ([]models.DNSValidationResult, error) {
	results := []models.DNSValidationResult{}
	err := sqlx.SelectContext(ctx, exec, &results, `SELECT r.id, r.domain_name, r.attempts, r.last_checked_at
		FROM dns_validation_results r
		JOIN dns_validation_params p ON p.campaign_id = r.dns_campaign_id
		WHERE r.dns_campaign_id = $1 AND r.validation_status = 'error' AND r.attempts < LEAST($2, p.retry_attempts)
		ORDER BY r.last_checked_at NULLS FIRST
		LIMIT $3`, campaignID, maxAttempts, clampLimit(limit))
	return results, wrap("get dns results pending retry", err)
}

func (s *campaignStorePostgres) UpdateDNSResultStatus(ctx context.Context, exec store.Querier, id uuid.UUID, status, businessStatus string) error {
	res, err := exec.ExecContext(ctx, `UPDATE dns_validation_results
		SET validation_status = $2, business_status = $3, attempts = attempts + 1, last_checked_at = NOW()
		WHERE id = $1`, id, status, nullString(businessStatus))
	if err != nil {
		return wrap("update dns result status", err)
	}
	return rowsAffected(res)
}

func (s *campaignStorePostgres) GetGeneratedDomainByName(ctx context.Context, exec store.Querier, campaignID uuid.UUID, name string) (*models.GeneratedDomain, error) {
	d := &models.GeneratedDomain{}
	err := sqlx.GetContext(ctx, exec, d, `SELECT id, domain_generation_campaign_id, domain_name, tld, offset_index
		FROM generated_domains WHERE domain_generation_campaign_id = $1 AND domain_name = $2`, campaignID, name)
	return d, wrap("get generated domain", err)
}

func (s *campaignStorePostgres) GetDNSValidationResultsByCampaign(ctx context.Context, exec store.Querier, campaignID uuid.UUID, filter store.ListValidationResultsFilter) ([]models.DNSValidationResult, error) {
	results := []models.DNSValidationResult{}
	query := `SELECT id, dns_campaign_id, generated_domain_id, domain_name, validation_status, business_status,
			dns_records, validated_by_persona_id, attempts, last_checked_at, created_at
		FROM dns_validation_results WHERE dns_campaign_id = $1`
	args := []any{campaignID}
	if filter.ValidationStatus != "" {
		args = append(args, filter.ValidationStatus)
		query += fmt.Sprintf(" AND validation_status = $%d", len(args))
	}
	query += fmt.Sprintf(" ORDER BY created_at ASC LIMIT %d OFFSET %d", clampLimit(filter.Limit), filter.Offset)
	err := sqlx.SelectContext(ctx, exec, &results, query, args...)
	return results, wrap("get dns validation results", err)
}

func (s *campaignStorePostgres) CountDNSValidationResults(ctx context.Context, exec store.Querier, campaignID uuid.UUID, onlyValid bool) (int64, error) {
	var count int64
	query := "SELECT COUNT(*) FROM dns_validation_results WHERE dns_campaign_id = $1"
	if onlyValid {
		query += " AND validation_status = 'resolved'"
	}
	err := sqlx.GetContext(ctx, exec, &count, query, campaignID)
	return count, wrap("count dns validation results", err)
}

func (s *campaignStorePostgres) GetDNSResultByDomain(ctx context.Context, exec store.Querier, campaignID uuid.UUID, domain string) (*models.DNSValidationResult, error) {
	r := &models.DNSValidationResult{}
	err := sqlx.GetContext(ctx, exec, r, `SELECT r.id, r.dns_campaign_id, r.generated_domain_id, r.domain_name,
			r.validation_status, r.dns_records, r.attempts, r.last_checked_at, r.created_at
		FROM dns_validation_results r
		JOIN generated_domains g ON g.id = r.generated_domain_id
		WHERE r.dns_campaign_id = $1 AND g.domain_name = $2`, campaignID, domain)
	return r, wrap("get dns result by domain", err)
}

func (s *campaignStorePostgres) DeleteDNSValidationResults(ctx context.Context, exec store.Querier, campaignID uuid.UUID) error {
	_, err := exec.ExecContext(ctx, "DELETE FROM dns_validation_results WHERE dns_campaign_id = $1", campaignID)
	return wrap("delete dns validation results", err)
}

func (s *campaignStorePostgres) DeleteGeneratedDomains(ctx context.Context, exec store.Querier, campaignID uuid.UUID) error {
	_, err := exec.ExecContext(ctx, `DELETE FROM generated_domains gd
		USING campaigns c
		WHERE gd.domain_generation_campaign_id = c.id AND c.id = $1 AND c.status IN ('failed', 'cancelled')`, campaignID)
	return wrap("delete generated domains", err)
}

func (s *campaignStorePostgres) UpdateDNSValidationParams(ctx context.Context, exec store.Querier, p *models.DNSValidationCampaignParams) error {
	_, err := exec.ExecContext(ctx, `UPDATE dns_validation_params
		SET persona_ids = $2, rotation_interval_seconds = $3, processing_speed_per_minute = $4,
		    batch_size = $5, retry_attempts = $6, metadata = $7, updated_at = NOW()
		WHERE campaign_id = $1`, p.CampaignID, pq.Array(p.PersonaIDs), p.RotationIntervalSeconds,
		p.ProcessingSpeedPerMinute, p.BatchSize, p.RetryAttempts, p.Metadata)
	return wrap("update dns validation params", err)
}

// CreateDNSValidationResults upserts a batch: a domain checked again keeps one row with its latest status.
func (s *campaignStorePostgres) CreateDNSValidationResults(ctx context.Context, exec store.Querier, results []models.DNSValidationResult) error {
	if len(results) == 0 {
		return nil
	}
	query := `INSERT INTO dns_validation_results
			(id, dns_campaign_id, generated_domain_id, domain_name, validation_status, business_status,
			 dns_records, validated_by_persona_id, attempts, last_checked_at, created_at)
		VALUES (:id, :dns_campaign_id, :generated_domain_id, :domain_name, :validation_status, :business_status,
			 :dns_records, :validated_by_persona_id, :attempts, :last_checked_at, :created_at)
		ON CONFLICT (dns_campaign_id, domain_name) DO UPDATE SET
			validation_status = EXCLUDED.validation_status,
			business_status = EXCLUDED.business_status,
			dns_records = EXCLUDED.dns_records,
			attempts = dns_validation_results.attempts + 1,
			last_checked_at = EXCLUDED.last_checked_at`
	_, err := sqlx.NamedExecContext(ctx, exec, query, results)
	return wrap("create dns validation results", err)
}

// ---------------------------------------------------------------------------
// DNS validation results
//
// validation_status is what the resolver said (resolved, unresolved, error,
// timeout); business_status is what the campaign makes of it: valid_dns for a
// domain worth an HTTP keyword check, parked, blocked or invalid otherwise. The
// HTTP keyword phase reads only valid_dns rows, in created_at order, resuming
// from the last row it saw, so the index on (dns_campaign_id, created_at) and
// the business_status column both matter to it. A database without
// business_status fails this query and the upsert above, so a DNS campaign
// completes with nothing for its HTTP keyword campaign to read.
// ---------------------------------------------------------------------------

// GetValidDNSResults lists the domains that resolved, for the HTTP keyword phase.
func (s *campaignStorePostgres) GetValidDNSResults(ctx context.Context, exec store.Querier, campaignID uuid.UUID, limit int, after time.Time) ([]models.DNSValidationResult, error) {
	results := []models.DNSValidationResult{}
	query := `
		SELECT id, dns_campaign_id, generated_domain_id, domain_name, validation_status, business_status,
		       dns_records, validated_by_persona_id, attempts, last_checked_at, created_at
		FROM dns_validation_results
		WHERE dns_campaign_id = $1
		  AND created_at > $2
		  AND business_status = 'valid_dns'
		ORDER BY created_at ASC
		LIMIT $3`
	err := sqlx.SelectContext(ctx, exec, &results, query, campaignID, after, clampLimit(limit))
	return results, wrap("get valid dns results", err)
}

// DNSStatusCounts summarises a campaign's DNS results by status.
func (s *campaignStorePostgres) DNSStatusCounts(ctx context.Context, exec store.Querier, campaignID uuid.UUID) (map[string]int64, error) {
	rows, err := exec.QueryxContext(ctx, `
		WITH latest AS (
			SELECT r.domain_name, r.validation_status, r.business_status
			FROM dns_validation_results r
			JOIN campaigns c ON c.id = r.dns_campaign_id
			WHERE c.id = $1 AND c.status <> 'archived'
		)
		SELECT validation_status, COUNT(*) AS n
		FROM latest
		GROUP BY validation_status
		ORDER BY n DESC`, campaignID)
	if err != nil {
		return nil, wrap("dns status counts", err)
	}
	defer rows.Close()
	counts := map[string]int64{}
	for rows.Next() {
		var status string
		var n int64
		if err := rows.Scan(&status, &n); err != nil {
			return nil, err
		}
		counts[status] = n
	}
	return counts, rows.Err()
}

func (s *campaignStorePostgres) CreateHTTPKeywordParams(ctx context.Context, exec store.Querier, p *models.HTTPKeywordCampaignParams) error {
	query := `INSERT INTO http_keyword_campaign_params
			(campaign_id, source_campaign_id, source_type, keyword_set_ids, ad_hoc_keywords, persona_ids,
			 proxy_pool_id, proxy_selection_strategy, rotation_interval_seconds, processing_speed_per_minute,
			 batch_size, retry_attempts, target_http_ports, metadata, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, NOW(), NOW())`
	_, err := exec.ExecContext(ctx, query, p.CampaignID, p.SourceCampaignID, p.SourceType,
		pq.Array(p.KeywordSetIDs), pq.Array(p.AdHocKeywords), pq.Array(p.PersonaIDs), p.ProxyPoolID,
		p.ProxySelectionStrategy, p.RotationIntervalSeconds, p.ProcessingSpeedPerMinute, p.BatchSize,
		p.RetryAttempts, pq.Array(p.TargetHTTPPorts), p.Metadata)
	return wrap("create http keyword params", err)
}

func (s *campaignStorePostgres) GetHTTPKeywordParams(ctx context.Context, exec store.Querier, campaignID uuid.UUID) (*models.HTTPKeywordCampaignParams, error) {
	p := &models.HTTPKeywordCampaignParams{}
	query := `SELECT campaign_id, source_campaign_id, source_type, keyword_set_ids, ad_hoc_keywords, persona_ids,
			proxy_pool_id, proxy_selection_strategy, rotation_interval_seconds, processing_speed_per_minute,
			batch_size, retry_attempts, target_http_ports, metadata, created_at, updated_at
		FROM http_keyword_campaign_params WHERE campaign_id = $1`
	row := exec.QueryRowxContext(ctx, query, campaignID)
	err := row.Scan(&p.CampaignID, &p.SourceCampaignID, &p.SourceType, pq.Array(&p.KeywordSetIDs),
		pq.Array(&p.AdHocKeywords), pq.Array(&p.PersonaIDs), &p.ProxyPoolID, &p.ProxySelectionStrategy,
		&p.RotationIntervalSeconds, &p.ProcessingSpeedPerMinute, &p.BatchSize, &p.RetryAttempts,
		pq.Array(&p.TargetHTTPPorts), &p.Metadata, &p.CreatedAt, &p.UpdatedAt)
	return p, wrap("get http keyword params", err)
}

// HTTPStatusCounts summarises a campaign's HTTP results by validation status.
func (s *campaignStorePostgres) HTTPStatusCounts(ctx context.Context, exec store.Querier, campaignID uuid.UUID) (map[string]int64, error) {
	rows, err := exec.QueryxContext(ctx, `SELECT validation_status, COUNT(*) AS n
		FROM http_keyword_results
		WHERE http_keyword_campaign_id = $1
		GROUP BY validation_status`, campaignID)
	if err != nil {
		return nil, wrap("http status counts", err)
	}
	defer rows.Close()
	counts := map[string]int64{}
	for rows.Next() {
		var status string
		var n int64
		if err := rows.Scan(&status, &n); err != nil {
			return nil, err
		}
		counts[status] = n
	}
	return counts, rows.Err()
}

func (s *campaignStorePostgres) DeleteHTTPKeywordResults(ctx context.Context, exec store.Querier, campaignID uuid.UUID) error {
	_, err := exec.ExecContext(ctx, "DELETE FROM http_keyword_results WHERE http_keyword_campaign_id = $1", campaignID)
	return wrap("delete http keyword results", err)
}

// CampaignsUsingKeywordSet lists the HTTP keyword campaigns that read a keyword set.
func (s *campaignStorePostgres) CampaignsUsingKeywordSet(ctx context.Context, exec store.Querier, keywordSetID uuid.UUID) ([]models.Campaign, error) {
	campaigns := []models.Campaign{}
	err := sqlx.SelectContext(ctx, exec, &campaigns, `SELECT c.id, c.name, c.status, c.created_at
		FROM campaigns c
		JOIN http_keyword_campaign_params hp ON hp.campaign_id = c.id
		WHERE $1 = ANY(hp.keyword_set_ids)
		ORDER BY c.created_at DESC`, keywordSetID)
	return campaigns, wrap("campaigns using keyword set", err)
}

func (s *campaignStorePostgres) HTTPResultsByProxy(ctx context.Context, exec store.Querier, proxyID uuid.UUID, since time.Time) (int64, error) {
	var count int64
	err := sqlx.GetContext(ctx, exec, &count, `SELECT COUNT(*) FROM http_keyword_results
		WHERE used_proxy_id = $1 AND last_checked_at >= $2`, proxyID, since)
	return count, wrap("http results by proxy", err)
}

func (s *campaignStorePostgres) HTTPResultsByPersona(ctx context.Context, exec store.Querier, personaID uuid.UUID, limit int) ([]models.HTTPKeywordResult, error) {
	results := []models.HTTPKeywordResult{}
	err := sqlx.SelectContext(ctx, exec, &results, `SELECT id, http_keyword_campaign_id, domain_name, validation_status,
			http_status_code, last_checked_at
		FROM http_keyword_results WHERE validated_by_persona_id = $1
		ORDER BY last_checked_at DESC NULLS LAST LIMIT $2`, personaID, clampLimit(limit))
	return results, wrap("http results by persona", err)
}

// GetCampaignProgress counts what each phase produced for a campaign in one round trip.
func (s *campaignStorePostgres) GetCampaignProgress(ctx context.Context, exec store.Querier, campaignID uuid.UUID) (*models.CampaignProgress, error) {
	p := &models.CampaignProgress{}
	err := sqlx.GetContext(ctx, exec, p, `
		WITH generated AS (
			SELECT COUNT(*) AS n FROM generated_domains WHERE domain_generation_campaign_id = $1
		), dns AS (
			SELECT COUNT(*) AS n, COUNT(*) FILTER (WHERE validation_status = 'resolved') AS ok
			FROM dns_validation_results WHERE dns_campaign_id = $1
		), http AS (
			SELECT COUNT(*) AS n, COUNT(*) FILTER (WHERE http_status_code BETWEEN 200 AND 299) AS ok
			FROM http_keyword_results WHERE http_keyword_campaign_id = $1
		)
		SELECT c.id, c.status, c.total_items, generated.n AS generated, dns.n AS dns_checked, dns.ok AS dns_ok,
		       http.n AS http_checked, http.ok AS http_ok
		FROM campaigns c, generated, dns, http
		WHERE c.id = $1`, campaignID)
	return p, wrap("get campaign progress", err)
}

// GetDomainsForHTTPValidation pages through the DNS results an HTTP keyword campaign reads.
func (s *campaignStorePostgres) GetDomainsForHTTPValidation(ctx context.Context, exec store.Querier, sourceCampaignID uuid.UUID, after string, limit int) ([]models.DNSValidationResult, error) {
	results := []models.DNSValidationResult{}
	err := sqlx.SelectContext(ctx, exec, &results, `SELECT d.id, d.domain_name, d.validation_status, d.dns_records
		FROM dns_validation_results d
		WHERE d.dns_campaign_id = $1 AND d.validation_status = 'resolved' AND d.domain_name > $2
		  AND NOT EXISTS (
			SELECT 1 FROM http_keyword_results h
			WHERE h.dns_result_id = d.id
		  )
		ORDER BY d.domain_name
		LIMIT $3`, sourceCampaignID, after, clampLimit(limit))
	return results, wrap("get domains for http validation", err)
}

func (s *campaignStorePostgres) UpdateHTTPKeywordParams(ctx context.Context, exec store.Querier, p *models.HTTPKeywordCampaignParams) error {
	_, err := exec.ExecContext(ctx, `UPDATE http_keyword_campaign_params
		SET keyword_set_ids = $2, ad_hoc_keywords = $3, proxy_pool_id = $4, proxy_selection_strategy = $5,
		    batch_size = $6, retry_attempts = $7, updated_at = NOW()
		WHERE campaign_id = $1`, p.CampaignID, pq.Array(p.KeywordSetIDs), pq.Array(p.AdHocKeywords),
		p.ProxyPoolID, p.ProxySelectionStrategy, p.BatchSize, p.RetryAttempts)
	return wrap("update http keyword params", err)
}

func (s *campaignStorePostgres) CountHTTPKeywordResults(ctx context.Context, exec store.Querier, campaignID uuid.UUID) (int64, error) {
	var count int64
	err := sqlx.GetContext(ctx, exec, &count,
		"SELECT COUNT(*) FROM http_keyword_results WHERE http_keyword_campaign_id = $1", campaignID)
	return count, wrap("count http keyword results", err)
}

func (s *campaignStorePostgres) GetHTTPKeywordResultByDomain(ctx context.Context, exec store.Querier, campaignID uuid.UUID, domain string) (*models.HTTPKeywordResult, error) {
	r := &models.HTTPKeywordResult{}
	err := sqlx.GetContext(ctx, exec, r, `SELECT id, http_keyword_campaign_id, domain_name, validation_status,
			http_status_code, response_headers, page_title, validated_by_persona_id, used_proxy_id,
			attempts, last_checked_at, created_at
		FROM http_keyword_results WHERE http_keyword_campaign_id = $1 AND domain_name = $2`, campaignID, domain)
	return r, wrap("get http keyword result", err)
}

// ---------------------------------------------------------------------------
// HTTP keyword results
//
// One row per (campaign, domain). A batch is written as one multi-row INSERT;
// a domain fetched again (a retry after a timeout, or a campaign restarted)
// updates its row instead of failing on the unique key, and attempts counts the
// fetches. found_keywords_from_sets holds, per keyword set, the rules that
// matched and where; found_ad_hoc_keywords the campaign's own keywords that
// matched. extracted_content_snippet keeps a window of the page around the
// first match and content_hash lets a later run skip pages that did not
// change. All of these are written by every batch: a database missing any of
// them fails the whole INSERT, and the campaign with it: the worker records
// the error on the campaign (error_message) and marks it failed, which is how
// the problem first showed up. The read side below selects a subset of the
// same columns for the results page and the CSV export, joined to the DNS
// result each row came from.
// ---------------------------------------------------------------------------

// CreateHTTPKeywordResults stores one batch of HTTP keyword validation results.
func (s *campaignStorePostgres) CreateHTTPKeywordResults(ctx context.Context, exec store.Querier, results []models.HTTPKeywordResult) error {
	if len(results) == 0 {
		return nil
	}
	query := `
		INSERT INTO http_keyword_results
			(id, http_keyword_campaign_id, dns_result_id, domain_name, validation_status,
			 http_status_code, response_headers, page_title, extracted_content_snippet,
			 found_keywords_from_sets, found_ad_hoc_keywords, content_hash,
			 validated_by_persona_id, used_proxy_id, attempts, last_checked_at, created_at)
		VALUES
			(:id, :http_keyword_campaign_id, :dns_result_id, :domain_name, :validation_status,
			 :http_status_code, :response_headers, :page_title, :extracted_content_snippet,
			 :found_keywords_from_sets, :found_ad_hoc_keywords, :content_hash,
			 :validated_by_persona_id, :used_proxy_id, :attempts, :last_checked_at, :created_at)
		ON CONFLICT (http_keyword_campaign_id, domain_name) DO UPDATE SET
			validation_status = EXCLUDED.validation_status,
			http_status_code = EXCLUDED.http_status_code,
			page_title = EXCLUDED.page_title,
			extracted_content_snippet = EXCLUDED.extracted_content_snippet,
			found_keywords_from_sets = EXCLUDED.found_keywords_from_sets,
			found_ad_hoc_keywords = EXCLUDED.found_ad_hoc_keywords,
			content_hash = EXCLUDED.content_hash,
			attempts = http_keyword_results.attempts + 1,
			last_checked_at = EXCLUDED.last_checked_at`
	_, err := sqlx.NamedExecContext(ctx, exec, query, results)
	return wrap("create http keyword results", err)
}

func (s *campaignStorePostgres) GetHTTPKeywordResultsByCampaign(ctx context.Context, exec store.Querier, campaignID uuid.UUID, limit, offset int) ([]models.HTTPKeywordResult, error) {
	results := []models.HTTPKeywordResult{}
	query := `SELECT h.id, h.http_keyword_campaign_id, h.dns_result_id, h.domain_name, h.validation_status,
			h.http_status_code, h.page_title, h.content_hash, h.attempts, h.last_checked_at, h.created_at,
			d.dns_records
		FROM http_keyword_results h
		LEFT JOIN dns_validation_results d ON d.id = h.dns_result_id
		WHERE h.http_keyword_campaign_id = $1
		ORDER BY h.created_at ASC
		LIMIT $2 OFFSET $3`
	err := sqlx.SelectContext(ctx, exec, &results, query, campaignID, clampLimit(limit), offset)
	return results, wrap("get http keyword results", err)
}
