import * as path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { DomainError } from '@app/common';
import { SubjectPseudonymiser, type PseudonymisedRef } from '@app/crypto';
import type { EncodedCaptures, QuarantineToStore } from '@app/persistence';
import { captureChunks, CHUNK, type CaptureChunk, type CaptureFileJob } from './capture-chunks';

/** An error as it crosses from the parse worker: a DomainError keeps its code, message and details. */
export interface CrossedError {
  name: string;
  message: string;
  code?: string;
  details?: Record<string, unknown>;
  stack?: string;
}

export function crossedError(e: unknown): CrossedError {
  if (e instanceof DomainError) {
    return { name: e.name, message: e.message, code: e.code, details: e.details, stack: e.stack };
  }
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { name: 'Error', message: String(e) };
}

export function revivedError(e: CrossedError): Error {
  const error =
    e.code !== undefined ? new DomainError(e.code, e.message, e.details ?? {}) : new Error(e.message);
  error.name = e.name;
  if (e.stack !== undefined) error.stack = e.stack;
  return error;
}

/** What the parse worker is started with (structured-cloned). */
export interface CaptureParseWorkerData {
  job: CaptureFileJob;
  /** The pseudonym key, or why it could not be loaded (raised in the worker only if a reference needs it). */
  pseudonymKey: Uint8Array | CrossedError;
  chunkRows: number;
  /** Chunks the worker may post before the oldest is stored. */
  ahead: number;
}

/** A chunk as posted: its CSV pieces in ArrayBuffers of their own, transferred, not copied. */
export type ChunkMessage = Omit<EncodedCaptures, 'csv'> & {
  type: 'chunk';
  csv: ArrayBuffer[];
  rejected: QuarantineToStore[];
  read: number;
  skipped: number;
  identities: PseudonymisedRef[];
};
export type WorkerMessage = ChunkMessage | { type: 'done' } | { type: 'error'; error: CrossedError };
/** The one message to the worker: the oldest chunk it posted is stored. */
export interface StoredMessage {
  type: 'stored';
  /**
   * The chunk's CSV, moved back to be dropped there: this thread allocates too little to collect often, and
   * until it did the chunks it had stored piled up outside its heap (≈ 70 MB at 1M captures).
   */
  csv: ArrayBuffer[];
}

/**
 * Bounds of the parse worker's heap. It holds a few hundred parsed rows at a time and, off its heap, the
 * encoding of the chunk being built; the young generation is where those rows die. Measured at 1M captures
 * (in-process, PostgreSQL): 64/16 MB peaked at ≈ 243 MB RSS, 64/32 at ≈ 260 MB for the same time (the worker
 * parses ≈ 10 % faster with 32, hidden behind the store); 96/32, 128/32 and 48/8 no better.
 */
export const PARSE_WORKER_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: 64,
  maxYoungGenerationSizeMb: 16,
};

/**
 * The built worker beside this file; from TypeScript sources (under jest, whose transform does not reach a
 * worker thread) the .ts file, compiled on load by libs/testing/src/ts-worker-register.js with the repo's
 * .swcrc — never the case in dist/, which has no .ts files.
 */
function workerScript(): { filename: string; execArgv?: string[] } {
  if (path.extname(__filename) === '.js')
    return { filename: path.join(__dirname, 'capture-parse.worker.js') };
  const register = path.resolve(__dirname, '../../testing/src/ts-worker-register.js');
  return {
    filename: path.join(__dirname, 'capture-parse.worker.ts'),
    execArgv: [...process.execArgv, '--require', register],
  };
}

/** Where a capture file's chunks come from: a parse worker, or this thread for a small file. */
export interface CaptureChunkSource {
  /** The file's chunks in order; ends after the last, throws what stopped the parse. */
  chunks(): AsyncGenerator<CaptureChunk>;
  /** The oldest chunk not yet acknowledged is stored. */
  stored(chunk?: CaptureChunk): void;
  /** Stops the parse, done or not. */
  close(): Promise<void>;
}

/**
 * Files below this size are parsed on this thread: starting a worker (≈ 50 ms, and its own heap) costs more
 * than a few thousand lines take to parse — a collected page of 30 events is one such file, every 15 minutes
 * per terminal.
 */
export const PARSE_IN_WORKER_BYTES = 1 << 20;

/** The chunks of a capture file of `bytes` bytes: in a worker (CaptureParser) when large, else on this thread. */
export function captureChunkSource(
  job: CaptureFileJob,
  pseudonymKey: () => Buffer,
  bytes: number,
): CaptureChunkSource {
  if (bytes >= PARSE_IN_WORKER_BYTES) return CaptureParser.start(job, pseudonymKey);
  const source = captureChunks(job, new SubjectPseudonymiser(pseudonymKey));
  return {
    chunks: () => source,
    stored: () => undefined,
    close: async () => void (await source.return(undefined)),
  };
}

/**
 * Reads, validates, pseudonymises and encodes a capture file in a worker thread (captureChunks, the same
 * code), so that the thread driving the database — and, on the embedded engine, running it — only stores
 * ready chunks. The worker keeps at most `ahead` chunks unstored: call `stored()` after each chunk is stored.
 * `close()` stops it whatever its state; an error in it (a file that cannot be read to its end) comes out of
 * `chunks()` as the same DomainError.
 */
export class CaptureParser implements CaptureChunkSource {
  private readonly worker: Worker;
  private readonly inbox: (WorkerMessage | { type: 'failed'; error: Error })[] = [];
  private wake: (() => void) | null = null;
  private finished = false;
  private exited = false;

  private constructor(data: CaptureParseWorkerData, resourceLimits: ResourceLimits) {
    const { filename, execArgv } = workerScript();
    this.worker = new Worker(filename, { workerData: data, resourceLimits, execArgv });
    const arrive = (m: WorkerMessage | { type: 'failed'; error: Error }) => {
      this.inbox.push(m);
      this.wake?.();
      this.wake = null;
    };
    this.worker.on('message', arrive);
    this.worker.on('error', (error) => arrive({ type: 'failed', error }));
    this.worker.on('exit', (code) => {
      this.exited = true;
      arrive({
        type: 'failed',
        error: new Error(`the capture parse worker exited (code ${code}) before the end`),
      });
    });
  }

  static start(
    job: CaptureFileJob,
    pseudonymKey: () => Buffer,
    options: { chunkRows?: number; ahead?: number; resourceLimits?: ResourceLimits } = {},
  ): CaptureParser {
    let key: Uint8Array | CrossedError;
    try {
      key = pseudonymKey();
    } catch (e) {
      key = crossedError(e);
    }
    return new CaptureParser(
      { job, pseudonymKey: key, chunkRows: options.chunkRows ?? CHUNK, ahead: options.ahead ?? 2 },
      options.resourceLimits ?? PARSE_WORKER_LIMITS,
    );
  }

  /** The file's chunks in order; ends after the last, throws what stopped the worker. */
  async *chunks(): AsyncGenerator<CaptureChunk> {
    for (;;) {
      const m = this.inbox.shift() ?? (await this.next());
      switch (m.type) {
        case 'chunk': {
          const { type: _, csv, rejected, read, skipped, identities, ...rest } = m;
          yield {
            captures: { ...rest, csv: csv.map((b) => Buffer.from(b)) },
            rejected,
            read,
            skipped,
            identities,
          };
          break;
        }
        case 'done':
          this.finished = true;
          return;
        case 'error':
          throw revivedError(m.error);
        case 'failed':
          throw m.error;
      }
    }
  }

  /**
   * The oldest chunk not yet acknowledged is stored: the worker may parse one more. Give it `chunk` (stored,
   * its CSV no longer read by anyone) and its CSV goes back too, emptied here.
   */
  stored(chunk?: CaptureChunk): void {
    if (this.finished) return;
    const csv: ArrayBuffer[] = [];
    for (const b of chunk?.captures.csv ?? []) {
      if (b.buffer instanceof ArrayBuffer && b.byteLength > 0) csv.push(b.buffer);
    }
    this.worker.postMessage({ type: 'stored', csv } satisfies StoredMessage, csv);
  }

  /** Stops the worker (done or not) and waits for it to be gone. */
  async close(): Promise<void> {
    this.finished = true;
    await this.worker.terminate();
  }

  /** Whether the worker thread still runs (tests prove it is gone). */
  get alive(): boolean {
    return !this.exited;
  }

  /** Messages received and not yet taken by `chunks()` (tests prove the worker keeps to `ahead`). */
  get buffered(): number {
    return this.inbox.length;
  }

  private next(): Promise<WorkerMessage | { type: 'failed'; error: Error }> {
    return new Promise((resolve) => {
      this.wake = () => resolve(this.inbox.shift()!);
    });
  }
}
