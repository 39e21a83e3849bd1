import { closeSync } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { IngestionError } from './ingestion.errors';
import { openRegularFile } from './regular-file';

/** Bounds on what one zip archive may expand to; beyond them it is refused as a decompression bomb. */
export interface ArchiveLimits {
  /** Total uncompressed bytes of all entries (declared, and enforced while streaming). */
  maxUncompressedBytes: number;
  /** Largest uncompressed/compressed ratio of an entry larger than `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
  maxEntries: number;
}

/**
 * Text logs compress 5-20x, repetitive ones up to ~100x; deflate cannot exceed ~1030x, which a bomb uses.
 * 16 GiB is far above any single export we have seen and still below what a worker disk holds.
 */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxUncompressedBytes: 16 * 1024 ** 3,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxEntries: 10_000,
};

/** One file inside a zip archive. */
export interface ZipEntryInfo {
  name: string;
  uncompressedSize: number;
  compressedSize: number;
}

/**
 * Lists the files of a zip archive (directories left out) from its central directory, refusing the whole
 * archive (INGEST.ARCHIVE_UNSAFE) when an entry name is absolute or climbs out with `..`, when it declares
 * more than the limits allow, or when an entry is itself an archive (nesting is how bombs multiply).
 */
export async function listZipEntries(
  path: string,
  fileName: string,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<ZipEntryInfo[]> {
  const zip = await openZip(path, fileName);
  const entries: ZipEntryInfo[] = [];
  let total = 0;
  try {
    for (;;) {
      const entry = await nextEntry(zip, fileName, path);
      if (entry === null) break;
      if (entry.fileName.endsWith('/')) continue;
      checkEntryKind(entry, fileName, path);
      checkEntry(entry, fileName, path, limits);
      if (/\.(zip|gz|7z|rar|tar)$/i.test(entry.fileName)) {
        throw unsafe(
          fileName,
          path,
          `entry ${entry.fileName} is itself an archive; unpack nested archives first`,
        );
      }
      total += entry.uncompressedSize;
      if (total > limits.maxUncompressedBytes) {
        throw unsafe(
          fileName,
          path,
          `entries declare more than ${limits.maxUncompressedBytes} bytes in total`,
        );
      }
      if (entries.length >= limits.maxEntries) {
        throw unsafe(fileName, path, `more than ${limits.maxEntries} entries`);
      }
      entries.push({
        name: entry.fileName,
        uncompressedSize: entry.uncompressedSize,
        compressedSize: entry.compressedSize,
      });
    }
  } finally {
    zip.close();
  }
  return entries;
}

/**
 * Streams one entry's uncompressed bytes. yauzl checks the actual size against the declared one; the guard
 * here re-checks the total limit while streaming so a lying header cannot get past it either.
 */
export async function openZipEntry(path: string, name: string, limits: ArchiveLimits): Promise<Readable> {
  const fileName = `${path.split(/[\\/]/).pop() ?? path}/${name}`;
  const zip = await openZip(path, fileName);
  try {
    for (;;) {
      const entry = await nextEntry(zip, fileName, path);
      if (entry === null) {
        throw new IngestionError('INGEST.FILE_MISSING', `${fileName}: no such entry in the archive`, {
          path,
        });
      }
      if (entry.fileName !== name) continue;
      checkEntryKind(entry, fileName, path);
      checkEntry(entry, fileName, path, limits);
      const stream = await new Promise<Readable>((resolve, reject) =>
        zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))),
      );
      let total = 0;
      const guard = new Transform({
        transform(chunk: Buffer, _enc, done) {
          total += chunk.length;
          if (total > limits.maxUncompressedBytes) {
            done(unsafe(fileName, path, `expands beyond ${limits.maxUncompressedBytes} bytes`));
          } else {
            done(null, chunk);
          }
        },
      });
      // yauzl fails an entry that inflates to more than it declared: that is a lying header, i.e. a bomb.
      stream.on('error', (err: Error) =>
        guard.destroy(
          /too many bytes|too few bytes/.test(err.message) ? unsafe(fileName, path, err.message) : err,
        ),
      );
      guard.on('close', () => stream.destroy());
      return stream.pipe(guard);
    }
  } finally {
    // yauzl keeps the file open until the entry stream ends; closing here only stops further entries.
    zip.close();
  }
}

function checkEntry(entry: Entry, fileName: string, path: string, limits: ArchiveLimits): void {
  if (entry.uncompressedSize > limits.maxUncompressedBytes) {
    throw unsafe(fileName, path, `entry ${entry.fileName} declares ${entry.uncompressedSize} bytes`);
  }
  if (
    entry.uncompressedSize > limits.ratioFloorBytes &&
    entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)
  ) {
    throw unsafe(
      fileName,
      path,
      `entry ${entry.fileName} expands ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}x (limit ${limits.maxRatio}x)`,
    );
  }
}

/** Opens the archive as a regular file only (openRegularFile); yauzl closes the descriptor with the archive. */
async function openZip(path: string, fileName: string): Promise<ZipFile> {
  const fd = await openRegularFile(path);
  return new Promise((resolve, reject) =>
    yauzl.fromFd(fd, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, zip) => {
      if (err) {
        closeSync(fd);
        reject(zipError(err, fileName, path));
      } else {
        resolve(zip);
      }
    }),
  );
}

/**
 * The file type an entry's Unix mode declares (upper 16 bits of its external attributes when made on Unix):
 * only regular files (or entries without a Unix mode) are read; a symbolic link entry's content is a path.
 */
function entryKind(entry: Entry): string | null {
  const madeOnUnix = entry.versionMadeBy >> 8 === 3;
  const type = (entry.externalFileAttributes >>> 16) & 0o170000;
  if (!madeOnUnix || type === 0 || type === 0o100000) return null;
  if (type === 0o120000) return 'a symbolic link';
  if (type === 0o040000) return 'a folder';
  return 'a device, FIFO or socket';
}

function checkEntryKind(entry: Entry, fileName: string, path: string): void {
  const kind = entryKind(entry);
  if (kind !== null) {
    throw new IngestionError(
      'INGEST.NOT_A_REGULAR_FILE',
      `${fileName}: refused: entry ${entry.fileName} is ${kind}, not a regular file`,
      { path, entry: entry.fileName },
    );
  }
}

function nextEntry(zip: ZipFile, fileName: string, path: string): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.removeListener('entry', onEntry);
      zip.removeListener('end', onEnd);
      zip.removeListener('error', onError);
    };
    const onEntry = (e: Entry) => {
      cleanup();
      resolve(e);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (err: Error) => {
      cleanup();
      reject(zipError(err, fileName, path));
    };
    zip.once('entry', onEntry);
    zip.once('end', onEnd);
    zip.once('error', onError);
    zip.readEntry();
  });
}

function zipError(err: Error, fileName: string, path: string): IngestionError {
  if (/invalid relative path|absolute path|invalid characters in fileName/.test(err.message)) {
    return unsafe(fileName, path, `an entry name escapes the archive (${err.message})`);
  }
  return new IngestionError(
    'INGEST.FILE_UNREADABLE',
    `${fileName}: not a readable zip archive: ${err.message}`,
    { path },
    { cause: err },
  );
}

function unsafe(fileName: string, path: string, why: string): IngestionError {
  return new IngestionError('INGEST.ARCHIVE_UNSAFE', `${fileName}: refused: ${why}`, { path });
}
