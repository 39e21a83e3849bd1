import type { DeviceProfile } from '@app/common';
import type { PseudonymisedRef, SubjectPseudonymiser } from '@app/crypto';
import { readCaptures, type SourceFile, type TimeWindow } from '@app/ingestion';
import type { QuarantineToStore } from '@app/persistence';
// The encoding alone, not @app/persistence's index: this runs in the parse worker, which must not load the
// data layer (TypeORM, the drivers: ≈ 0.5 s and tens of MB per worker).
import {
  encodeCaptures,
  noCaptures,
  type CaptureToStore,
  type EncodedCaptures,
} from '../../persistence/src/bulk/capture-encoding';
import { quarantined } from './quarantine-entry';

/**
 * Rows per bulk transaction. Their encoding lies outside the JavaScript heap, so two chunks in flight cost
 * ≈ 20 MB whatever the size; each transaction costs a probe, a savepoint and a commit's flush. On 1M captures
 * (docs/benchmarks.md) the chunks took 7.7 s at 5,000 rows, 6.5 s at 20,000, 5.9 s at 50,000 on PostgreSQL
 * and 16.7 → 14.3 s on the embedded engine, at the same peak RSS.
 */
export const CHUNK = 50_000;
/** Capture rows parsed and encoded at a time, within a chunk: a parsed row dies young. */
export const PARSE_SLICE = 500;
/**
 * Characters of refused lines' kept text a chunk may hold before it is flushed, whatever its row count: the
 * parse worker's heap is bounded (PARSE_WORKER_LIMITS), and 50,000 refused lines of up to 64 KiB each would
 * not fit in it. 4 Mi characters ≈ 8 MB on the heap.
 */
export const REJECTED_CHARS = 4 << 20;

/** What reading one capture file (or chunk file) of a batch needs: all of it plain data, for a worker. */
export interface CaptureFileJob {
  batchId: string;
  firmId: string;
  file: SourceFile;
  /** Added to each row's line in `file` (a chunk file's lines count from its own start). */
  lineOffset: number;
  /** The firm's registered devices by device code: their database id and profile. */
  devices: ReadonlyMap<string, { dbId: string; profile: DeviceProfile }>;
  window: TimeWindow;
}

/** One bulk transaction's worth of a file, encoded, with what the rest of the ingest needs to know of it. */
export interface CaptureChunk {
  captures: EncodedCaptures;
  /** Rows refused by validation, for the quarantine. */
  rejected: QuarantineToStore[];
  /** Data records read in this chunk: stored + skipped + rejected. */
  read: number;
  /** Non-face events: counted, not stored (not biometric processing). */
  skipped: number;
  /** References newly pseudonymised in this chunk, to be sealed before its rows are stored. */
  identities: PseudonymisedRef[];
}

/**
 * Reads, validates, pseudonymises and encodes a capture file, a chunk of `chunkRows` rows (accepted plus
 * refused) at a time. Rows are parsed and encoded `PARSE_SLICE` at a time, so none is kept beyond its slice.
 */
export async function* captureChunks(
  job: CaptureFileJob,
  subjects: SubjectPseudonymiser,
  chunkRows = CHUNK,
  rejectedChars = REJECTED_CHARS,
): AsyncGenerator<CaptureChunk> {
  const { batchId, firmId, lineOffset, devices } = job;
  const ctx = {
    devices: new Map([...devices].map(([code, d]) => [code, d.profile])),
    window: job.window,
    pseudonymise: (ref: string) => subjects.pseudonymise(ref),
  };
  const next = (): CaptureChunk => ({
    captures: noCaptures(),
    rejected: [],
    read: 0,
    skipped: 0,
    identities: [],
  });
  let chunk = next();
  let held = 0;
  for await (const rows of readCaptures(job.file, ctx, PARSE_SLICE)) {
    const ok: CaptureToStore[] = [];
    for (const r of rows) {
      if (r.ok) {
        ok.push({
          line: r.line + lineOffset,
          key: r.key,
          deviceDbId: devices.get(r.record.deviceId)!.dbId,
          record: r.record,
        });
      } else if (r.skipped) chunk.skipped++;
      else {
        const refused = { ...quarantined(r), line: r.line + lineOffset };
        held += refused.raw.length;
        chunk.rejected.push(refused);
      }
    }
    chunk.read += rows.length;
    encodeCaptures(batchId, firmId, ok, chunk.captures);
    if (chunk.captures.count + chunk.rejected.length >= chunkRows || held >= rejectedChars) {
      chunk.identities = subjects.drain();
      yield chunk;
      chunk = next();
      held = 0;
    }
  }
  if (chunk.read > 0) {
    chunk.identities = subjects.drain();
    yield chunk;
  }
}
