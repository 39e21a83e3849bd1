/** Opens PostgreSQL or the embedded PGlite, migrates, and checks entities against migrations. */
export { openDatabase, migrate, pendingMigrations, pendingSchemaChanges } from './data-source';
export type { Database } from './data-source';
/** Separate roles on PostgreSQL: migrate as the owner, grant the application role only what it needs. */
export { grantApplicationRole, migrateAsOwner } from './application-role';
export { PersistenceModule, DATABASE } from './persistence.module';
export { ENTITIES } from './entities';
export { MIGRATIONS } from './migrations';
export { DB_ERRORS } from './persistence.errors';
export type { DbErrorCode } from './persistence.errors';
/** Intention-revealing repositories: the only code that queries the database. */
export { AuditLogRepository } from './repositories/audit-log.repository';
export type { AuditLogQuery, AuditLogRow, RequestAuditEntry } from './repositories/audit-log.repository';
export { AccountRepository } from './repositories/account.repository';
export type {
  AccountChanges,
  AccountLoginState,
  AccountRow,
  NewAccount,
} from './repositories/account.repository';
export { ApiTokenRepository } from './repositories/api-token.repository';
export type { ApiTokenRow, PrincipalAccount } from './repositories/api-token.repository';
export { UserSessionRepository } from './repositories/user-session.repository';
export type { UserSessionRow } from './repositories/user-session.repository';
export { AuditRepository } from './repositories/audit.repository';
export type { CaptureForAudit, ConsentForAudit } from './repositories/audit.repository';
export { CaseRepository } from './repositories/case.repository';
export { CaseProcedureRepository } from './repositories/case-procedure.repository';
export type {
  CaseListRow,
  CaseProcedureTransaction,
  NewClue,
  ProcedureAssessmentRow,
  ProcedureCaseRow,
  ProcedureDocumentRow,
  ProcedureHandlerRow,
  ProcedureSnapshot,
  ProcedureStepRow,
} from './repositories/case-procedure.repository';
export { DeploymentRepository } from './repositories/deployment.repository';
export { DeviceEndpointRepository } from './repositories/device-endpoint.repository';
export type { EndpointRow, NewEndpoint } from './repositories/device-endpoint.repository';
export type {
  FindingToStore,
  FindingRow,
  CaptureRef,
  NewCase,
  NewAssessment,
  AssessmentVersionSummary,
} from './repositories/case.repository';
export { CUSTODY_TABLES, CustodyChainRepository } from './repositories/custody-chain.repository';
export type {
  BatchEvidence,
  ChainEntry,
  CustodyTable,
  RecordedFile,
  RowDisagreement,
} from './repositories/custody-chain.repository';
export { CONFLICT_CODES, EvidenceRepository } from './repositories/evidence.repository';
export { encodeCaptures, noCaptures } from './bulk/capture-encoding';
export type { CaptureToStore, EncodedCaptures } from './bulk/capture-encoding';
export type { ConsentToStore, QuarantineToStore, StoreResult } from './repositories/evidence.repository';
export { IngestBatchRepository } from './repositories/ingest-batch.repository';
export type { NewIngestBatch, BatchCounts, QuarantinedRow } from './repositories/ingest-batch.repository';
export { RegistryRepository } from './repositories/registry.repository';
export { RegistryQueryRepository } from './repositories/registry-query.repository';
export type {
  BatchRow,
  BatchSummaryRow,
  CoverageMonthRow,
  DeviceRow,
  FirmSummaryRow,
  SiteRow,
} from './repositories/registry-query.repository';
export { FindingsQueryRepository } from './repositories/findings-query.repository';
export type {
  FindingCaptureRow,
  FindingConsentRow,
  FindingRowView,
  FindingsFilter,
} from './repositories/findings-query.repository';
export type { FirmScope } from './repositories/firm-scope';
export { StatisticsRepository } from './repositories/statistics.repository';
export type {
  CaseFineRow,
  CaptureCountRow,
  FindingCountRow,
  FirmCountRow,
  PrecedentRow,
  StateCountRow,
  StatisticsPeriod,
} from './repositories/statistics.repository';
export { InspectionRunRepository } from './repositories/inspection-run.repository';
export type { InspectionRunRow, InspectionRunStatus } from './repositories/inspection-run.repository';
export { EvaluationRunRepository } from './repositories/evaluation-run.repository';
export type {
  EvaluationRunKind,
  EvaluationRunRow,
  EvaluationRunSummary,
  NewEvaluationRun,
} from './repositories/evaluation-run.repository';
export { ScheduleRunRepository } from './repositories/schedule-run.repository';
export type {
  ScheduleLastRun,
  ScheduleRunClaim,
  ScheduleRunKey,
  ScheduleRunQuery,
  ScheduleRunRow,
  ScheduleRunState,
  StoredAlert,
} from './repositories/schedule-run.repository';
export { SubjectIdentityRepository } from './repositories/subject-identity.repository';
export type { SealedIdentity } from './repositories/subject-identity.repository';
/** The supervision jobs' reads and keys (issue 12): stored files, re-audit differences and clues, tasks, notices. */
export { StoredFileRepository } from './repositories/stored-file.repository';
export type { StoredFileRow } from './repositories/stored-file.repository';
export { ReauditRepository } from './repositories/reaudit.repository';
export type {
  AuditedCaseRow,
  FirmWithNewEvidence,
  NewDifference,
  ReauditDifferenceRow,
  SupervisionClueRequest,
} from './repositories/reaudit.repository';
export { DeadlineTaskRepository } from './repositories/deadline-task.repository';
export type { DeadlineTaskRow, NewDeadlineTask, OpenCaseRef } from './repositories/deadline-task.repository';
export { FirmNoticeRepository } from './repositories/firm-notice.repository';
export type { FirmNoticeRow, NewFirmNotice } from './repositories/firm-notice.repository';
/** Retention of closed cases' personal data: retired cases, what only they rest on, the record of each removal. */
export { RetentionRepository } from './repositories/retention.repository';
export type {
  RecordedRemoval,
  RetentionRemoval,
  RetiredBatchRow,
  RetiredCaseRow,
  RetiredFileRow,
} from './repositories/retention.repository';
export type { RegisteredDevice } from './repositories/registry.repository';
export type { IngestBatchEntity, CaseEntity, CaseFileEntity, PenaltyAssessmentEntity } from './entities';
