/** The inspection pipeline: ingest a folder, audit consent coverage, propose the fine, render the case file. */
export { InspectionModule } from './inspection.module';
export { InspectionService } from './inspection.service';
export type { InspectOptions, AssessmentVersionReport } from './inspection.service';
export { IngestService } from './ingest.service';
export type { IngestOptions, IngestProgress } from './ingest.service';
export { SingleFileIngestService } from './single-file-ingest.service';
export type { SingleFileOutcome, SingleFileReceipt } from './single-file-ingest.service';
export { AuditService } from './audit.service';
export type { AuditOutcome } from './audit.service';
export { AssessmentService } from './assessment.service';
export { CASE_DATES_FILE } from './case-dates';
export { INSPECTION_ERRORS } from './inspection.errors';
export type { InspectionErrorCode } from './inspection.errors';
export { CaseFileService } from './case-file.service';
export { SchemaService, notMigrated } from './schema.service';
export { EvidenceStore } from './evidence-store';
export type {
  CaseDates,
  InspectionReport,
  IngestReport,
  FileCounts,
  FindingsReport,
  PenaltyReport,
} from './inspection.types';
export { InspectionJobHandlers } from './job-handlers';
export { VerifyService, signingKeyOf } from './verify.service';
export { anchorOf, signedAnchorOf, parseAnchor, anchorSignatureProblem } from './custody-anchor';
export type { CustodyAnchor } from './custody-anchor';
export type { VerifySummary } from './verify.service';
