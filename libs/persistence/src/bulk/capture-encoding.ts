/**
 * How captures are encoded for `COPY`. Apart from the repository (and from TypeORM) so that the ingest's parse
 * worker (@app/inspection capture-parse.worker.ts) can encode without loading the data layer: that costs a
 * worker ≈ 0.5 s and tens of MB.
 */
import type { CaptureEventRecord } from '@app/common';
import { copyInstant, csvRow } from './csv-encode';

/** A capture accepted by validation, with the database ids it resolves to. */
export interface CaptureToStore {
  line: number;
  key: string;
  deviceDbId: string;
  record: CaptureEventRecord;
}

const iso = (ms: number | null): string | null => (ms === null ? null : copyInstant(ms));

/**
 * A chunk of captures encoded for `COPY`, with what storing it needs to know of its rows — so the rows
 * themselves can be let go as soon as they are encoded (held until stored, every row of a chunk outlived the
 * young generation and was copied into the old one: most of the ingest's garbage-collection time).
 */
export interface EncodedCaptures {
  /**
   * CSV in capture_event's own column order (the staging table has the same shape), in UTF-8 pieces: outside
   * the JavaScript heap, where the collector never copies them.
   */
  csv: Buffer[];
  count: number;
  devices: string[];
  first: { deviceDbId: string; key: string } | null;
  last: { deviceDbId: string; key: string } | null;
}

/** Nothing encoded yet. */
export const noCaptures = (): EncodedCaptures => ({
  csv: [],
  count: 0,
  devices: [],
  first: null,
  last: null,
});

/**
 * Encodes captures once, for either way of storing them: a chunk of them, or (`into`) the next rows of a chunk
 * being built, so a reader can encode as it parses and keep no row longer than a few hundred lines.
 */
export function encodeCaptures(
  batchId: string,
  firmId: string,
  rows: CaptureToStore[],
  into: EncodedCaptures = noCaptures(),
): EncodedCaptures {
  let csv = '';
  for (const r of rows) {
    const c = r.record;
    if (!into.devices.includes(r.deviceDbId)) into.devices.push(r.deviceDbId);
    csv += csvRow([
      firmId,
      r.deviceDbId,
      r.key,
      iso(c.occurredAt),
      c.eventType,
      c.subjectRef,
      c.matchScore,
      c.masked,
      c.purpose,
      c.snapshotSha256,
      batchId,
      r.line,
    ]);
  }
  if (rows.length === 0) return into;
  const ends = (r: CaptureToStore) => ({ deviceDbId: r.deviceDbId, key: r.key });
  into.csv.push(Buffer.from(csv));
  into.count += rows.length;
  into.first ??= ends(rows[0]);
  into.last = ends(rows[rows.length - 1]);
  return into;
}
