import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { IngestionError } from './ingestion.errors';
import { openRegularFile } from './regular-file';

/**
 * Streams a file through SHA-256 for the chain of custody: the hex digest and byte size of the file as stored.
 * Only a regular file is hashed (INGEST.NOT_A_REGULAR_FILE for a symbolic link, FIFO or device).
 */
export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  try {
    const fd = await openRegularFile(path);
    for await (const chunk of createReadStream(path, {
      fd,
      highWaterMark: 1 << 20,
    }) as AsyncIterable<Buffer>) {
      h.update(chunk);
      size += chunk.length;
    }
  } catch (error) {
    if (error instanceof IngestionError) throw error;
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
