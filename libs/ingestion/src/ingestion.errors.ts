import { DomainError } from '@app/common';

/**
 * Fatal ingestion errors: the whole folder or file cannot be read, so nothing can be attributed. Problems
 * with single records are never errors; they are quarantined with a QUARANTINE_REASONS code.
 */
export const INGEST_ERROR_CODES = [
  'INGEST.FOLDER_NOT_FOUND',
  'INGEST.FOLDER_UNREADABLE',
  'INGEST.FILE_MISSING',
  'INGEST.FILE_AMBIGUOUS',
  'INGEST.FILE_UNREADABLE',
  'INGEST.UNSUPPORTED_FORMAT',
  'INGEST.FIRM_INVALID',
  'INGEST.HEADER_INVALID',
  'INGEST.ARCHIVE_UNSAFE',
  'INGEST.FORMAT_UNDETECTED',
  'INGEST.FILE_UNATTRIBUTED',
  'INGEST.MANIFEST_INVALID',
  'INGEST.NOT_A_REGULAR_FILE',
] as const;

export type IngestErrorCode = (typeof INGEST_ERROR_CODES)[number];

/** A fatal ingestion error with one of INGEST_ERROR_CODES; apps map the code to an exit code or HTTP status. */
export class IngestionError extends DomainError {
  constructor(
    override readonly code: IngestErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, details, options);
    this.name = 'IngestionError';
  }
}
