import * as fs from 'node:fs';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DomainError } from '@app/common';
import { ProcessLock, type LockHolder } from './process-lock';

const identity = (v: string): string => v;

/**
 * Types PGlite would parse differently from `pg`. Matching `pg` keeps one behaviour on both engines:
 * bigint and numeric come back as strings (exact), dates as `YYYY-MM-DD`.
 */
export const PG_COMPATIBLE_PARSERS = { 20: identity, 1700: identity, 1082: identity };

/** Modes of everything bioaudit keeps: only its own user may read or write. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export interface EmbeddedDatabase {
  db: PGlite;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Takes away group and other bits from `dir` and everything under it (an embedded database created by an
 * earlier version, whose files PGlite wrote 0666). Symbolic links are left alone, never followed.
 */
export function makePrivate(dir: string): void {
  const walk = (p: string): void => {
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink()) return;
    if ((st.mode & 0o077) !== 0) fs.chmodSync(p, st.mode & 0o700);
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) walk(path.join(p, name));
  };
  walk(dir);
}

/**
 * Makes the process create private files from now on (Node's fs honours the umask); it also covers the
 * evidence store and case files written later in this process.
 */
export function restrictUmask(): void {
  process.umask(process.umask() | 0o077);
}

function describeHolder(h: LockHolder | null): string {
  if (!h) return 'an unreadable lock file';
  return `process ${h.pid} on ${h.host}`;
}

/**
 * Opens the embedded PostgreSQL (PGlite) in `dataDir`, holding an exclusive lock on it for the life of the
 * process: PGlite has no cross-process locking, and two processes on one data folder silently lose rows.
 * The lock is judged by liveness, not age (see ProcessLock): a paused holder keeps it, a dead one loses it
 * at once. A second process gets `DB.EMBEDDED_LOCKED`. The folder and its files are private (0700/0600).
 */
export async function openEmbeddedDatabase(
  dataDir: string,
  options: { sharedBuffersMb?: number } = {},
): Promise<EmbeddedDatabase> {
  restrictUmask();
  fs.mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const lockPath = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.lock`);
  const taken = ProcessLock.acquire(lockPath);
  if (!taken.acquired) {
    throw new DomainError(
      'DB.EMBEDDED_LOCKED',
      `The embedded database at ${dataDir} is in use by ${describeHolder(taken.holder)} (lock ${lockPath}). Wait for it to finish, or use DATABASE_URL with PostgreSQL to run several processes.`,
      { dataDir, lockPath, holder: taken.holder && { pid: taken.holder.pid, host: taken.holder.host } },
    );
  }
  const lock = taken.lock;
  lock.watchLoss(() => {
    // Someone removed or replaced our lock: continuing could lose rows, so stop with the one-line contract.
    process.stderr.write(
      `bioaudit: DB.EMBEDDED_LOCKED: the lock ${lockPath} is no longer held by this process; exiting\n`,
    );
    process.exit(75);
  });
  try {
    makePrivate(dataDir);
    const db = await PGlite.create({
      dataDir,
      parsers: PG_COMPATIBLE_PARSERS,
      relaxedDurability: true,
      // PGlite's own start parameters, and shared_buffers when configured (its template's is 128 MB).
      ...(options.sharedBuffersMb
        ? { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffersMb}MB`] }
        : {}),
    });
    // A new database is unpacked from PGlite's template with explicit 0666 chmods (the umask cannot stop an
    // explicit chmod); the folder is already 0700, so nobody else could reach them meanwhile. Files PostgreSQL
    // creates afterwards are 0600.
    makePrivate(dataDir);
    return {
      db,
      dataDir,
      close: async () => {
        try {
          if (!db.closed) await db.close();
          makePrivate(dataDir);
        } finally {
          lock.release();
        }
      },
    };
  } catch (e) {
    lock.release();
    throw e;
  }
}
