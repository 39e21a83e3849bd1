import { close, constants, fstat, open, readFile, type Stats } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { basename } from 'node:path';
import { IngestionError } from './ingestion.errors';

/**
 * Opening an input file the one safe way: never through a symbolic link (O_NOFOLLOW), never blocking on a
 * FIFO or device (O_NONBLOCK), and only a regular file once opened (fstat of the opened descriptor, so a file
 * swapped after a check is still caught). Anything else is INGEST.NOT_A_REGULAR_FILE with a one-line message.
 */
const FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
const openFd = promisify(open);
const fstatFd = promisify(fstat);
const closeFd = promisify(close);
const readFd = promisify(readFile);

/** What a non-regular file is, in words, from its lstat. */
export function kindOf(s: Stats): string {
  if (s.isSymbolicLink()) return 'a symbolic link';
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

export function notRegular(path: string, what: string): IngestionError {
  return new IngestionError(
    'INGEST.NOT_A_REGULAR_FILE',
    `${basename(path)}: refused: ${what}, not a regular file (inputs are read only as regular files inside the folder)`,
    { path },
  );
}

/**
 * lstat without following links: null when nothing is there, else the entry's own stats (a symbolic link,
 * dangling or not, is reported as one).
 */
export async function lstatOrNull(path: string): Promise<Stats | null> {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Throws INGEST.NOT_A_REGULAR_FILE unless `path` itself (not what it links to) is a regular file. */
export async function assertRegularFile(path: string): Promise<void> {
  const s = await lstatOrNull(path);
  if (s !== null && !s.isFile()) throw notRegular(path, kindOf(s));
}

/**
 * Opens a regular file for reading and returns its descriptor (the caller closes it, e.g. by handing it to
 * createReadStream), or throws: INGEST.NOT_A_REGULAR_FILE for a symbolic link (also a dangling one), FIFO,
 * socket, device or folder; the raw errno error otherwise (ENOENT, EACCES...) for the caller to name.
 */
export async function openRegularFile(path: string): Promise<number> {
  let fd: number;
  try {
    fd = await openFd(path, FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ELOOP: the last component is a symbolic link (Linux, macOS); EMLINK on FreeBSD.
    if (code === 'ELOOP' || code === 'EMLINK') throw notRegular(path, 'a symbolic link');
    if (code === 'ENXIO') throw notRegular(path, 'a socket or device');
    throw error;
  }
  try {
    const s = await fstatFd(fd);
    if (!s.isFile()) throw notRegular(path, kindOf(s));
  } catch (error) {
    await closeFd(fd);
    throw error;
  }
  return fd;
}

/** The whole content of a small regular file (openRegularFile's checks), as text. */
export async function readRegularFile(path: string): Promise<string> {
  const fd = await openRegularFile(path);
  try {
    return await readFd(fd, 'utf8');
  } finally {
    await closeFd(fd);
  }
}
