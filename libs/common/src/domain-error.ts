/**
 * A transport-agnostic error with a stable, namespaced code (e.g. `INGEST.FOLDER_NOT_FOUND`). Each app maps
 * codes to HTTP statuses or exit codes in one place.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
