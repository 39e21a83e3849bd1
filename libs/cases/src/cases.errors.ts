import { DomainError } from '@app/common';

/**
 * Error codes of @app/cases (the case workflow around the procedure engine; the engine's own refusals are
 * `PROCEDURE.*`). Each carries the HTTP status the API is meant to answer with, kept next to the code.
 */
export const CASE_WORKFLOW_ERRORS = {
  /** 404 — no such case, or it is outside the caller's scope (never say which). */
  CASE_NOT_FOUND: 'CASE_WORKFLOW.CASE_NOT_FOUND',
  /** 404 — no such document, or its case is outside the caller's scope. */
  DOCUMENT_NOT_FOUND: 'CASE_WORKFLOW.DOCUMENT_NOT_FOUND',
  /** 404 — a clue names a firm that is not registered, or is outside the caller's scope. */
  FIRM_NOT_FOUND: 'CASE_WORKFLOW.FIRM_NOT_FOUND',
  /** 422 — a user named in the body (a handler, the hearing host) does not exist or cannot take that part. */
  UNKNOWN_USER: 'CASE_WORKFLOW.UNKNOWN_USER',
  /** 422 — an amount is not a yuan decimal with at most two places ("250000.00"). */
  INVALID_AMOUNT: 'CASE_WORKFLOW.INVALID_AMOUNT',
  /** 422 — a body field is missing or malformed; `details.field` names it. */
  INVALID_INPUT: 'CASE_WORKFLOW.INVALID_INPUT',
  /** 500 — a stored document's bytes no longer match the SHA-256 recorded when it was issued: never served. */
  DOCUMENT_TAMPERED: 'EVIDENCE.DOCUMENT_TAMPERED',
} as const;
export type CaseWorkflowErrorCode = (typeof CASE_WORKFLOW_ERRORS)[keyof typeof CASE_WORKFLOW_ERRORS];

/** The HTTP status each code is meant to map to (see the comments above). */
export const CASE_WORKFLOW_ERROR_HTTP_STATUS: Readonly<Record<CaseWorkflowErrorCode, number>> = {
  'CASE_WORKFLOW.CASE_NOT_FOUND': 404,
  'CASE_WORKFLOW.DOCUMENT_NOT_FOUND': 404,
  'CASE_WORKFLOW.FIRM_NOT_FOUND': 404,
  'CASE_WORKFLOW.UNKNOWN_USER': 422,
  'CASE_WORKFLOW.INVALID_AMOUNT': 422,
  'CASE_WORKFLOW.INVALID_INPUT': 422,
  'EVIDENCE.DOCUMENT_TAMPERED': 500,
};

/** A refusal of the case workflow, with a stable code from CASE_WORKFLOW_ERRORS. */
export class CaseWorkflowError extends DomainError {
  constructor(
    override readonly code: CaseWorkflowErrorCode,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(code, message, details);
    this.name = 'CaseWorkflowError';
  }
}
