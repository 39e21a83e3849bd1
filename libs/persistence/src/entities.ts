import { ApiTokenEntity } from './entities/api-token.entity';
import { AuditLogEntity } from './entities/audit-log.entity';
import { CaptureEventEntity } from './entities/capture-event.entity';
import { CaseEvidenceEntity } from './entities/case-evidence.entity';
import { CaseFileEntity } from './entities/case-file.entity';
import { CaseDocumentEntity } from './entities/case-document.entity';
import { CaseHandlerEntity } from './entities/case-handler.entity';
import { CaseStepEntity } from './entities/case-step.entity';
import { CaseEntity } from './entities/case.entity';
import { CustodyEventEntity } from './entities/custody-event.entity';
import { ConsentRecordEntity } from './entities/consent-record.entity';
import { DeploymentEntity } from './entities/deployment.entity';
import { DeviceEntity } from './entities/device.entity';
import { FindingEntity } from './entities/finding.entity';
import { FirmEntity } from './entities/firm.entity';
import { IngestBatchEntity } from './entities/ingest-batch.entity';
import { IngestChunkEntity } from './entities/ingest-chunk.entity';
import { PenaltyAssessmentEntity } from './entities/penalty-assessment.entity';
import { QuarantinedRecordEntity } from './entities/quarantined-record.entity';
import { SiteEntity } from './entities/site.entity';
import { SubjectIdentityEntity } from './entities/subject-identity.entity';
import { UserAccountEntity } from './entities/user-account.entity';
import { UserSessionEntity } from './entities/user-session.entity';
import { InspectionRunEntity } from './entities/inspection-run.entity';
import { DeviceEndpointEntity } from './entities/device-endpoint.entity';
import { ScheduleRunEntity } from './entities/schedule-run.entity';
import { ReauditDifferenceEntity } from './entities/reaudit-difference.entity';
import { SupervisionClueEntity } from './entities/supervision-clue.entity';
import { DeadlineTaskEntity } from './entities/deadline-task.entity';
import { FirmNoticeEntity } from './entities/firm-notice.entity';
import { EvaluationRunEntity } from './entities/evaluation-run.entity';
import { RetentionRecordEntity } from './entities/retention-record.entity';
import { RetentionFileEntity } from './entities/retention-file.entity';

export const ENTITIES = [
  FirmEntity,
  SiteEntity,
  DeviceEntity,
  IngestBatchEntity,
  IngestChunkEntity,
  CaptureEventEntity,
  ConsentRecordEntity,
  QuarantinedRecordEntity,
  CaseEntity,
  CaseEvidenceEntity,
  FindingEntity,
  PenaltyAssessmentEntity,
  CaseFileEntity,
  CaseDocumentEntity,
  CaseStepEntity,
  CaseHandlerEntity,
  AuditLogEntity,
  DeploymentEntity,
  CustodyEventEntity,
  SubjectIdentityEntity,
  InspectionRunEntity,
  ScheduleRunEntity,
  DeviceEndpointEntity,
  UserAccountEntity,
  ApiTokenEntity,
  UserSessionEntity,
  ReauditDifferenceEntity,
  SupervisionClueEntity,
  DeadlineTaskEntity,
  FirmNoticeEntity,
  RetentionRecordEntity,
  RetentionFileEntity,
  EvaluationRunEntity,
];

export {
  ApiTokenEntity,
  UserAccountEntity,
  UserSessionEntity,
  CaseDocumentEntity,
  CaseHandlerEntity,
  CaseStepEntity,
  AuditLogEntity,
  CaptureEventEntity,
  CaseEvidenceEntity,
  CaseFileEntity,
  CaseEntity,
  ConsentRecordEntity,
  CustodyEventEntity,
  DeviceEntity,
  FindingEntity,
  FirmEntity,
  IngestBatchEntity,
  PenaltyAssessmentEntity,
  QuarantinedRecordEntity,
  SiteEntity,
  SubjectIdentityEntity,
  DeviceEndpointEntity,
  InspectionRunEntity,
  ScheduleRunEntity,
  ReauditDifferenceEntity,
  SupervisionClueEntity,
  DeadlineTaskEntity,
  FirmNoticeEntity,
  RetentionRecordEntity,
  RetentionFileEntity,
  EvaluationRunEntity,
};
