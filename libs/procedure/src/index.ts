/** The administrative-penalty procedure as data, and the pure engine that runs it (docs/procedure.md). */
export { CN_ACTIONS, PROCEDURE_DOCUMENT_KINDS } from './procedure.types';
export type {
  CaseRecord,
  CnAction,
  Deadline,
  ProcedureActor,
  ProcedureDocumentKind,
  ProcedureRole,
  StepRecord,
  Transition,
} from './procedure.types';
