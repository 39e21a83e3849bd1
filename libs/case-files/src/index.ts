export type {
  BilingualText,
  CaseFileLanguage,
  CaseFileOfficer,
  CaseFileAuthority,
  CaseFileFirm,
  CaseFileDates,
  CaseFilePeriodFacts,
  CaseFileFacts,
  CaseFileArticle,
  CaseFileLegalBasis,
  CaseFileEvidence,
  CaseFileReasonSummary,
  CaseFileSiteSummary,
  CaseFileSiteFinding,
  CaseFilePenaltyStep,
  CaseFilePrecedent,
  CaseFilePenalty,
  CaseFileLimitation,
  CaseFileDecision,
  CaseFileCaptureRef,
  CaseFileFindingRow,
  CaseFileAffectedPersonRow,
  CaseFileQuarantineRow,
  CaseFileInput,
  CaseFileRenderResult,
} from './case-file.types';
export { CaseFileErrorCode } from './case-files.errors';
export { CaseFilesModule } from './case-files.module';
// Renders a case file to PDF, streaming the annexes; returns its SHA-256, page and row counts.
export { CaseFileRenderer, assertValidCaseFileInput } from './pdf/case-file-renderer';
// The layout version printed in every case file and its metadata; the name of its JSON attachment.
export { CASE_FILE_FORMAT_VERSION, ATTACHMENT_NAME } from './pdf/case-file-text';
// Where the embedded Noto Sans SC faces are found.
export { resolveCaseFileFonts } from './pdf/case-file-fonts';
export type { CaseFileFonts } from './pdf/case-file-fonts';
// Pure helpers: validation, labels, appeal-rights template, formatting, the attachment.
// Masks personal identifiers (ID-card, mobile, e-mail, names) the way every document prints them.
export {
  maskPersonalIdentifiers,
  maskPersonalIdentifiersDeep,
  minimisedCaseFileInput,
} from './core/mask-identifiers';
export {
  caseFileInputIssues,
  findingRowIssues,
  affectedPersonRowIssues,
  quarantineRowIssues,
} from './core/validate-case-file-input';
export {
  REASON_LABELS,
  SITE_RULE_LABELS,
  reasonLabel,
  purposeLabel,
  quarantineReasonLabel,
} from './core/labels';
export { defaultAppealRights } from './core/appeal-rights';
export type { AppealArticleLabels } from './core/appeal-rights';
export { chineseUppercaseAmount } from './core/format';
export { caseFileAttachment } from './core/case-file-attachment';
export type { CaseFileAttachmentJson } from './core/case-file-attachment';
// Complete fictional cases for tests and demos (two law periods, conflicts, rejected rows; time-barred).
export { sampleCaseFileInput } from './fixtures/sample-case-file-input';
export type { SampleCaseFileOptions } from './fixtures/sample-case-file-input';
/** Accuracy-evaluation reports (ISO/IEC 19795) with vector DET curves. */
export { EvaluationReportRenderer } from './pdf/evaluation-report-renderer';
export { comparisonsReportInput, datasetReportInput, trialLogReportInput } from './evaluation-report-input';
export type {
  EvaluationReportInput,
  EvaluationCondition,
  EvaluationRateRow,
} from './evaluation-report.types';
/** Procedure documents (告知书, 听证通知书, 决定书, 送达回证 …): one PDF per step, Chinese first, English appended. */
export { renderProcedureDocument } from './procedure/procedure-document-renderer';
export { PROCEDURE_DOCUMENT_TITLES } from './procedure/procedure-document-text';
export {
  procedureDocumentIssues,
  assertValidProcedureDocumentInput,
} from './procedure/validate-procedure-document-input';
export { sampleProcedureDocumentInput } from './procedure/sample-procedure-document-input';
export type { ProcedureDocumentInput } from './procedure/procedure-document.types';
