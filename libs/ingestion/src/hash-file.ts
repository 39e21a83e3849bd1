import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { IngestionError } from './ingestion.errors';

/** Streams a file through SHA-256 for the chain of custody: the hex digest and byte size of the file as stored. */
export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      h.update(chunk);
      size += chunk.length;
    }
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new IngestionError(
      missing ? 'INGEST.FILE_MISSING' : 'INGEST.FILE_UNREADABLE',
      `${path}: ${missing ? 'not found' : 'cannot be read'}`,
      { path },
      { cause: error },
    );
  }
  return { sha256: h.digest('hex'), size };
}
