import { Module } from '@nestjs/common';
import { Clock, SystemClock } from '@app/common';
import { AssessmentService } from './assessment.service';
import { AuditService } from './audit.service';
import { BatchRunner } from './batch-runner';
import { CaseFileService } from './case-file.service';
import { IngestService } from './ingest.service';
import { InspectionService } from './inspection.service';
import { InspectionJobHandlers } from './job-handlers';
import { SchemaService } from './schema.service';
import { SingleFileIngestService } from './single-file-ingest.service';
import { VerifyService } from './verify.service';
import { PersistenceModule } from '@app/persistence';

/** The inspection pipeline's services (the configuration is global, read once at the app's root). */
@Module({
  imports: [PersistenceModule],
  providers: [
    { provide: Clock, useClass: SystemClock },
    SchemaService,
    BatchRunner,
    IngestService,
    SingleFileIngestService,
    AuditService,
    AssessmentService,
    CaseFileService,
    InspectionService,
    InspectionJobHandlers,
    VerifyService,
  ],
  exports: [
    Clock,
    SchemaService,
    IngestService,
    SingleFileIngestService,
    AuditService,
    AssessmentService,
    CaseFileService,
    InspectionService,
    InspectionJobHandlers,
    VerifyService,
  ],
})
export class InspectionModule {}
