import type { CaptureEventRecord, ConsentRecordInput } from '@app/common';
import type { Adapted, CaptureFormat } from './core/adapters/capture-adapter';
import { CAPTURE_ADAPTERS } from './core/adapters/capture-adapters';
import { CAPTURE_REQUIRED_FIELDS, validateCaptureEvent, type CaptureContext } from './core/capture-event';
import { CONSENT_REQUIRED_FIELDS, validateConsentRecord, type ConsentContext } from './core/consent-record';
import type { RawFieldMap, Validation } from './core/field-reader';
import { captureIdentityKey, consentIdentityKey } from './core/identity-key';
import type { QuarantineReason } from './core/quarantine-reasons';
import type { SkipReason } from './core/skip-reasons';
import { readCaptureRawRecords, readRawRecords, type RawRecord } from './raw-records';
import type { SourceFile } from './source-file';

/**
 * One data record after validation: accepted with its identity key, rejected with the raw text kept for the
 * quarantine, or skipped (`skipped: true`: read but not a face event, with a SKIP_REASONS code). `skipped` is
 * absent on rejections, so `!r.ok` still means "not accepted" and `r.skipped` tells skips apart.
 */
export type ParsedRow<T> =
  | { ok: true; line: number; record: T; key: string }
  | {
      ok: false;
      skipped?: undefined;
      line: number;
      raw: string;
      code: QuarantineReason;
      field: string | null;
      message: string;
    }
  | { ok: false; skipped: true; line: number; raw: string; code: SkipReason; field: null; message: string };

/**
 * How to read one kind of record: the CSV columns it needs, its validator and its identity. A vendor adapter
 * plugs in here by composing its own mapping (vendor record -> canonical field map) in front of `validate`.
 */
export interface RecordKind<T> {
  requiredFields: readonly string[];
  validate(fields: RawFieldMap): Validation<T>;
  key(record: T): string;
  /** Turns a vendor record into canonical fields (or a skip) before `validate`; absent for canonical files. */
  adapt?: (fields: RawFieldMap) => Adapted;
  /** Reads the file's vendor records; absent means readRawRecords with `requiredFields`. */
  read?: (file: SourceFile) => AsyncGenerator<RawRecord[]>;
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
  const source = kind.read !== undefined ? kind.read(file) : readRawRecords(file, kind.requiredFields);
  const adapt = kind.adapt;
  for await (const raws of source) {
    for (const raw of raws) {
      if (!raw.ok) {
        batch.push({
          ok: false,
          line: raw.line,
          raw: raw.raw,
          code: raw.code ?? 'INGEST.MALFORMED_LINE',
          field: null,
          message: raw.message,
        });
      } else if (adapt !== undefined) {
        const a = adapt(raw.fields);
        if (a.kind === 'fields') {
          const v = kind.validate(a.fields);
          batch.push(
            v.ok
              ? { ok: true, line: raw.line, record: v.value, key: kind.key(v.value) }
              : { ok: false, line: raw.line, raw: raw.raw, ...v.rejection },
          );
        } else if (a.kind === 'skip') {
          batch.push({
            ok: false,
            skipped: true,
            line: raw.line,
            raw: raw.raw,
            code: a.code,
            field: null,
            message: a.message,
          });
        } else {
          batch.push({ ok: false, line: raw.line, raw: raw.raw, ...a.rejection });
        }
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

/** The capture format a file is read as: its `captureFormat`, else canonical by its `format`. */
export function captureFormatOf(file: SourceFile): CaptureFormat {
  return file.captureFormat ?? (file.format === 'jsonl' ? 'canonical-jsonl' : 'canonical-csv');
}

/**
 * Streams a capture export (canonical JSONL/CSV or any vendor format of captureFormatOf(file), plain, gzip
 * or a zip entry, in any encoding readTextChunks reads) as validated rows keyed by captureIdentityKey;
 * vendor records go through their adapter first, and non-face events come out as skipped rows. With
 * `ctx.pseudonymise`, a subjectRef that is a personal identifier comes out as its pseudonym (so does its key).
 */
export function readCaptures(
  file: SourceFile,
  ctx: CaptureContext,
  batchSize = DEFAULT_BATCH_SIZE,
): AsyncGenerator<ParsedRow<CaptureEventRecord>[]> {
  const format = captureFormatOf(file);
  const adapter = CAPTURE_ADAPTERS[format];
  const adapterCtx = { deviceId: file.deviceId ?? null };
  const canonicalAsIs = format.startsWith('canonical-') && adapterCtx.deviceId === null;
  return readRecords(
    file,
    {
      requiredFields: CAPTURE_REQUIRED_FIELDS,
      validate: (fields) => validateCaptureEvent(fields, ctx),
      key: captureIdentityKey,
      // Canonical records need no adapter unless a manifest supplies their device: keep the fast path.
      adapt: canonicalAsIs ? undefined : (fields) => adapter(fields, adapterCtx),
      read: (f) => readCaptureRawRecords(f, format),
    },
    batchSize,
  );
}

/**
 * Streams a consents file (CSV or JSONL, optionally gzipped) as validated rows keyed by consentId, subjectRef
 * pseudonymised as for captures when `ctx.pseudonymise` is given.
 */
export function readConsents(
  file: SourceFile,
  ctx: ConsentContext,
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
  const source =
    file.captureFormat === undefined
      ? readRawRecords(file, null)
      : readCaptureRawRecords(file, file.captureFormat);
  for await (const raws of source) n += raws.length;
  return n;
}
