/** Stable error codes of the queue lib; apps map them to exit codes / HTTP statuses. */
export const QUEUE_ERRORS = {
  /** Waiting for a batch's chunks, no chunk finished within the configured time (no worker, or all stuck). */
  WAIT_TIMEOUT: 'JOBS.WAIT_TIMEOUT',
  /** A chunk (or the batch's completion) failed for good after its retries; the batch is marked failed. */
  BATCH_FAILED: 'JOBS.BATCH_FAILED',
  /** A job names another deployment (database) than the worker's own: refused, never run. */
  FOREIGN_DEPLOYMENT: 'JOBS.FOREIGN_DEPLOYMENT',
  /** A job's worker died more often than its policy's `maxStalledCount`. */
  STALLED_TOO_OFTEN: 'JOBS.STALLED_TOO_OFTEN',
  /** A job's payload does not match its schema (a field missing, of the wrong type, or unknown). */
  INVALID_PAYLOAD: 'JOBS.INVALID_PAYLOAD',
} as const;
export type QueueErrorCode = (typeof QUEUE_ERRORS)[keyof typeof QUEUE_ERRORS];
