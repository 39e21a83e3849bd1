/**
 * Stable error codes of the inspection lib; apps map them to exit codes / HTTP statuses. The namespaces
 * are the stage that fails (AUDIT, INGEST for the stored evidence, CASE for the case's own facts).
 */
export const INSPECTION_ERRORS = {
  /** No firm with that credit code has been ingested. */
  FIRM_NOT_FOUND: 'AUDIT.FIRM_NOT_FOUND',
  /** The firm has no ingested captures (or no ingested consents file) to audit. */
  NO_EVIDENCE: 'AUDIT.NO_EVIDENCE',
  /** The firm has failed batches: re-ingest the files (same bytes retry) or discard them before auditing. */
  FAILED_EVIDENCE: 'AUDIT.FAILED_EVIDENCE',
  /** The firm has batches still receiving (an ingest running, or interrupted: re-run it or discard them). */
  INCOMPLETE_EVIDENCE: 'AUDIT.INCOMPLETE_EVIDENCE',
  /** devices.csv has no accepted device: every capture would be refused, so the folder is refused. */
  NO_DEVICES: 'INGEST.NO_DEVICES',
  /** captures/manifest.csv attributes a file to a device that is not an accepted row of devices.csv. */
  UNKNOWN_DEVICE_FILE: 'INGEST.UNKNOWN_DEVICE_FILE',
  /** `ingest discard` names a batch that is completed (evidence) or already discarded. */
  BATCH_NOT_DISCARDABLE: 'INGEST.BATCH_NOT_DISCARDABLE',
  /** `ingest verify` names a batch that does not exist. */
  BATCH_NOT_FOUND: 'INGEST.BATCH_NOT_FOUND',
  /** A stored evidence file no longer has the SHA-256 recorded when it was received. */
  EVIDENCE_ALTERED: 'INGEST.EVIDENCE_ALTERED',
  /** `verify`: the custody chain, a row it records or a file it vouches for does not match (first break named). */
  CUSTODY_BROKEN: 'VERIFY.CUSTODY_BROKEN',
  /** A file changed while it was being received. */
  FILE_CHANGED: 'INGEST.FILE_CHANGED',
  /** The case's dates (flags or case.json) are malformed or contradict each other; `details.problems` lists all. */
  DATES_INVALID: 'CASE.DATES_INVALID',
} as const;
export type InspectionErrorCode = (typeof INSPECTION_ERRORS)[keyof typeof INSPECTION_ERRORS];
