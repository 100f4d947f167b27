// Package models holds the rows the DomainFlow stores read and write.
//
// Every struct mirrors one table of the expected schema (catalog/domainflow/schema):
// its db tags are the column names the stores scan into and bind from.
package models

import (
	"database/sql"
	"encoding/json"
	"time"

	"github.com/google/uuid"
	"github.com/lib/pq"
)

// CampaignTypeEnum mirrors the PostgreSQL enum campaign_type_enum.
type CampaignTypeEnum string

const (
	CampaignTypeDomainGeneration          CampaignTypeEnum = "domain_generation"
	CampaignTypeDNSValidation             CampaignTypeEnum = "dns_validation"
	CampaignTypeHTTPKeywordValidation     CampaignTypeEnum = "http_keyword_validation"
)

// CampaignStatusEnum mirrors the PostgreSQL enum campaign_status_enum.
type CampaignStatusEnum string

const (
	CampaignStatusPending       CampaignStatusEnum = "pending"
	CampaignStatusQueued        CampaignStatusEnum = "queued"
	CampaignStatusRunning       CampaignStatusEnum = "running"
	CampaignStatusPausing       CampaignStatusEnum = "pausing"
	CampaignStatusPaused        CampaignStatusEnum = "paused"
	CampaignStatusCompleted     CampaignStatusEnum = "completed"
	CampaignStatusFailed        CampaignStatusEnum = "failed"
	CampaignStatusArchived      CampaignStatusEnum = "archived"
	CampaignStatusCancelled     CampaignStatusEnum = "cancelled"
)

// JobStatusEnum mirrors the PostgreSQL enum job_status_enum.
type JobStatusEnum string

const (
	JobStatusPending        JobStatusEnum = "pending"
	JobStatusQueued         JobStatusEnum = "queued"
	JobStatusRunning        JobStatusEnum = "running"
	JobStatusProcessing     JobStatusEnum = "processing"
	JobStatusCompleted      JobStatusEnum = "completed"
	JobStatusFailed         JobStatusEnum = "failed"
	JobStatusRetry          JobStatusEnum = "retry"
)

// PersonaTypeEnum mirrors the PostgreSQL enum persona_type_enum.
type PersonaTypeEnum string

const (
	PersonaTypeDNS      PersonaTypeEnum = "dns"
	PersonaTypeHTTP     PersonaTypeEnum = "http"
)

// ProxyProtocolEnum mirrors the PostgreSQL enum proxy_protocol_enum.
type ProxyProtocolEnum string

const (
	ProxyProtocolHTTP       ProxyProtocolEnum = "http"
	ProxyProtocolHttps      ProxyProtocolEnum = "https"
	ProxyProtocolSocks5     ProxyProtocolEnum = "socks5"
	ProxyProtocolSocks4     ProxyProtocolEnum = "socks4"
)

// KeywordRuleTypeEnum mirrors the PostgreSQL enum keyword_rule_type_enum.
type KeywordRuleTypeEnum string

const (
	KeywordRuleTypeString     KeywordRuleTypeEnum = "string"
	KeywordRuleTypeRegex      KeywordRuleTypeEnum = "regex"
)

// Campaign is the top-level unit of work: one domain generation, DNS validation
// or HTTP keyword validation run.
type Campaign struct {
	ID                    uuid.UUID          `db:"id" json:"id"`
	Name                  string             `db:"name" json:"name"`
	CampaignType          CampaignTypeEnum   `db:"campaign_type" json:"campaignType"`
	Status                CampaignStatusEnum `db:"status" json:"status"`
	UserID                uuid.NullUUID      `db:"user_id" json:"userID,omitempty"`
	TotalItems            sql.NullInt64      `db:"total_items" json:"totalItems,omitempty"`
	ProcessedItems        sql.NullInt64      `db:"processed_items" json:"processedItems,omitempty"`
	SuccessfulItems       sql.NullInt64      `db:"successful_items" json:"successfulItems,omitempty"`
	FailedItems           sql.NullInt64      `db:"failed_items" json:"failedItems,omitempty"`
	ProgressPercentage    sql.NullFloat64    `db:"progress_percentage" json:"progressPercentage,omitempty"`
	Metadata              *json.RawMessage   `db:"metadata" json:"metadata,omitempty"`
	ErrorMessage          sql.NullString     `db:"error_message" json:"errorMessage,omitempty"`
	StartedAt             sql.NullTime       `db:"started_at" json:"startedAt,omitempty"`
	CompletedAt           sql.NullTime       `db:"completed_at" json:"completedAt,omitempty"`
	EstimatedCompletionAt sql.NullTime       `db:"estimated_completion_at" json:"estimatedCompletionAt,omitempty"`
	CreatedAt             time.Time          `db:"created_at" json:"createdAt"`
	UpdatedAt             time.Time          `db:"updated_at" json:"updatedAt"`
}

// DomainGenerationCampaignParams holds the generator settings of a domain
// generation campaign and how far it has got (CurrentOffset).
type DomainGenerationCampaignParams struct {
	CampaignID                uuid.UUID      `db:"campaign_id" json:"campaignID"`
	PatternType               string         `db:"pattern_type" json:"patternType"`
	VariableLength            sql.NullInt32  `db:"variable_length" json:"variableLength,omitempty"`
	CharacterSet              sql.NullString `db:"character_set" json:"characterSet,omitempty"`
	ConstantString            sql.NullString `db:"constant_string" json:"constantString,omitempty"`
	TLD                       string         `db:"tld" json:"tld"`
	NumDomainsToGenerate      int32          `db:"num_domains_to_generate" json:"numDomainsToGenerate"`
	TotalPossibleCombinations int64          `db:"total_possible_combinations" json:"totalPossibleCombinations"`
	CurrentOffset             int64          `db:"current_offset" json:"currentOffset"`
	CreatedAt                 time.Time      `db:"created_at" json:"createdAt"`
	UpdatedAt                 time.Time      `db:"updated_at" json:"updatedAt"`
}

// GeneratedDomain is one domain produced by a domain generation campaign.
type GeneratedDomain struct {
	ID                         uuid.UUID      `db:"id" json:"id"`
	DomainGenerationCampaignID uuid.UUID      `db:"domain_generation_campaign_id" json:"domainGenerationCampaignID"`
	DomainName                 string         `db:"domain_name" json:"domainName"`
	SourceKeyword              sql.NullString `db:"source_keyword" json:"sourceKeyword,omitempty"`
	SourcePattern              sql.NullString `db:"source_pattern" json:"sourcePattern,omitempty"`
	TLD                        sql.NullString `db:"tld" json:"tld,omitempty"`
	OffsetIndex                int64          `db:"offset_index" json:"offsetIndex"`
	GeneratedAt                time.Time      `db:"generated_at" json:"generatedAt"`
	CreatedAt                  time.Time      `db:"created_at" json:"createdAt"`
}

// DNSValidationCampaignParams configures a DNS validation campaign.
type DNSValidationCampaignParams struct {
	CampaignID                 uuid.UUID        `db:"campaign_id" json:"campaignID"`
	SourceGenerationCampaignID uuid.NullUUID    `db:"source_generation_campaign_id" json:"sourceGenerationCampaignID,omitempty"`
	PersonaIDs                 []uuid.UUID      `db:"persona_ids" json:"personaIDs"`
	RotationIntervalSeconds    sql.NullInt32    `db:"rotation_interval_seconds" json:"rotationIntervalSeconds,omitempty"`
	ProcessingSpeedPerMinute   sql.NullInt32    `db:"processing_speed_per_minute" json:"processingSpeedPerMinute,omitempty"`
	BatchSize                  sql.NullInt32    `db:"batch_size" json:"batchSize,omitempty"`
	RetryAttempts              sql.NullInt32    `db:"retry_attempts" json:"retryAttempts,omitempty"`
	Metadata                   *json.RawMessage `db:"metadata" json:"metadata,omitempty"`
	CreatedAt                  time.Time        `db:"created_at" json:"createdAt"`
	UpdatedAt                  time.Time        `db:"updated_at" json:"updatedAt"`
}

// TableName is the table DNSValidationCampaignParams is stored in.
func (DNSValidationCampaignParams) TableName() string { return "dns_validation_params" }

// DNSValidationResult is the outcome of resolving one domain.
type DNSValidationResult struct {
	ID                   uuid.UUID        `db:"id" json:"id"`
	DNSCampaignID        uuid.UUID        `db:"dns_campaign_id" json:"dnsCampaignID"`
	GeneratedDomainID    uuid.NullUUID    `db:"generated_domain_id" json:"generatedDomainID,omitempty"`
	DomainName           string           `db:"domain_name" json:"domainName"`
	ValidationStatus     string           `db:"validation_status" json:"validationStatus"`
	BusinessStatus       sql.NullString   `db:"business_status" json:"businessStatus,omitempty"`
	DNSRecords           *json.RawMessage `db:"dns_records" json:"dnsRecords,omitempty"`
	ValidatedByPersonaID uuid.NullUUID    `db:"validated_by_persona_id" json:"validatedByPersonaID,omitempty"`
	Attempts             sql.NullInt32    `db:"attempts" json:"attempts,omitempty"`
	LastCheckedAt        sql.NullTime     `db:"last_checked_at" json:"lastCheckedAt,omitempty"`
	CreatedAt            time.Time        `db:"created_at" json:"createdAt"`
}

// HTTPKeywordCampaignParams configures an HTTP keyword validation campaign.
type HTTPKeywordCampaignParams struct {
	CampaignID               uuid.UUID        `db:"campaign_id" json:"campaignID"`
	SourceCampaignID         uuid.UUID        `db:"source_campaign_id" json:"sourceCampaignID"`
	SourceType               string           `db:"source_type" json:"sourceType"`
	KeywordSetIDs            []uuid.UUID      `db:"keyword_set_ids" json:"keywordSetIDs,omitempty"`
	AdHocKeywords            pq.StringArray   `db:"ad_hoc_keywords" json:"adHocKeywords,omitempty"`
	PersonaIDs               []uuid.UUID      `db:"persona_ids" json:"personaIDs"`
	ProxyPoolID              uuid.NullUUID    `db:"proxy_pool_id" json:"proxyPoolID,omitempty"`
	ProxySelectionStrategy   sql.NullString   `db:"proxy_selection_strategy" json:"proxySelectionStrategy,omitempty"`
	RotationIntervalSeconds  sql.NullInt32    `db:"rotation_interval_seconds" json:"rotationIntervalSeconds,omitempty"`
	ProcessingSpeedPerMinute sql.NullInt32    `db:"processing_speed_per_minute" json:"processingSpeedPerMinute,omitempty"`
	BatchSize                sql.NullInt32    `db:"batch_size" json:"batchSize,omitempty"`
	RetryAttempts            sql.NullInt32    `db:"retry_attempts" json:"retryAttempts,omitempty"`
	TargetHTTPPorts          pq.Int64Array    `db:"target_http_ports" json:"targetHTTPPorts,omitempty"`
	Metadata                 *json.RawMessage `db:"metadata" json:"metadata,omitempty"`
	CreatedAt                time.Time        `db:"created_at" json:"createdAt"`
	UpdatedAt                time.Time        `db:"updated_at" json:"updatedAt"`
}

// HTTPKeywordResult is the outcome of fetching one domain and matching keywords.
type HTTPKeywordResult struct {
	ID                      uuid.UUID        `db:"id" json:"id"`
	HTTPKeywordCampaignID   uuid.UUID        `db:"http_keyword_campaign_id" json:"httpKeywordCampaignID"`
	DNSResultID             uuid.NullUUID    `db:"dns_result_id" json:"dnsResultID,omitempty"`
	DomainName              string           `db:"domain_name" json:"domainName"`
	ValidationStatus        string           `db:"validation_status" json:"validationStatus"`
	HTTPStatusCode          sql.NullInt32    `db:"http_status_code" json:"httpStatusCode,omitempty"`
	ResponseHeaders         *json.RawMessage `db:"response_headers" json:"responseHeaders,omitempty"`
	PageTitle               sql.NullString   `db:"page_title" json:"pageTitle,omitempty"`
	ExtractedContentSnippet sql.NullString   `db:"extracted_content_snippet" json:"extractedContentSnippet,omitempty"`
	FoundKeywordsFromSets   *json.RawMessage `db:"found_keywords_from_sets" json:"foundKeywordsFromSets,omitempty"`
	FoundAdHocKeywords      pq.StringArray   `db:"found_ad_hoc_keywords" json:"foundAdHocKeywords,omitempty"`
	ContentHash             sql.NullString   `db:"content_hash" json:"contentHash,omitempty"`
	ValidatedByPersonaID    uuid.NullUUID    `db:"validated_by_persona_id" json:"validatedByPersonaID,omitempty"`
	UsedProxyID             uuid.NullUUID    `db:"used_proxy_id" json:"usedProxyID,omitempty"`
	Attempts                sql.NullInt32    `db:"attempts" json:"attempts,omitempty"`
	LastCheckedAt           sql.NullTime     `db:"last_checked_at" json:"lastCheckedAt,omitempty"`
	CreatedAt               time.Time        `db:"created_at" json:"createdAt"`
}

// CampaignJob is one unit of background work claimed by a worker.
type CampaignJob struct {
	ID                 uuid.UUID        `db:"id" json:"id"`
	CampaignID         uuid.UUID        `db:"campaign_id" json:"campaignID"`
	JobType            string           `db:"job_type" json:"jobType"`
	Status             JobStatusEnum    `db:"status" json:"status"`
	ScheduledAt        time.Time        `db:"scheduled_at" json:"scheduledAt"`
	JobPayload         *json.RawMessage `db:"job_payload" json:"jobPayload,omitempty"`
	Attempts           int32            `db:"attempts" json:"attempts"`
	MaxAttempts        int32            `db:"max_attempts" json:"maxAttempts"`
	LastError          sql.NullString   `db:"last_error" json:"lastError,omitempty"`
	LastAttemptedAt    sql.NullTime     `db:"last_attempted_at" json:"lastAttemptedAt,omitempty"`
	ProcessingServerID sql.NullString   `db:"processing_server_id" json:"processingServerID,omitempty"`
	NextExecutionAt    sql.NullTime     `db:"next_execution_at" json:"nextExecutionAt,omitempty"`
	LockedAt           sql.NullTime     `db:"locked_at" json:"lockedAt,omitempty"`
	LockedBy           sql.NullString   `db:"locked_by" json:"lockedBy,omitempty"`
	BusinessStatus     sql.NullString   `db:"business_status" json:"businessStatus,omitempty"`
	CreatedAt          time.Time        `db:"created_at" json:"createdAt"`
	UpdatedAt          time.Time        `db:"updated_at" json:"updatedAt"`
}

// Persona is a named DNS or HTTP client configuration.
type Persona struct {
	ID            uuid.UUID       `db:"id" json:"id"`
	Name          string          `db:"name" json:"name"`
	PersonaType   PersonaTypeEnum `db:"persona_type" json:"personaType"`
	Description   sql.NullString  `db:"description" json:"description,omitempty"`
	ConfigDetails json.RawMessage `db:"config_details" json:"configDetails"`
	IsEnabled     bool            `db:"is_enabled" json:"isEnabled"`
	CreatedAt     time.Time       `db:"created_at" json:"createdAt"`
	UpdatedAt     time.Time       `db:"updated_at" json:"updatedAt"`
}

// Proxy is an outbound HTTP or SOCKS proxy.
type Proxy struct {
	ID            uuid.UUID         `db:"id" json:"id"`
	Name          string            `db:"name" json:"name"`
	Description   sql.NullString    `db:"description" json:"description,omitempty"`
	Address       string            `db:"address" json:"address"`
	Protocol      ProxyProtocolEnum `db:"protocol" json:"protocol"`
	Username      sql.NullString    `db:"username" json:"username,omitempty"`
	PasswordHash  sql.NullString    `db:"password_hash" json:"passwordHash,omitempty"`
	Host          sql.NullString    `db:"host" json:"host,omitempty"`
	Port          sql.NullInt32     `db:"port" json:"port,omitempty"`
	IsEnabled     bool              `db:"is_enabled" json:"isEnabled"`
	IsHealthy     bool              `db:"is_healthy" json:"isHealthy"`
	LastStatus    sql.NullString    `db:"last_status" json:"lastStatus,omitempty"`
	LastCheckedAt sql.NullTime      `db:"last_checked_at" json:"lastCheckedAt,omitempty"`
	LatencyMs     sql.NullInt32     `db:"latency_ms" json:"latencyMs,omitempty"`
	City          sql.NullString    `db:"city" json:"city,omitempty"`
	CountryCode   sql.NullString    `db:"country_code" json:"countryCode,omitempty"`
	Provider      sql.NullString    `db:"provider" json:"provider,omitempty"`
	CreatedAt     time.Time         `db:"created_at" json:"createdAt"`
	UpdatedAt     time.Time         `db:"updated_at" json:"updatedAt"`
}

// TableName is the table Proxy is stored in.
func (Proxy) TableName() string { return "proxies" }

// KeywordSet is a named list of keyword rules.
type KeywordSet struct {
	ID          uuid.UUID       `db:"id" json:"id"`
	Name        string          `db:"name" json:"name"`
	Description sql.NullString  `db:"description" json:"description,omitempty"`
	IsEnabled   bool            `db:"is_enabled" json:"isEnabled"`
	Rules       json.RawMessage `db:"rules" json:"rules"`
	CreatedAt   time.Time       `db:"created_at" json:"createdAt"`
	UpdatedAt   time.Time       `db:"updated_at" json:"updatedAt"`
}

// KeywordRule is one pattern of a keyword set.
type KeywordRule struct {
	ID              uuid.UUID           `db:"id" json:"id"`
	KeywordSetID    uuid.UUID           `db:"keyword_set_id" json:"keywordSetID"`
	Pattern         string              `db:"pattern" json:"pattern"`
	RuleType        KeywordRuleTypeEnum `db:"rule_type" json:"ruleType"`
	IsCaseSensitive bool                `db:"is_case_sensitive" json:"isCaseSensitive"`
	Category        sql.NullString      `db:"category" json:"category,omitempty"`
	ContextChars    int32               `db:"context_chars" json:"contextChars"`
	CreatedAt       time.Time           `db:"created_at" json:"createdAt"`
	UpdatedAt       time.Time           `db:"updated_at" json:"updatedAt"`
}

// ProxyPool is a named rotation of proxies.
type ProxyPool struct {
	ID                         uuid.UUID      `db:"id" json:"id"`
	Name                       string         `db:"name" json:"name"`
	Description                sql.NullString `db:"description" json:"description,omitempty"`
	PoolStrategy               sql.NullString `db:"pool_strategy" json:"poolStrategy,omitempty"`
	HealthCheckEnabled         sql.NullBool   `db:"health_check_enabled" json:"healthCheckEnabled,omitempty"`
	HealthCheckIntervalSeconds sql.NullInt32  `db:"health_check_interval_seconds" json:"healthCheckIntervalSeconds,omitempty"`
	MaxRetries                 sql.NullInt32  `db:"max_retries" json:"maxRetries,omitempty"`
	TimeoutSeconds             sql.NullInt32  `db:"timeout_seconds" json:"timeoutSeconds,omitempty"`
	IsEnabled                  sql.NullBool   `db:"is_enabled" json:"isEnabled,omitempty"`
	CreatedAt                  time.Time      `db:"created_at" json:"createdAt"`
	UpdatedAt                  time.Time      `db:"updated_at" json:"updatedAt"`
}

// ProxyPoolMembership puts a proxy in a pool with a weight.
type ProxyPoolMembership struct {
	ID       uuid.UUID `db:"id" json:"id"`
	PoolID   uuid.UUID `db:"pool_id" json:"poolID"`
	ProxyID  uuid.UUID `db:"proxy_id" json:"proxyID"`
	Weight   int32     `db:"weight" json:"weight"`
	IsActive bool      `db:"is_active" json:"isActive"`
	AddedAt  time.Time `db:"added_at" json:"addedAt"`
}

// AuditLog records one user action.
type AuditLog struct {
	ID         uuid.UUID        `db:"id" json:"id"`
	OccurredAt time.Time        `db:"occurred_at" json:"occurredAt"`
	UserID     uuid.NullUUID    `db:"user_id" json:"userID,omitempty"`
	Action     string           `db:"action" json:"action"`
	EntityType sql.NullString   `db:"entity_type" json:"entityType,omitempty"`
	EntityID   uuid.NullUUID    `db:"entity_id" json:"entityID,omitempty"`
	Details    *json.RawMessage `db:"details" json:"details,omitempty"`
	ClientIP   sql.NullString   `db:"client_ip" json:"clientIP,omitempty"`
	UserAgent  sql.NullString   `db:"user_agent" json:"userAgent,omitempty"`
	CreatedAt  time.Time        `db:"created_at" json:"createdAt"`
}

// SecurityEvent records an authorization check or a suspicious request.
type SecurityEvent struct {
	ID                  uuid.UUID        `db:"id" json:"id"`
	EventType           string           `db:"event_type" json:"eventType"`
	UserID              uuid.NullUUID    `db:"user_id" json:"userID,omitempty"`
	SessionID           sql.NullString   `db:"session_id" json:"sessionID,omitempty"`
	CampaignID          uuid.NullUUID    `db:"campaign_id" json:"campaignID,omitempty"`
	ResourceType        sql.NullString   `db:"resource_type" json:"resourceType,omitempty"`
	ResourceID          uuid.NullUUID    `db:"resource_id" json:"resourceID,omitempty"`
	ActionAttempted     sql.NullString   `db:"action_attempted" json:"actionAttempted,omitempty"`
	AuthorizationResult sql.NullString   `db:"authorization_result" json:"authorizationResult,omitempty"`
	DenialReason        sql.NullString   `db:"denial_reason" json:"denialReason,omitempty"`
	RiskScore           sql.NullInt32    `db:"risk_score" json:"riskScore,omitempty"`
	SourceIP            sql.NullString   `db:"source_ip" json:"sourceIP,omitempty"`
	UserAgent           sql.NullString   `db:"user_agent" json:"userAgent,omitempty"`
	RequestContext      *json.RawMessage `db:"request_context" json:"requestContext,omitempty"`
	AuditLogID          uuid.NullUUID    `db:"audit_log_id" json:"auditLogID,omitempty"`
	CreatedAt           time.Time        `db:"created_at" json:"createdAt"`
}

// AuthorizationDecision is the policy engine's answer for one request.
type AuthorizationDecision struct {
	ID                uuid.UUID        `db:"id" json:"id"`
	DecisionID        string           `db:"decision_id" json:"decisionID"`
	UserID            uuid.UUID        `db:"user_id" json:"userID"`
	ResourceType      string           `db:"resource_type" json:"resourceType"`
	ResourceID        string           `db:"resource_id" json:"resourceID"`
	Action            string           `db:"action" json:"action"`
	Decision          string           `db:"decision" json:"decision"`
	PolicyVersion     sql.NullString   `db:"policy_version" json:"policyVersion,omitempty"`
	EvaluatedPolicies pq.StringArray   `db:"evaluated_policies" json:"evaluatedPolicies,omitempty"`
	ConditionsMet     *json.RawMessage `db:"conditions_met" json:"conditionsMet,omitempty"`
	DecisionTimeMs    sql.NullInt32    `db:"decision_time_ms" json:"decisionTimeMs,omitempty"`
	Context           json.RawMessage  `db:"context" json:"context"`
	SecurityEventID   uuid.NullUUID    `db:"security_event_id" json:"securityEventID,omitempty"`
	CreatedAt         time.Time        `db:"created_at" json:"createdAt"`
}

// ServiceArchitectureMetrics are the latest architecture metrics of a service.
type ServiceArchitectureMetrics struct {
	ID                        uuid.UUID       `db:"id" json:"id"`
	ServiceName               string          `db:"service_name" json:"serviceName"`
	ArchitecturePattern       string          `db:"architecture_pattern" json:"architecturePattern"`
	InterfaceType             string          `db:"interface_type" json:"interfaceType"`
	CouplingScore             sql.NullFloat64 `db:"coupling_score" json:"couplingScore,omitempty"`
	DependencyCount           int32           `db:"dependency_count" json:"dependencyCount"`
	DeploymentComplexityScore sql.NullInt32   `db:"deployment_complexity_score" json:"deploymentComplexityScore,omitempty"`
	LastRefactorDate          sql.NullTime    `db:"last_refactor_date" json:"lastRefactorDate,omitempty"`
	PerformanceImpact         sql.NullFloat64 `db:"performance_impact" json:"performanceImpact,omitempty"`
	ContractViolations        int32           `db:"contract_violations" json:"contractViolations"`
	CreatedAt                 time.Time       `db:"created_at" json:"createdAt"`
	UpdatedAt                 time.Time       `db:"updated_at" json:"updatedAt"`
}

// ServiceDependency is one service-to-service dependency.
type ServiceDependency struct {
	ID                uuid.UUID        `db:"id" json:"id"`
	SourceService     string           `db:"source_service" json:"sourceService"`
	TargetService     string           `db:"target_service" json:"targetService"`
	DependencyType    string           `db:"dependency_type" json:"dependencyType"`
	InterfaceContract *json.RawMessage `db:"interface_contract" json:"interfaceContract,omitempty"`
	ReliabilityScore  sql.NullFloat64  `db:"reliability_score" json:"reliabilityScore,omitempty"`
	LatencyP95        sql.NullFloat64  `db:"latency_p95" json:"latencyP95,omitempty"`
	FailureCount      int32            `db:"failure_count" json:"failureCount"`
	CreatedAt         time.Time        `db:"created_at" json:"createdAt"`
	UpdatedAt         time.Time        `db:"updated_at" json:"updatedAt"`
}

// TableName is the table ServiceDependency is stored in.
func (ServiceDependency) TableName() string { return "service_dependencies" }

// ArchitectureRefactorLog is one entry of a service's refactor history.
type ArchitectureRefactorLog struct {
	ID                  uuid.UUID       `db:"id" json:"id"`
	ServiceName         string          `db:"service_name" json:"serviceName"`
	RefactorType        string          `db:"refactor_type" json:"refactorType"`
	BeforePattern       sql.NullString  `db:"before_pattern" json:"beforePattern,omitempty"`
	AfterPattern        sql.NullString  `db:"after_pattern" json:"afterPattern,omitempty"`
	ComplexityReduction sql.NullInt32   `db:"complexity_reduction" json:"complexityReduction,omitempty"`
	PerformanceImpact   sql.NullFloat64 `db:"performance_impact" json:"performanceImpact,omitempty"`
	RollbackPlan        sql.NullString  `db:"rollback_plan" json:"rollbackPlan,omitempty"`
	ImplementedBy       uuid.NullUUID   `db:"implemented_by" json:"implementedBy,omitempty"`
	ImplementedAt       sql.NullTime    `db:"implemented_at" json:"implementedAt,omitempty"`
	CreatedAt           time.Time       `db:"created_at" json:"createdAt"`
}

// CommunicationPattern is one observed service-to-service traffic sample.
type CommunicationPattern struct {
	ID                uuid.UUID       `db:"id" json:"id"`
	SourceService     string          `db:"source_service" json:"sourceService"`
	TargetService     string          `db:"target_service" json:"targetService"`
	CommunicationType string          `db:"communication_type" json:"communicationType"`
	Protocol          string          `db:"protocol" json:"protocol"`
	MessageFormat     sql.NullString  `db:"message_format" json:"messageFormat,omitempty"`
	AvgLatencyMs      sql.NullFloat64 `db:"avg_latency_ms" json:"avgLatencyMs,omitempty"`
	SuccessRate       sql.NullFloat64 `db:"success_rate" json:"successRate,omitempty"`
	ThroughputRPS     sql.NullFloat64 `db:"throughput_rps" json:"throughputRPS,omitempty"`
	ErrorRate         sql.NullFloat64 `db:"error_rate" json:"errorRate,omitempty"`
	RetryCount        int32           `db:"retry_count" json:"retryCount"`
	TimeoutMs         sql.NullInt32   `db:"timeout_ms" json:"timeoutMs,omitempty"`
	CreatedAt         time.Time       `db:"created_at" json:"createdAt"`
	UpdatedAt         time.Time       `db:"updated_at" json:"updatedAt"`
}

// ServiceCapacityMetrics is one capacity sample of a service.
type ServiceCapacityMetrics struct {
	ID                uuid.UUID        `db:"id" json:"id"`
	ServiceName       string           `db:"service_name" json:"serviceName"`
	CPUUtilization    sql.NullFloat64  `db:"cpu_utilization" json:"cpuUtilization,omitempty"`
	MemoryUtilization sql.NullFloat64  `db:"memory_utilization" json:"memoryUtilization,omitempty"`
	InstanceCount     int32            `db:"instance_count" json:"instanceCount"`
	MaxInstances      sql.NullInt32    `db:"max_instances" json:"maxInstances,omitempty"`
	MinInstances      sql.NullInt32    `db:"min_instances" json:"minInstances,omitempty"`
	ScalingPolicy     *json.RawMessage `db:"scaling_policy" json:"scalingPolicy,omitempty"`
	LastScalingEvent  sql.NullTime     `db:"last_scaling_event" json:"lastScalingEvent,omitempty"`
	RecordedAt        time.Time        `db:"recorded_at" json:"recordedAt"`
	CreatedAt         time.Time        `db:"created_at" json:"createdAt"`
}
