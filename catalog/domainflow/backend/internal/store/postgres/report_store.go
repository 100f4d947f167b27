package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	sq "github.com/Masterminds/squirrel"
	"github.com/jmoiron/sqlx"

	"github.com/fntelecomllc/domainflow/backend/internal/store"
)

// reportStorePostgres serves the operations dashboard. Its queries are assembled at run time
// (column lists joined, optional filters appended, a squirrel chain), the way the dashboard
// code grew: remedy reads them variant by variant.
type reportStorePostgres struct {
	db *sqlx.DB
}

var psql = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)

var jobReportColumns = []string{"id", "campaign_id", "job_type", "status", "business_status", "last_attempted_at"}

func argRef(n int) string { return "$" + strconv.Itoa(n) }

// JobReport lists jobs for the dashboard, optionally filtered by status and business status.
func (s *reportStorePostgres) JobReport(ctx context.Context, exec store.Querier, status, businessStatus string, limit int) ([]map[string]any, error) {
	where, args := []string{"1 = 1"}, []any{}
	if status != "" {
		args = append(args, status)
		where = append(where, "status = "+argRef(len(args)))
	}
	if businessStatus != "" {
		args = append(args, businessStatus)
		where = append(where, "business_status = "+argRef(len(args)))
	}
	query := fmt.Sprintf("SELECT %s FROM campaign_jobs WHERE %s ORDER BY last_attempted_at DESC NULLS LAST LIMIT %d",
		strings.Join(jobReportColumns, ", "), strings.Join(where, " AND "), clampLimit(limit))
	rows := []map[string]any{}
	err := sqlx.SelectContext(ctx, exec, &rows, query, args...)
	return rows, wrap("job report", err)
}

// AddPoolMembers puts proxies into a pool, active from now.
func (s *reportStorePostgres) AddPoolMembers(ctx context.Context, exec store.Querier, poolID string, proxyIDs []string) error {
	columns := []string{"pool_id", "proxy_id", "weight", "is_active", "added_at"}
	stmt := "INSERT INTO proxy_pool_memberships (" + strings.Join(columns, ", ") + ") VALUES (" +
		placeholders(1, len(columns)) + ") ON CONFLICT (pool_id, proxy_id) DO UPDATE SET is_active = EXCLUDED.is_active"
	for _, proxyID := range proxyIDs {
		if _, err := exec.ExecContext(ctx, stmt, poolID, proxyID, 1, true, nowUTC()); err != nil {
			return wrap("add pool member", err)
		}
	}
	return nil
}

// KeywordSetRules reads the rules documents the HTTP validator loads, enabled sets first.
func (s *reportStorePostgres) KeywordSetRules(ctx context.Context, exec store.Querier, onlyEnabled bool) ([]map[string]any, error) {
	q := psql.Select("id", "name", "rules").From("keyword_sets").OrderBy("is_enabled DESC", "name")
	if onlyEnabled {
		q = q.Where(sq.Eq{"is_enabled": true})
	}
	query, args, err := q.ToSql()
	if err != nil {
		return nil, err
	}
	rows := []map[string]any{}
	err = sqlx.SelectContext(ctx, exec, &rows, query, args...)
	return rows, wrap("keyword set rules", err)
}

// MarkLeads sets the business status of the DNS results of one campaign.
func (s *reportStorePostgres) MarkLeads(ctx context.Context, exec store.Querier, campaignID string, status string) error {
	var b strings.Builder
	b.WriteString("UPDATE dns_validation_results SET business_status = $1")
	b.WriteString(" WHERE dns_campaign_id = $2 AND validation_status = 'resolved'")
	_, err := exec.ExecContext(ctx, b.String(), status, campaignID)
	return wrap("mark leads", err)
}
