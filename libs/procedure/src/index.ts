/** The administrative-penalty procedure as data, and the pure engine that runs it (docs/procedure.md). */
export { CN_ACTIONS, PROCEDURE_DOCUMENT_KINDS } from './procedure.types';
export type {
  CaseFlags,
  CaseRecord,
  CnAction,
  Deadline,
  ProcedureActor,
  ProcedureDocumentKind,
  ProcedureRole,
  StepRecord,
  Transition,
} from './procedure.types';
/** Error codes of @app/procedure, the HTTP status each is meant to map to, and the error class. */
export { PROCEDURE_ERRORS, PROCEDURE_ERROR_HTTP_STATUS, ProcedureError } from './procedure.errors';
export type { ProcedureErrorCode } from './procedure.errors';
/** The actions this actor may take on the case today. */
export { availableActions } from './core/engine';
/** Validates an action and returns the step to store and the document to issue (or throws a ProcedureError). */
export { applyAction } from './core/engine';
/** Whether the actor may take the action today before any input (throws the refusal `applyAction` would). */
export { checkActionAvailable } from './core/engine';
/** Every time limit of the case with its status today. */
export { caseDeadlines } from './core/engine';
/** A definition as plain data: states, actions, roles, documents, deadlines, parameters, citations. */
export { describeProcedure } from './core/describe';
export type { ProcedureDescription } from './core/describe';
/** The value of a dated parameter on a date (regional first). */
export { parameterAt } from './core/parameters';
/** The definition with this id, and all of them. */
export { procedureDefinition, PROCEDURE_DEFINITIONS } from './procedure-registry';
/** The CN general procedure of market-regulation penalties and its parameters. */
export { CN_SAMR_GENERAL } from './definitions/cn-samr-general';
export { CN_PARAMETERS, CN_PARAMETER_IDS } from './definitions/cn-parameters';
export type { LargeAmountThreshold } from './definitions/cn-parameters';
/** The definition types (a procedure as data). */
export type {
  ActionContext,
  ActionDefinition,
  Citation,
  Confidence,
  CountStatus,
  DatedValue,
  DeadlineComputation,
  DeadlineRule,
  Precondition,
  PreconditionFailure,
  ProcedureDefinition,
  ProcedureParameter,
  RolePermit,
  SourceInstrument,
  StateDefinition,
  WorkingCalendar,
} from './core/definition.types';
/**
 * The PRC working-day calendar (State Council holiday notices 2020–2026; provisional after the last notice: weekends
 * and the statutory holidays of Decree 795), and its factory from a notice table.
 */
export {
  isWorkingDay,
  addWorkingDays,
  addCalendarDays,
  calendarDaysBetween,
  workingDaysBetween,
  countStatus,
  partyLastDay,
  holidayNoticeFor,
  createPrcWorkingCalendar,
  PRC_WORKING_CALENDAR,
} from './calendar/working-days';
export type { CalendarDayTables, PrcWorkingCalendar } from './calendar/working-days';
/** The statutory holidays of the 全国年节及纪念日放假办法 on the Gregorian calendar, and the decree cited. */
export { statutoryHolidays, HOLIDAY_MEASURES_2024 } from './calendar/statutory-holidays';
export type { StatutoryHoliday } from './calendar/statutory-holidays';
/** The pinned holiday notices and the years they cover. */
export { HOLIDAY_NOTICES, CALENDAR_COVERAGE } from './calendar/holiday-notices';
export type { HolidayNotice, HolidaySpan } from './calendar/holiday-notices';
