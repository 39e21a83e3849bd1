import type {
  CaseRecord,
  Deadline,
  ProcedureActor,
  ProcedureDocumentKind,
  ProcedureRole,
  StepRecord,
} from '../procedure.types';

/** How sure a fact is (the tags of libs/law): P = read in the text, S = secondary sources, U = not confirmed. */
export type Confidence = 'P' | 'S' | 'U';

/** A bilingual text. */
export interface Text2 {
  zh: string;
  en: string;
}

/** The article a rule rests on, as printed: 'APL (2021) art. 64(1)' / 《行政处罚法》第六十四条第一项. */
export interface Citation {
  /** An instrument id of the definition's `sources`. */
  instrument: string;
  article: string;
  label: Text2;
  confidence: Confidence;
}

/** A law, rule or notice the definition cites, with its original publication (never a mirror). */
export interface SourceInstrument {
  id: string;
  title: Text2;
  docNumber: string | null;
  inForceFrom: string;
  inForceUntil: string | null;
  publication: string;
  confidence: Confidence;
}

/**
 * Whether a count over the days (from, to] used only years whose holiday notice is pinned (`confirmed`), or also
 * years counted provisionally (weekends and the statutory holidays only), and which years' notices are missing.
 */
export type CountStatus =
  | { provisional: false }
  | { provisional: true; missingNoticeYears: readonly number[]; reason: string };

/**
 * The calendar the engine counts with (a port: the core never imports luxon or the holiday data). A working-day
 * question in a year after the last pinned notice is answered provisionally (countStatus says so); every method may
 * throw PROCEDURE.CALENDAR_NOT_COVERED for a day the calendar cannot answer at all (before the first notice).
 */
export interface WorkingCalendar {
  id: string;
  /** The years with a pinned notice (confirmed), first day to last day. */
  coverage: { from: string; until: string };
  isWorkingDay(date: string): boolean;
  addWorkingDays(date: string, n: number): string;
  addCalendarDays(date: string, n: number): string;
  calendarDaysBetween(from: string, to: string): number;
  addYears(date: string, n: number): string;
  workingDaysBetween(from: string, to: string): number;
  /** The official notice that fixed the day's status, as printed (or the measures a provisional day rests on). */
  sourceFor(date: string): string;
  /** Whether every day in (from, to] lies in a year whose notice is pinned. */
  countStatus(from: string, to: string): CountStatus;
  /**
   * The last day a party's act in a window of n working days after `date` is accepted: addWorkingDays(date, n) when
   * the count is confirmed; when it is provisional, a later day that the real last day cannot pass once the notice
   * adds its bridging days (docs/procedure.md, "Beyond the last holiday notice").
   */
  partyLastDay(date: string, n: number): string;
}

/** One value of a parameter, in force from `from` (inclusive) until `until` (inclusive, null = still in force). */
export interface DatedValue<T> {
  from: string;
  until: string | null;
  /** An administrative-division code prefix ('33' = Zhejiang) for a regional value; absent = national. */
  region?: string;
  value: T;
  citation: Citation;
  note?: string;
}

/** A dated, cited parameter of a procedure (a number of days, an amount…). */
export interface ProcedureParameter<T = unknown> {
  id: string;
  description: Text2;
  unit: 'working-days' | 'calendar-days' | 'years' | 'fen';
  values: readonly DatedValue<T>[];
}

/** What the engine is asked about: the definition, the case, who acts, on which day, with which input. */
export interface ActionContext {
  def: ProcedureDefinition;
  record: CaseRecord;
  actor: ProcedureActor;
  /** Today, a Beijing calendar date. */
  today: string;
  /** The parsed input (empty while listing available actions). */
  input: Readonly<Record<string, unknown>>;
}

/** Why a precondition failed (the engine adds the code and the article). */
export interface PreconditionFailure {
  message: string;
  details?: Record<string, unknown>;
}

/** A typed predicate over the case, the actor and the input, with the error it raises and the article it rests on. */
export interface Precondition {
  id: string;
  description: Text2;
  code:
    | 'PROCEDURE.ROLE_NOT_PERMITTED'
    | 'PROCEDURE.FOUR_EYES'
    | 'PROCEDURE.WINDOW_CLOSED'
    | 'PROCEDURE.PRECONDITION_FAILED'
    | 'PROCEDURE.LIMITATION_EXPIRED'
    | 'PROCEDURE.INVALID_INPUT';
  basis: Citation;
  /** Whether it reads the input: those that do not are also checked when listing the available actions. */
  usesInput: boolean;
  /** null when it holds. */
  check(ctx: ActionContext): PreconditionFailure | null;
}

/** A role that may take an action; `handlerOnly` requires the actor to be one of the case's assigned handlers. */
export interface RolePermit {
  role: ProcedureRole;
  handlerOnly?: boolean;
}

/** One action of a procedure. */
export interface ActionDefinition {
  name: string;
  label: Text2;
  from: readonly string[];
  /** Every state it can lead to (for descriptions); `to` picks one. */
  toStates: readonly string[];
  to(ctx: ActionContext): string;
  permits: readonly RolePermit[];
  /** Checks the raw input's shape and semantics; throws PROCEDURE.INVALID_INPUT (details.field) or returns it parsed. */
  parseInput(raw: Readonly<Record<string, unknown>>, ctx: ActionContext): Record<string, unknown>;
  /** Checked in order after the role and the input. */
  preconditions: readonly Precondition[];
  /** Facts the engine derives and records in the step's input (the notified amount, whether a hearing was offered). */
  derive?(ctx: ActionContext): Record<string, unknown>;
  /** The date the step takes effect: `input.date` when the action takes one, else today. */
  effectiveDate(ctx: ActionContext): string;
  document: ProcedureDocumentKind | null;
  /** Deadline ids this action opens and meets. */
  opens: readonly string[];
  meets: readonly string[];
  basis: readonly Citation[];
}

/** A deadline computed from the steps; null when it does not (yet) apply to the case. */
export interface DeadlineRule {
  id: string;
  label: Text2;
  counting: Deadline['counting'];
  holder: NonNullable<Deadline['holder']>;
  basis: Citation;
  metBy: string | null;
  compute(def: ProcedureDefinition, record: CaseRecord, today: string): DeadlineComputation | null;
}

/** A deadline's computed last day, whether it was met (and when), and whether its clock is stopped. */
export interface DeadlineComputation {
  due: string;
  metOn: string | null;
  suspended?: boolean;
  /** The day a working-day count starts after (the engine asks the calendar whether (countedFrom, due] is confirmed). */
  countedFrom?: string;
  /** A party's window: the last day its act is accepted (≥ due; later than due only when the count is provisional). */
  acceptedUntil?: string;
}

/** A state of the procedure. */
export interface StateDefinition {
  id: string;
  label: Text2;
  terminal: boolean;
}

/** A procedure as data: states, actions, deadlines, parameters and the sources they cite. */
export interface ProcedureDefinition {
  id: string;
  version: string;
  title: Text2;
  inForceFrom: string;
  inForceUntil: string | null;
  sources: readonly SourceInstrument[];
  states: readonly StateDefinition[];
  initialState: string;
  actions: readonly ActionDefinition[];
  deadlines: readonly DeadlineRule[];
  parameters: readonly ProcedureParameter[];
  calendar: WorkingCalendar;
  /** A deadline is `near` when at most this many working days are left. */
  nearWorkingDays: number;
}

export type { StepRecord };
