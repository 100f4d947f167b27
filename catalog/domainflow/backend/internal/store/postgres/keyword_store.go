package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/fntelecomllc/domainflow/backend/internal/models"
	"github.com/fntelecomllc/domainflow/backend/internal/store"
)

// keywordStorePostgres implements store.KeywordStore: keyword sets and their rules.
//
// A keyword set keeps its rules twice: as the rules JSONB document (what the HTTP
// keyword validator loads in one read) and as keyword_rules rows (what the UI
// edits one by one). Writes go to both in one transaction.
type keywordStorePostgres struct {
	db *sqlx.DB
}

// NewKeywordStorePostgres returns the PostgreSQL keyword store.
func NewKeywordStorePostgres(db *sqlx.DB) store.KeywordStore {
	return &keywordStorePostgres{db: db}
}

func (s *keywordStorePostgres) BeginTxx(ctx context.Context, opts *sql.TxOptions) (*sqlx.Tx, error) {
	return s.db.BeginTxx(ctx, opts)
}

func (s *keywordStorePostgres) CreateKeywordSet(ctx context.Context, exec store.Querier, ks *models.KeywordSet) error {
	rules, err := json.Marshal(ks.Rules)
	if err != nil {
		return fmt.Errorf("encode rules: %w", err)
	}
	query := `INSERT INTO keyword_sets (id, name, description, is_enabled, rules, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`
	_, err = exec.ExecContext(ctx, query, ks.ID, ks.Name, ks.Description, ks.IsEnabled, rules,
		ks.CreatedAt, ks.UpdatedAt)
	if isUniqueViolation(err) {
		return store.ErrDuplicateEntry
	}
	return wrap("create keyword set", err)
}

func (s *keywordStorePostgres) GetKeywordSetByID(ctx context.Context, exec store.Querier, id uuid.UUID) (*models.KeywordSet, error) {
	ks := &models.KeywordSet{}
	var rules []byte
	query := `SELECT id, name, description, is_enabled, rules, created_at, updated_at
		FROM keyword_sets WHERE id = $1`
	err := exec.QueryRowxContext(ctx, query, id).Scan(&ks.ID, &ks.Name, &ks.Description, &ks.IsEnabled,
		&rules, &ks.CreatedAt, &ks.UpdatedAt)
	if err != nil {
		return nil, wrap("get keyword set", err)
	}
	if err := json.Unmarshal(rules, &ks.Rules); err != nil {
		return nil, fmt.Errorf("decode rules of keyword set %s: %w", id, err)
	}
	return ks, nil
}

func (s *keywordStorePostgres) GetKeywordSetByName(ctx context.Context, exec store.Querier, name string) (*models.KeywordSet, error) {
	ks := &models.KeywordSet{}
	err := sqlx.GetContext(ctx, exec, ks, `SELECT id, name, description, is_enabled, created_at, updated_at
		FROM keyword_sets WHERE name = $1`, name)
	return ks, wrap("get keyword set by name", err)
}

// ListKeywordSets pages through keyword sets, optionally only the enabled ones or
// those whose name contains a search term.
func (s *keywordStorePostgres) ListKeywordSets(ctx context.Context, exec store.Querier, filter store.ListKeywordSetsFilter) ([]models.KeywordSet, error) {
	var conditions []string
	args := []any{}
	if filter.IsEnabled != nil {
		args = append(args, *filter.IsEnabled)
		conditions = append(conditions, fmt.Sprintf("is_enabled = $%d", len(args)))
	}
	if filter.Search != "" {
		args = append(args, "%"+filter.Search+"%")
		conditions = append(conditions, fmt.Sprintf("name ILIKE $%d", len(args)))
	}
	query := "SELECT id, name, description, is_enabled, created_at, updated_at FROM keyword_sets"
	if len(conditions) > 0 {
		query += " WHERE " + strings.Join(conditions, " AND ")
	}
	query += fmt.Sprintf(" ORDER BY name LIMIT %d OFFSET %d", clampLimit(filter.Limit), filter.Offset)
	sets := []models.KeywordSet{}
	err := sqlx.SelectContext(ctx, exec, &sets, query, args...)
	return sets, wrap("list keyword sets", err)
}

func (s *keywordStorePostgres) UpdateKeywordSet(ctx context.Context, exec store.Querier, ks *models.KeywordSet) error {
	rules, err := json.Marshal(ks.Rules)
	if err != nil {
		return fmt.Errorf("encode rules: %w", err)
	}
	res, err := exec.ExecContext(ctx, `UPDATE keyword_sets
		SET name = $2, description = $3, is_enabled = $4, rules = $5, updated_at = NOW()
		WHERE id = $1`, ks.ID, ks.Name, ks.Description, ks.IsEnabled, rules)
	if err != nil {
		return wrap("update keyword set", err)
	}
	return rowsAffected(res)
}

func (s *keywordStorePostgres) DeleteKeywordSet(ctx context.Context, exec store.Querier, id uuid.UUID) error {
	res, err := exec.ExecContext(ctx, "DELETE FROM keyword_sets WHERE id = $1", id)
	if err != nil {
		return wrap("delete keyword set", err)
	}
	return rowsAffected(res)
}

// RefreshKeywordSetRules rebuilds the rules document of a set from its rule rows.
func (s *keywordStorePostgres) RefreshKeywordSetRules(ctx context.Context, exec store.Querier, keywordSetID uuid.UUID) error {
	_, err := exec.ExecContext(ctx, `
		UPDATE keyword_sets ks
		SET rules = COALESCE((
			SELECT jsonb_agg(jsonb_build_object(
				'id', kr.id, 'pattern', kr.pattern, 'ruleType', kr.rule_type,
				'isCaseSensitive', kr.is_case_sensitive, 'category', kr.category,
				'contextChars', kr.context_chars) ORDER BY kr.created_at)
			FROM keyword_rules kr
			WHERE kr.keyword_set_id = ks.id
		), '[]'::jsonb),
		updated_at = NOW()
		WHERE ks.id = $1`, keywordSetID)
	return wrap("refresh keyword set rules", err)
}

// RuleCategories lists the categories a set's rules use, for the filter menu of
// the keyword set editor.
func (s *keywordStorePostgres) RuleCategories(ctx context.Context, exec store.Querier, keywordSetID uuid.UUID) ([]string, error) {
	categories := []string{}
	err := sqlx.SelectContext(ctx, exec, &categories, `SELECT DISTINCT category FROM keyword_rules
		WHERE keyword_set_id = $1 AND category IS NOT NULL
		ORDER BY category`, keywordSetID)
	return categories, wrap("rule categories", err)
}

func (s *keywordStorePostgres) GetKeywordSetsByIDs(ctx context.Context, exec store.Querier, ids []uuid.UUID) ([]models.KeywordSet, error) {
	sets := []models.KeywordSet{}
	err := sqlx.SelectContext(ctx, exec, &sets, `SELECT id, name, description, is_enabled, rules, created_at, updated_at
		FROM keyword_sets WHERE id = ANY($1) AND is_enabled ORDER BY name`, pq.Array(ids))
	return sets, wrap("get keyword sets by ids", err)
}

func (s *keywordStorePostgres) CountKeywordSets(ctx context.Context, exec store.Querier) (int64, error) {
	var n int64
	err := sqlx.GetContext(ctx, exec, &n, "SELECT COUNT(*) FROM keyword_sets")
	return n, wrap("count keyword sets", err)
}

func (s *keywordStorePostgres) SetKeywordSetEnabled(ctx context.Context, exec store.Querier, id uuid.UUID, enabled bool) error {
	res, err := exec.ExecContext(ctx,
		"UPDATE keyword_sets SET is_enabled = $2, updated_at = NOW() WHERE id = $1", id, enabled)
	if err != nil {
		return wrap("set keyword set enabled", err)
	}
	return rowsAffected(res)
}

// CloneKeywordSet copies a set and its rules under a new name.
func (s *keywordStorePostgres) CloneKeywordSet(ctx context.Context, exec store.Querier, sourceID, newID uuid.UUID, name string) error {
	if _, err := exec.ExecContext(ctx, `INSERT INTO keyword_sets (id, name, description, is_enabled, rules, created_at, updated_at)
		SELECT $2, $3, description, is_enabled, rules, NOW(), NOW()
		FROM keyword_sets WHERE id = $1`, sourceID, newID, name); err != nil {
		return wrap("clone keyword set", err)
	}
	_, err := exec.ExecContext(ctx, `INSERT INTO keyword_rules
			(id, keyword_set_id, pattern, rule_type, is_case_sensitive, category, context_chars, created_at, updated_at)
		SELECT gen_random_uuid(), $2, pattern, rule_type, is_case_sensitive, category, context_chars, NOW(), NOW()
		FROM keyword_rules WHERE keyword_set_id = $1`, sourceID, newID)
	return wrap("clone keyword rules", err)
}

// KeywordSetsInUse lists the sets an active HTTP keyword campaign reads; they cannot be deleted.
func (s *keywordStorePostgres) KeywordSetsInUse(ctx context.Context, exec store.Querier) ([]uuid.UUID, error) {
	ids := []uuid.UUID{}
	err := sqlx.SelectContext(ctx, exec, &ids, `
		WITH active AS (
			SELECT hp.keyword_set_ids
			FROM http_keyword_campaign_params hp
			JOIN campaigns c ON c.id = hp.campaign_id
			WHERE c.status IN ('queued', 'running', 'pausing', 'paused')
		)
		SELECT DISTINCT ks.id
		FROM keyword_sets ks, active
		WHERE ks.id = ANY(active.keyword_set_ids)`)
	return ids, wrap("keyword sets in use", err)
}

// ExportKeywordSet returns a set and its rules as one JSON document for download.
func (s *keywordStorePostgres) ExportKeywordSet(ctx context.Context, exec store.Querier, id uuid.UUID) (json.RawMessage, error) {
	var doc json.RawMessage
	err := sqlx.GetContext(ctx, exec, &doc, `SELECT jsonb_build_object(
			'name', ks.name,
			'description', ks.description,
			'rules', COALESCE(jsonb_agg(jsonb_build_object('pattern', kr.pattern, 'ruleType', kr.rule_type,
				'isCaseSensitive', kr.is_case_sensitive, 'category', kr.category))
				FILTER (WHERE kr.id IS NOT NULL), '[]'::jsonb))
		FROM keyword_sets ks
		LEFT JOIN keyword_rules kr ON kr.keyword_set_id = ks.id
		WHERE ks.id = $1
		GROUP BY ks.id, ks.name, ks.description`, id)
	return doc, wrap("export keyword set", err)
}

// CreateKeywordRule adds one rule to a keyword set.
func (s *keywordStorePostgres) CreateKeywordRule(ctx context.Context, exec store.Querier, rule *models.KeywordRule) error {
	query := `
		INSERT INTO keyword_rules (id, keyword_set_id, pattern, rule_type, is_case_sensitive, category,
			context_chars, created_at, updated_at)
		VALUES (:id, :keyword_set_id, :pattern, :rule_type, :is_case_sensitive, :category,
			:context_chars, :created_at, :updated_at)`
	_, err := sqlx.NamedExecContext(ctx, exec, query, rule)
	return wrap("create keyword rule", err)
}

func (s *keywordStorePostgres) GetKeywordRulesBySetID(ctx context.Context, exec store.Querier, keywordSetID uuid.UUID) ([]models.KeywordRule, error) {
	rules := []models.KeywordRule{}
	err := sqlx.SelectContext(ctx, exec, &rules, `SELECT id, keyword_set_id, pattern, rule_type, is_case_sensitive,
			category, context_chars, created_at, updated_at
		FROM keyword_rules WHERE keyword_set_id = $1 ORDER BY created_at`, keywordSetID)
	return rules, wrap("get keyword rules", err)
}

func (s *keywordStorePostgres) UpdateKeywordRule(ctx context.Context, exec store.Querier, rule *models.KeywordRule) error {
	res, err := exec.ExecContext(ctx, `UPDATE keyword_rules
		SET pattern = $2, rule_type = $3, is_case_sensitive = $4, category = $5, context_chars = $6, updated_at = NOW()
		WHERE id = $1`, rule.ID, rule.Pattern, rule.RuleType, rule.IsCaseSensitive, rule.Category, rule.ContextChars)
	if err != nil {
		return wrap("update keyword rule", err)
	}
	return rowsAffected(res)
}

func (s *keywordStorePostgres) DeleteKeywordRule(ctx context.Context, exec store.Querier, id uuid.UUID) error {
	_, err := exec.ExecContext(ctx, "DELETE FROM keyword_rules WHERE id = $1", id)
	return wrap("delete keyword rule", err)
}

// KeywordRuleCounts counts the rules of every enabled set, for the keyword set list.
func (s *keywordStorePostgres) KeywordRuleCounts(ctx context.Context, exec store.Querier) (map[uuid.UUID]int, error) {
	rows, err := exec.QueryxContext(ctx, `SELECT ks.id, COUNT(kr.id)
		FROM keyword_sets ks
		LEFT JOIN keyword_rules kr ON kr.keyword_set_id = ks.id
		WHERE ks.is_enabled
		GROUP BY ks.id`)
	if err != nil {
		return nil, wrap("keyword rule counts", err)
	}
	defer rows.Close()
	counts := map[uuid.UUID]int{}
	for rows.Next() {
		var id uuid.UUID
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		counts[id] = n
	}
	return counts, rows.Err()
}
