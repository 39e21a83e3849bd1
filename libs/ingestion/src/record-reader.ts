import type { CaptureEventRecord, ConsentRecordInput, DeviceProfile } from '@app/common';
import { CAPTURE_REQUIRED_FIELDS, validateCaptureEvent } from './core/capture-event';
import { CONSENT_REQUIRED_FIELDS, validateConsentRecord } from './core/consent-record';
import type { RawFieldMap, Validation } from './core/field-reader';
import { captureIdentityKey, consentIdentityKey } from './core/identity-key';
import type { QuarantineReason } from './core/quarantine-reasons';
import { readRawRecords } from './raw-records';
import type { SourceFile } from './source-file';

/** One data record after validation: accepted with its identity key, or rejected with the raw text kept for the quarantine. */
export type ParsedRow<T> =
  | { ok: true; line: number; record: T; key: string }
  | { ok: false; line: number; raw: string; code: QuarantineReason; field: string | null; message: string };

/**
 * How to read one kind of record: the CSV columns it needs, its validator and its identity. A vendor adapter
 * plugs in here by composing its own mapping (vendor record -> canonical field map) in front of `validate`.
 */
export interface RecordKind<T> {
  requiredFields: readonly string[];
  validate(fields: RawFieldMap): Validation<T>;
  key(record: T): string;
}

/** Default number of rows per batch: large enough for a fast bulk insert, small enough to keep memory flat. */
export const DEFAULT_BATCH_SIZE = 5000;

/**
 * Streams a file's records validated as `kind`, in batches of at most `batchSize`. Every data record yields
 * exactly one row, so read = accepted + rejected. Reading advances only when the consumer asks for the next
 * batch (backpressure); only rejected rows keep their raw text.
 */
export async function* readRecords<T>(
  file: SourceFile,
  kind: RecordKind<T>,
  batchSize = DEFAULT_BATCH_SIZE,
): AsyncGenerator<ParsedRow<T>[]> {
  if (!(batchSize >= 1)) throw new RangeError('batchSize must be at least 1');
  let batch: ParsedRow<T>[] = [];
  for await (const raws of readRawRecords(file, kind.requiredFields)) {
    for (const raw of raws) {
      if (!raw.ok) {
        batch.push({
          ok: false,
          line: raw.line,
          raw: raw.raw,
          code: 'INGEST.MALFORMED_LINE',
          field: null,
          message: raw.message,
        });
      } else {
        const v = kind.validate(raw.fields);
        batch.push(
          v.ok
            ? { ok: true, line: raw.line, record: v.value, key: kind.key(v.value) }
            : { ok: false, line: raw.line, raw: raw.raw, ...v.rejection },
        );
      }
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}

/** Streams a captures file (JSONL or CSV, optionally gzipped) as validated rows keyed by captureIdentityKey. */
export function readCaptures(
  file: SourceFile,
  ctx: { devices: ReadonlyMap<string, DeviceProfile> },
  batchSize = DEFAULT_BATCH_SIZE,
): AsyncGenerator<ParsedRow<CaptureEventRecord>[]> {
  return readRecords(
    file,
    {
      requiredFields: CAPTURE_REQUIRED_FIELDS,
      validate: (fields) => validateCaptureEvent(fields, ctx),
      key: captureIdentityKey,
    },
    batchSize,
  );
}

/** Streams a consents file (CSV or JSONL, optionally gzipped) as validated rows keyed by consentId. */
export function readConsents(
  file: SourceFile,
  ctx: { firmTimezone: string },
  batchSize = DEFAULT_BATCH_SIZE,
): AsyncGenerator<ParsedRow<ConsentRecordInput>[]> {
  return readRecords(
    file,
    {
      requiredFields: CONSENT_REQUIRED_FIELDS,
      validate: (fields) => validateConsentRecord(fields, ctx),
      key: consentIdentityKey,
    },
    batchSize,
  );
}

/**
 * Counts a file's data records exactly as the readers will (blank lines and the CSV header excluded), e.g.
 * to size a progress bar before ingesting.
 */
export async function countRecords(file: SourceFile): Promise<number> {
  let n = 0;
  for await (const raws of readRawRecords(file, null)) n += raws.length;
  return n;
}
