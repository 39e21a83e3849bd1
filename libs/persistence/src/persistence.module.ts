import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { openDatabase, type Database } from './data-source';
import { AccountRepository } from './repositories/account.repository';
import { ApiTokenRepository } from './repositories/api-token.repository';
import { AuditLogRepository } from './repositories/audit-log.repository';
import { AuditRepository } from './repositories/audit.repository';
import { CaseRepository } from './repositories/case.repository';
import { CaseProcedureRepository } from './repositories/case-procedure.repository';
import { CustodyChainRepository } from './repositories/custody-chain.repository';
import { DeploymentRepository } from './repositories/deployment.repository';
import { DeviceEndpointRepository } from './repositories/device-endpoint.repository';
import { EvidenceRepository } from './repositories/evidence.repository';
import { IngestBatchRepository } from './repositories/ingest-batch.repository';
import { FindingsQueryRepository } from './repositories/findings-query.repository';
import { InspectionRunRepository } from './repositories/inspection-run.repository';
import { RegistryQueryRepository } from './repositories/registry-query.repository';
import { RegistryRepository } from './repositories/registry.repository';
import { ScheduleRunRepository } from './repositories/schedule-run.repository';
import { SubjectIdentityRepository } from './repositories/subject-identity.repository';
import { UserSessionRepository } from './repositories/user-session.repository';
import { StoredFileRepository } from './repositories/stored-file.repository';
import { ReauditRepository } from './repositories/reaudit.repository';
import { DeadlineTaskRepository } from './repositories/deadline-task.repository';
import { FirmNoticeRepository } from './repositories/firm-notice.repository';
import { RetentionRepository } from './repositories/retention.repository';
import { EvaluationRunRepository } from './repositories/evaluation-run.repository';

/** Injection token for the open Database. */
export const DATABASE = Symbol('DATABASE');

const repositories = [
  AccountRepository,
  ApiTokenRepository,
  UserSessionRepository,
  AuditLogRepository,
  AuditRepository,
  CaseRepository,
  CaseProcedureRepository,
  CustodyChainRepository,
  DeploymentRepository,
  DeviceEndpointRepository,
  EvidenceRepository,
  IngestBatchRepository,
  FindingsQueryRepository,
  InspectionRunRepository,
  RegistryQueryRepository,
  RegistryRepository,
  ScheduleRunRepository,
  SubjectIdentityRepository,
  StoredFileRepository,
  ReauditRepository,
  DeadlineTaskRepository,
  FirmNoticeRepository,
  RetentionRepository,
  EvaluationRunRepository,
];

/**
 * Opens the configured database once per app and provides the repositories over it. Not global: every module
 * whose services use a repository imports it (Nest still makes one instance, so one database per app).
 */
@Module({
  providers: [
    {
      provide: DATABASE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => openDatabase(config.database),
    },
    ...repositories.map((R) => ({ provide: R, inject: [DATABASE], useFactory: (db: Database) => new R(db) })),
  ],
  exports: [DATABASE, ...repositories],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}
