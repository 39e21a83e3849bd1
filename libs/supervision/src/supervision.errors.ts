import { DomainError } from '@app/common';

/** Stable error codes of the supervision jobs; apps map them to exit codes / HTTP statuses. */
export const SUPERVISION_ERRORS = {
  /** A job was given a firm that is not registered. */
  FIRM_NOT_FOUND: 'SUPERVISION.FIRM_NOT_FOUND',
  /** A job was given a case id that does not exist. */
  CASE_NOT_FOUND: 'SUPERVISION.CASE_NOT_FOUND',
} as const;
export type SupervisionErrorCode = (typeof SUPERVISION_ERRORS)[keyof typeof SUPERVISION_ERRORS];

/** Codes of the alerts the jobs raise (an alert is an expected outcome, returned, not thrown). */
export const SUPERVISION_ALERTS = {
  /** A stored file no longer hashes to the SHA-256 its row records (or does not authenticate). */
  EVIDENCE_ALTERED: 'SUPERVISION.EVIDENCE_ALTERED',
  /** A stored file a row records is gone. */
  EVIDENCE_MISSING: 'SUPERVISION.EVIDENCE_MISSING',
  /** A re-audit's new findings crossed the threshold and a clue was opened. */
  CLUE_OPENED: 'SUPERVISION.CLUE_OPENED',
} as const;
export type SupervisionAlertCode = (typeof SUPERVISION_ALERTS)[keyof typeof SUPERVISION_ALERTS];

export class SupervisionError extends DomainError {
  constructor(code: SupervisionErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}
