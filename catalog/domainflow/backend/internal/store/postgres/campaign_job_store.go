package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/fntelecomllc/domainflow/backend/internal/models"
	"github.com/fntelecomllc/domainflow/backend/internal/store"
)

// campaignJobStorePostgres implements store.CampaignJobStore: the queue the
// background workers claim campaign work from.
type campaignJobStorePostgres struct {
	db *sqlx.DB
}

// NewCampaignJobStorePostgres returns the PostgreSQL job store.
func NewCampaignJobStorePostgres(db *sqlx.DB) store.CampaignJobStore {
	return &campaignJobStorePostgres{db: db}
}

// jobRetryBackoff is how long a failed job waits before it is queued again.
func jobRetryBackoff(attempts int) time.Duration {
	if attempts < 1 {
		attempts = 1
	}
	return time.Duration(attempts*attempts) * 30 * time.Second
}

// Job types the workers understand.
const (
	JobTypeDomainGeneration      = "domain_generation"
	JobTypeDNSValidation         = "dns_validation"
	JobTypeHTTPKeywordValidation = "http_keyword_validation"
)

// Job statuses, as in job_status_enum.
const (
	JobStatusPending    = "pending"
	JobStatusQueued     = "queued"
	JobStatusRunning    = "running"
	JobStatusProcessing = "processing"
	JobStatusCompleted  = "completed"
	JobStatusFailed     = "failed"
	JobStatusRetry      = "retry"
)

// CreateJob enqueues one unit of campaign work.
func (s *campaignJobStorePostgres) CreateJob(ctx context.Context, exec store.Querier, job *models.CampaignJob) error {
	query := `
		INSERT INTO campaign_jobs
			(id, campaign_id, job_type, status, scheduled_at, job_payload, attempts, max_attempts,
			 next_execution_at, created_at, updated_at)
		VALUES (:id, :campaign_id, :job_type, :status, :scheduled_at, :job_payload, :attempts, :max_attempts,
			 :next_execution_at, :created_at, :updated_at)`
	_, err := sqlx.NamedExecContext(ctx, exec, query, job)
	if err != nil {
		return fmt.Errorf("create job: %w", err)
	}
	return nil
}

func (s *campaignJobStorePostgres) GetJobByID(ctx context.Context, exec store.Querier, id uuid.UUID) (*models.CampaignJob, error) {
	job := &models.CampaignJob{}
	query := `SELECT id, campaign_id, job_type, status, scheduled_at, job_payload, attempts, max_attempts,
			last_error, last_attempted_at, processing_server_id, next_execution_at, locked_at, locked_by,
			business_status, created_at, updated_at
		FROM campaign_jobs WHERE id = $1`
	if err := sqlx.GetContext(ctx, exec, job, query, id); err != nil {
		if err == sql.ErrNoRows {
			return nil, store.ErrNotFound
		}
		return nil, fmt.Errorf("get job: %w", err)
	}
	return job, nil
}

func (s *campaignJobStorePostgres) UpdateJob(ctx context.Context, exec store.Querier, job *models.CampaignJob) error {
	query := `UPDATE campaign_jobs SET
			status = :status, attempts = :attempts, last_error = :last_error,
			last_attempted_at = :last_attempted_at, processing_server_id = :processing_server_id,
			next_execution_at = :next_execution_at, locked_at = :locked_at, locked_by = :locked_by,
			job_payload = :job_payload, updated_at = NOW()
		WHERE id = :id`
	res, err := sqlx.NamedExecContext(ctx, exec, query, job)
	if err != nil {
		return fmt.Errorf("update job: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrNotFound
	}
	return nil
}

// GetNextQueuedJob claims the oldest runnable job of the given types for a worker.
// SKIP LOCKED lets several workers claim concurrently without waiting on each other.
func (s *campaignJobStorePostgres) GetNextQueuedJob(ctx context.Context, exec store.Querier, jobTypes []string, workerID string) (*models.CampaignJob, error) {
	job := &models.CampaignJob{}
	query := `
		UPDATE campaign_jobs
		SET status = 'processing', processing_server_id = $2, locked_at = NOW(), locked_by = $2,
		    last_attempted_at = NOW(), attempts = attempts + 1, updated_at = NOW()
		WHERE id = (
			SELECT id FROM campaign_jobs
			WHERE status IN ('queued', 'retry')
			  AND (next_execution_at IS NULL OR next_execution_at <= NOW())
			  AND job_type = ANY($1)
			ORDER BY next_execution_at NULLS FIRST, created_at
			LIMIT 1
			FOR UPDATE SKIP LOCKED
		)
		RETURNING id, campaign_id, job_type, status, job_payload, attempts, max_attempts, created_at`
	err := sqlx.GetContext(ctx, exec, job, query, pq.Array(jobTypes), workerID)
	if err == sql.ErrNoRows {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("claim job: %w", err)
	}
	return job, nil
}

func (s *campaignJobStorePostgres) ListJobs(ctx context.Context, exec store.Querier, filter store.ListJobsFilter) ([]models.CampaignJob, error) {
	query := "SELECT id, campaign_id, job_type, status, attempts, max_attempts, last_error, next_execution_at, " +
		"created_at, updated_at FROM campaign_jobs WHERE 1=1"
	args := []any{}
	if filter.CampaignID != nil {
		args = append(args, *filter.CampaignID)
		query += fmt.Sprintf(" AND campaign_id = $%d", len(args))
	}
	if filter.Status != "" {
		args = append(args, filter.Status)
		query += fmt.Sprintf(" AND status = $%d", len(args))
	}
	if filter.JobType != "" {
		args = append(args, filter.JobType)
		query += fmt.Sprintf(" AND job_type = $%d", len(args))
	}
	query += fmt.Sprintf(" ORDER BY created_at DESC LIMIT %d OFFSET %d", filter.Limit, filter.Offset)
	jobs := []models.CampaignJob{}
	if err := sqlx.SelectContext(ctx, exec, &jobs, query, args...); err != nil {
		return nil, fmt.Errorf("list jobs: %w", err)
	}
	return jobs, nil
}

func (s *campaignJobStorePostgres) DeleteJob(ctx context.Context, exec store.Querier, id uuid.UUID) error {
	_, err := exec.ExecContext(ctx, "DELETE FROM campaign_jobs WHERE id = $1", id)
	return err
}

// RetryJob puts a failed job back in the queue after a backoff, or fails it for good.
func (s *campaignJobStorePostgres) RetryJob(ctx context.Context, exec store.Querier, job *models.CampaignJob, cause error) error {
	status := "retry"
	if job.Attempts >= job.MaxAttempts {
		status = "failed"
	}
	_, err := exec.ExecContext(ctx, `UPDATE campaign_jobs
		SET status = $2, last_error = $3, next_execution_at = $4, locked_at = NULL, locked_by = NULL,
		    processing_server_id = NULL, updated_at = NOW()
		WHERE id = $1`, job.ID, status, cause.Error(), time.Now().Add(jobRetryBackoff(job.Attempts)))
	return err
}

// ReleaseStaleLocks requeues jobs whose worker stopped heartbeating.
func (s *campaignJobStorePostgres) ReleaseStaleLocks(ctx context.Context, exec store.Querier, olderThan time.Duration) (int64, error) {
	res, err := exec.ExecContext(ctx, `UPDATE campaign_jobs
		SET status = 'queued', locked_at = NULL, locked_by = NULL, processing_server_id = NULL, updated_at = NOW()
		WHERE status = 'processing' AND locked_at < $1`, time.Now().Add(-olderThan))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// CompleteJob marks a job done and clears its lock.
func (s *campaignJobStorePostgres) CompleteJob(ctx context.Context, exec store.Querier, id uuid.UUID) error {
	res, err := exec.ExecContext(ctx, `UPDATE campaign_jobs
		SET status = 'completed', locked_at = NULL, locked_by = NULL, last_error = NULL, updated_at = NOW()
		WHERE id = $1 AND status = 'processing'`, id)
	if err != nil {
		return fmt.Errorf("complete job: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrNotFound
	}
	return nil
}

// Heartbeat extends a worker's lock on the jobs it holds.
func (s *campaignJobStorePostgres) Heartbeat(ctx context.Context, exec store.Querier, workerID string) error {
	_, err := exec.ExecContext(ctx, `UPDATE campaign_jobs SET locked_at = NOW()
		WHERE processing_server_id = $1 AND status = 'processing'`, workerID)
	return err
}

// JobsForCampaign lists every job of a campaign, oldest first.
func (s *campaignJobStorePostgres) JobsForCampaign(ctx context.Context, exec store.Querier, campaignID uuid.UUID) ([]models.CampaignJob, error) {
	jobs := []models.CampaignJob{}
	err := sqlx.SelectContext(ctx, exec, &jobs, `SELECT id, job_type, status, attempts, last_error, last_attempted_at,
			business_status, created_at
		FROM campaign_jobs WHERE campaign_id = $1 ORDER BY created_at`, campaignID)
	return jobs, err
}

// DeleteJobsForCampaign removes a campaign's jobs when the campaign is deleted.
func (s *campaignJobStorePostgres) DeleteJobsForCampaign(ctx context.Context, exec store.Querier, campaignID uuid.UUID) error {
	_, err := exec.ExecContext(ctx, "DELETE FROM campaign_jobs WHERE campaign_id = $1", campaignID)
	return err
}

// UpdateJobBusinessStatus records what the job's outcome means for the campaign
// (for example "partial" when some batches failed); the UI shows it beside status.
func (s *campaignJobStorePostgres) UpdateJobBusinessStatus(ctx context.Context, exec store.Querier, id uuid.UUID, businessStatus string) error {
	_, err := exec.ExecContext(ctx,
		"UPDATE campaign_jobs SET business_status = $2, updated_at = NOW() WHERE id = $1", id, businessStatus)
	return err
}

// CountJobsByStatus summarises a campaign's jobs for its detail page.
func (s *campaignJobStorePostgres) CountJobsByStatus(ctx context.Context, exec store.Querier, campaignID uuid.UUID) (map[string]int, error) {
	rows, err := exec.QueryxContext(ctx, `SELECT status, COUNT(*) FROM campaign_jobs
		WHERE campaign_id = $1 GROUP BY status`, campaignID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	counts := map[string]int{}
	for rows.Next() {
		var status string
		var n int
		if err := rows.Scan(&status, &n); err != nil {
			return nil, err
		}
		counts[status] = n
	}
	return counts, rows.Err()
}

// JobsAwaitingReview lists a user's finished jobs that have no business status yet.
func (s *campaignJobStorePostgres) JobsAwaitingReview(ctx context.Context, exec store.Querier, userID uuid.UUID) ([]models.CampaignJob, error) {
	jobs := []models.CampaignJob{}
	err := sqlx.SelectContext(ctx, exec, &jobs, `SELECT j.id, j.campaign_id, j.job_type, j.status, j.updated_at
		FROM campaign_jobs j
		JOIN campaigns c ON c.id = j.campaign_id
		WHERE c.user_id = $1 AND j.status = 'completed' AND business_status IS NULL
		ORDER BY j.updated_at DESC`, userID)
	return jobs, err
}
