import { isDomainError } from '@app/common';

/**
 * The one place domain error codes become process exit codes (sysexits.h values where one fits), so
 * scripts can tell bad input from a busy database from a bug.
 */
export function exitCodeFor(error: unknown): number {
  if (!isDomainError(error)) return 70; // EX_SOFTWARE: a bug, not the user's input
  const code = error.code;
  if (code === 'DB.EMBEDDED_LOCKED') return 75; // EX_TEMPFAIL: try again later
  if (code === 'INGEST.EVIDENCE_ALTERED') return 4; // the evidence itself failed its integrity check
  if (code === 'CONFIG.INVALID' || code === 'DB.NOT_MIGRATED') return 78; // EX_CONFIG
  if (/^INGEST\.(FOLDER_NOT_FOUND|FILE_MISSING|FOLDER_UNREADABLE|FILE_UNREADABLE)$/.test(code)) return 66; // EX_NOINPUT
  if (code.endsWith('.NOT_FOUND') || code === 'AUDIT.NO_EVIDENCE') return 66;
  return 65; // EX_DATAERR: the input is wrong
}

/** The one-line reason printed on stderr. */
export function reasonFor(error: unknown): string {
  if (isDomainError(error)) return `bioaudit: ${error.code}: ${error.message}`;
  const e = error as Error;
  return `bioaudit: internal error: ${e?.message ?? String(error)}`;
}
