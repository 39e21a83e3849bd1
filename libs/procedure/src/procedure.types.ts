/**
 * The contract of the administrative-penalty procedure engine (docs/procedure.md). A procedure is data — a
 * dated, cited definition of states, actions, who may take them, preconditions, deadlines and the document each
 * step issues — and the engine is pure: it reads a case record and an actor and answers what may happen next.
 */

/** Roles as the procedure knows them (the same strings as @app/auth's roles). */
export type ProcedureRole = 'inspector' | 'legal_reviewer' | 'head' | 'admin' | 'observer' | 'firm';

/** The action names of the CN general procedure (the API's `POST /api/cases/{id}/actions/{action}`). */
export const CN_ACTIONS = [
  'file',
  'assign',
  'propose',
  'review',
  'notify',
  'defend',
  'request-hearing',
  'schedule-hearing',
  'record-hearing',
  'decide',
  'serve',
  'publish',
  'record-payment',
  'close',
  'no-penalty',
  'withdraw',
  'transfer',
] as const;
export type CnAction = (typeof CN_ACTIONS)[number];

/** The documents the steps issue (rendered by @app/case-files, frozen when issued). */
export const PROCEDURE_DOCUMENT_KINDS = [
  'filing-approval', // 立案审批表
  'penalty-notice', // 行政处罚告知书
  'hearing-notice', // 听证通知书
  'decision', // 行政处罚决定书
  'no-penalty-decision', // 不予行政处罚决定书
  'service-receipt', // 送达回证
  'closing-report', // 结案审批表 / 结案报告
  'withdrawal', // 撤销立案审批表
  'transfer', // 案件移送函
] as const;
export type ProcedureDocumentKind = (typeof PROCEDURE_DOCUMENT_KINDS)[number];

/** Who takes a step. */
export interface ProcedureActor {
  id: string;
  roles: readonly ProcedureRole[];
  certificateNumber: string | null;
  firmCreditCode: string | null;
}

/** A step already taken, as stored (oldest first). Dates are Beijing calendar dates (YYYY-MM-DD). */
export interface StepRecord {
  seq: number;
  action: string;
  actorId: string;
  actorRoles: readonly ProcedureRole[];
  /** The instant it was recorded (ISO 8601). */
  at: string;
  /** The date the step takes effect (the service date, the hearing date…); the recording date by default. */
  date: string;
  input: Readonly<Record<string, unknown>>;
  fromState: string;
  toState: string;
  document: ProcedureDocumentKind | null;
}

/** What the engine needs to know about a case. */
export interface CaseRecord {
  procedureId: string;
  state: string;
  /** The date the clue was registered (线索登记). */
  clueDate: string;
  /** The earliest date the conduct was discovered, and its last day (limitation, APL art. 36). */
  discoveryDate: string | null;
  conductEndDate: string | null;
  /** The firm's administrative division code (from its unified social credit code). */
  regionCode: string;
  firmCreditCode: string;
  steps: readonly StepRecord[];
  /** The handling officers (at least two with certificate numbers before investigation acts). */
  handlers: readonly { actorId: string; certificateNumber: string | null }[];
  /** The rulebook's assessment: the legal range and the proposed amount, in fen. Null before assessment. */
  assessment: { minMinor: number; maxMinor: number; proposedMinor: number; currency: 'CNY' } | null;
  /**
   * Case flags the procedure reads (added; absent = all false): `major` — major public interest or complex (legal
   * review, APL art. 58(1)); `heavy` — serious or complex case decided by collective discussion (APL art. 57(2));
   * `lifeHealthFinancial` — harm to life, health or financial security (5-year limitation, APL art. 36).
   */
  flags?: CaseFlags;
  /** Whether the party is a legal person/organisation or a natural person (hearing thresholds); default legal person. */
  partyKind?: 'legal-person' | 'individual';
}

/** Case flags (see CaseRecord.flags). */
export interface CaseFlags {
  major?: boolean;
  heavy?: boolean;
  lifeHealthFinancial?: boolean;
}

/** A statutory or procedural time limit of a case, computed from its steps. */
export interface Deadline {
  id: string;
  label: { zh: string; en: string };
  /** The last day (inclusive) to act. */
  due: string;
  counting: 'working-days' | 'calendar-days';
  /** The article that sets it, e.g. 'APL (2021) art. 64(2)'. */
  basis: string;
  /**
   * Added: the same article as the Chinese statutes print it, e.g. 《行政处罚法》第六十四条第（二）项 (the citation's
   * Chinese label; an unconfirmed article number says so: （条文序号待核实）). Optional in the contract for
   * compatibility; the engine always sets it.
   */
  basisZh?: string;
  /** Added: how sure the article reference is (P read in the text, S secondary sources, U unconfirmed). */
  basisConfidence?: 'P' | 'S' | 'U';
  status: 'open' | 'near' | 'overdue' | 'met';
  /** The action that meets it. */
  metBy: string | null;
  /**
   * Added: whose time limit it is. For a `party` window (statement, hearing request, payment) `overdue` means the
   * window lapsed unused, not a breach by the authority.
   */
  holder?: 'authority' | 'party';
  /** Added: the day it was met (status `met`), else null. */
  metOn?: string | null;
  /** Added: the clock is stopped (the decision time limit while a requested hearing is pending). */
  suspended?: boolean;
  /**
   * Added: `due` was counted over a year whose State Council holiday notice is not pinned yet (weekends and the
   * statutory holidays only; the notice's bridging and make-up days are unknown), so it may still move. Optional in
   * the contract for compatibility; the engine always sets it.
   */
  provisional?: boolean;
  /** Added: why `due` is provisional (the missing notices and what was counted instead), else null. */
  provisionalReason?: string | null;
  /** Added: the years whose notice is missing from the count (empty when confirmed). */
  missingNoticeYears?: readonly number[];
  /**
   * Added, party windows only: the last day the party's act is accepted. Equal to `due` when confirmed; when
   * provisional, `due` plus the safety margin (docs/procedure.md) so that no provisional day cuts the right short.
   */
  acceptedUntil?: string;
}

/** The outcome of a permitted action: the step to store and the document to issue. */
export interface Transition {
  toState: string;
  step: Omit<StepRecord, 'seq' | 'at'>;
  document: ProcedureDocumentKind | null;
}
