import { DomainError } from '@app/common';

/**
 * Error codes of @app/procedure. Each carries the HTTP status the API is meant to answer with (the lead maps codes
 * to statuses in one table; this is the intent, kept next to the code so the two cannot drift silently).
 */
export const PROCEDURE_ERRORS = {
  /** 404 — no such action in this procedure (or no such procedure). */
  UNKNOWN_ACTION: 'PROCEDURE.UNKNOWN_ACTION',
  /** 409 — the action exists but not from the case's current state. */
  NOT_ALLOWED_IN_STATE: 'PROCEDURE.NOT_ALLOWED_IN_STATE',
  /** 403 — none of the actor's roles may take this action (or the inspector is not a handler of the case). */
  ROLE_NOT_PERMITTED: 'PROCEDURE.ROLE_NOT_PERMITTED',
  /** 403 — the actor proposed the penalty (or handles the case) and may not review or decide it. */
  FOUR_EYES: 'PROCEDURE.FOUR_EYES',
  /** 409 — the party's window has closed; `details.lastDay` is its last day. */
  WINDOW_CLOSED: 'PROCEDURE.WINDOW_CLOSED',
  /** 409 — a legal precondition does not hold; `details.basis` names the article. */
  PRECONDITION_FAILED: 'PROCEDURE.PRECONDITION_FAILED',
  /** 422 — the input is malformed or inconsistent; `details.field` names the field. */
  INVALID_INPUT: 'PROCEDURE.INVALID_INPUT',
  /** 409 — the conduct can no longer be punished (APL 2021 art. 36). */
  LIMITATION_EXPIRED: 'PROCEDURE.LIMITATION_EXPIRED',
  /**
   * 503 — a working-day question on a day the calendar cannot answer even provisionally: before the first pinned
   * holiday notice (2020) or after the lunar years handled (2099). Years after the last pinned notice are counted
   * provisionally instead (Deadline.provisional), never refused.
   */
  CALENDAR_NOT_COVERED: 'PROCEDURE.CALENDAR_NOT_COVERED',
  /** 404 — no procedure definition with this id. */
  UNKNOWN_PROCEDURE: 'PROCEDURE.UNKNOWN_PROCEDURE',
} as const;
export type ProcedureErrorCode = (typeof PROCEDURE_ERRORS)[keyof typeof PROCEDURE_ERRORS];

/** The HTTP status each code is meant to map to (see the comments above). */
export const PROCEDURE_ERROR_HTTP_STATUS: Readonly<Record<ProcedureErrorCode, number>> = {
  'PROCEDURE.UNKNOWN_ACTION': 404,
  'PROCEDURE.NOT_ALLOWED_IN_STATE': 409,
  'PROCEDURE.ROLE_NOT_PERMITTED': 403,
  'PROCEDURE.FOUR_EYES': 403,
  'PROCEDURE.WINDOW_CLOSED': 409,
  'PROCEDURE.PRECONDITION_FAILED': 409,
  'PROCEDURE.INVALID_INPUT': 422,
  'PROCEDURE.LIMITATION_EXPIRED': 409,
  'PROCEDURE.CALENDAR_NOT_COVERED': 503,
  'PROCEDURE.UNKNOWN_PROCEDURE': 404,
};

/** A refusal of the procedure engine, with a stable code from PROCEDURE_ERRORS. */
export class ProcedureError extends DomainError {
  constructor(
    override readonly code: ProcedureErrorCode,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(code, message, details);
    this.name = 'ProcedureError';
  }
}
