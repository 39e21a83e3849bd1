/**
 * The capture parse worker (CaptureParser starts one per file or chunk job): captureChunks over its file,
 * each chunk posted with its CSV transferred, never more than `ahead` chunks before the main thread has
 * stored them. Relative imports inside the lib only: the worker loads what parsing needs, not the data layer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SubjectPseudonymiser } from '@app/crypto';
import { captureChunks } from './capture-chunks';
import {
  crossedError,
  revivedError,
  type CaptureParseWorkerData,
  type ChunkMessage,
  type StoredMessage,
  type WorkerMessage,
} from './capture-parser';

/**
 * The pieces as ArrayBuffers that can be moved to the main thread: a piece that is a whole ArrayBuffer of its
 * own (any slice of more than 4 KB) as it is, a pooled one (a small Buffer shares the pool's, which cannot be
 * transferred) copied into one of its own.
 */
function movable(pieces: readonly Buffer[]): ArrayBuffer[] {
  return pieces.map((p) =>
    p.byteOffset === 0 && p.byteLength === p.buffer.byteLength && p.buffer instanceof ArrayBuffer
      ? p.buffer
      : new Uint8Array(p).buffer,
  );
}

async function run(port: NonNullable<typeof parentPort>, data: CaptureParseWorkerData): Promise<void> {
  let unstored = 0;
  let resume: (() => void) | null = null;
  port.on('message', (m: StoredMessage) => {
    if (m.type !== 'stored') return;
    unstored--;
    resume?.();
    resume = null;
  });
  const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  try {
    const key = data.pseudonymKey;
    const subjects = new SubjectPseudonymiser(() => {
      if (!(key instanceof Uint8Array)) throw revivedError(key);
      return Buffer.from(key.buffer, key.byteOffset, key.byteLength);
    });
    for await (const c of captureChunks(data.job, subjects, data.chunkRows)) {
      const csv = movable(c.captures.csv);
      const { count, devices, first, last } = c.captures;
      const { rejected, read, skipped, identities } = c;
      const chunk: ChunkMessage = {
        type: 'chunk',
        csv,
        count,
        devices,
        first,
        last,
        rejected,
        read,
        skipped,
        identities,
      };
      post(chunk, csv);
      unstored++;
      while (unstored >= data.ahead) await new Promise<void>((r) => (resume = r));
    }
    post({ type: 'done' });
  } catch (e) {
    const error = crossedError(e);
    try {
      post({ type: 'error', error });
    } catch {
      post({ type: 'error', error: { ...error, details: undefined } }); // details that cannot be cloned
    }
  } finally {
    // Nothing more to receive: let the thread end once its messages are out.
    port.unref();
  }
}

if (parentPort) void run(parentPort, workerData as CaptureParseWorkerData);
