/** Cases as administrative-penalty procedures: clues, actions in one transaction, frozen documents, reads. */
export { CasesModule } from './cases.module';
export { CaseWorkflowService, engineInput, actorOf, beijingDate } from './case-workflow.service';
export type { ActionOutcome, NewClueRequest } from './case-workflow.service';
export { CaseViewService, PICKER_ACTIONS } from './case-view.service';
export { withCountdown } from './deadline-countdown';
/** The procedure engine's record of a stored case (one builder for views, actions and the deadline watch). */
export { caseRecordOf } from './case-record';
export type { DeadlineView } from './deadline-countdown';
export type {
  CaseCandidates,
  CaseDetail,
  CaseDocumentSummary,
  CaseTask,
  PickerAction,
} from './case-view.service';
export { CASE_WORKFLOW_ERRORS, CASE_WORKFLOW_ERROR_HTTP_STATUS, CaseWorkflowError } from './cases.errors';
export type { CaseWorkflowErrorCode } from './cases.errors';
/** Exact yuan ↔ fen conversions of the API's amounts. */
export { yuanToFen, fenToYuan } from './core/money-minor';
export { ACTION_ZH, DOCUMENT_TITLE, assembleProcedureDocument } from './procedure-document-assembler';
export { ProcedureDocumentRenderer } from './procedure-document-renderer.port';
