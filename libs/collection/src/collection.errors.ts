import { DomainError } from '@app/common';

/** Stable error codes of terminal collection; apps map them to exit codes / HTTP statuses. */
export const COLLECTION_ERRORS = {
  /** A `devices` option is missing or malformed (`details.field` names it). */
  BAD_INPUT: 'COLLECT.BAD_INPUT',
  /** No firm with that credit code is registered. */
  FIRM_NOT_FOUND: 'COLLECT.FIRM_NOT_FOUND',
  /** The firm has no such site, or several sites and no `--site` to choose one. */
  SITE_REQUIRED: 'COLLECT.SITE_REQUIRED',
  /** No endpoint is registered for that device (or id). */
  ENDPOINT_NOT_FOUND: 'COLLECT.ENDPOINT_NOT_FOUND',
  /** The device already has an endpoint: remove it first. */
  ENDPOINT_EXISTS: 'COLLECT.ENDPOINT_EXISTS',
  /** The stored credential does not authenticate (edited, copied to another row, or sealed by an unknown key). */
  CREDENTIAL_UNREADABLE: 'COLLECT.CREDENTIAL_UNREADABLE',
  /** The terminal did not answer in time, or the connection failed, on every attempt. */
  DEVICE_UNREACHABLE: 'COLLECT.DEVICE_UNREACHABLE',
  /** The terminal answered with an error status (5xx, a redirect, an ISAPI error) on every attempt. */
  DEVICE_ERROR: 'COLLECT.DEVICE_ERROR',
  /** The terminal refused the credentials after a fresh digest handshake. */
  AUTH_REJECTED: 'COLLECT.AUTH_REJECTED',
  /** A page could not be read as an AcsEvent search result on every attempt (its bytes are kept). */
  PAGE_UNREADABLE: 'COLLECT.PAGE_UNREADABLE',
  /** Paging never produced a consistent result for a window (totals kept changing, pages kept repeating). */
  INCONSISTENT_RESULTS: 'COLLECT.INCONSISTENT_RESULTS',
} as const;
export type CollectionErrorCode = (typeof COLLECTION_ERRORS)[keyof typeof COLLECTION_ERRORS];

/** An error of terminal collection with one of COLLECTION_ERRORS. */
export class CollectionError extends DomainError {
  constructor(
    override readonly code: CollectionErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, details, options);
    this.name = 'CollectionError';
  }
}
