import { createHash } from 'node:crypto';
import { redactQuarantinedLine, type ParsedRow } from '@app/ingestion';
import type { QuarantineToStore } from '@app/persistence';

export type Refused = Extract<ParsedRow<unknown>, { ok: false }>;

/**
 * What the quarantine keeps of a refused line: where it is, why, and its shape (field names, value types and
 * lengths, the failing field's value when not personal) but not its personal fields; the SHA-256 of the line
 * as read proves it against the stored raw file.
 */
export function quarantined(row: Refused): QuarantineToStore {
  return {
    line: row.line,
    code: row.code,
    field: row.field,
    message: row.message,
    raw: redactQuarantinedLine(row.raw, row.field),
    rawSha256: createHash('sha256').update(row.raw).digest('hex'),
  };
}
