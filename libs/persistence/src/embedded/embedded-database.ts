import * as fs from 'node:fs';
import * as path from 'node:path';
import * as lockfile from 'proper-lockfile';
import { PGlite } from '@electric-sql/pglite';
import { DomainError } from '@app/common';

const identity = (v: string): string => v;

/**
 * Types PGlite would parse differently from `pg`. Matching `pg` keeps one behaviour on both engines:
 * bigint and numeric come back as strings (exact), dates as `YYYY-MM-DD`.
 */
export const PG_COMPATIBLE_PARSERS = { 20: identity, 1700: identity, 1082: identity };

export interface EmbeddedDatabase {
  db: PGlite;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Opens the embedded PostgreSQL (PGlite) in `dataDir`, holding an exclusive lock on it for the life of the
 * process: PGlite has no cross-process locking, and two processes on one data folder silently lose rows.
 * A second process gets `DB.EMBEDDED_LOCKED` instead. A lock left by a killed process goes stale and is
 * taken over after `staleMs`.
 */
export async function openEmbeddedDatabase(dataDir: string, staleMs = 10_000): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  let unlock: () => Promise<void>;
  try {
    unlock = await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, '..', `${path.basename(dataDir)}.lock`),
      stale: staleMs,
      update: Math.max(1000, Math.floor(staleMs / 2)),
      realpath: false,
      onCompromised: (err) => {
        // Another process took the lock over: continuing would risk silent data loss, so stop hard.
        process.stderr.write(`bioaudit: embedded database lock lost (${err.message}); exiting\n`);
        process.exit(75);
      },
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new DomainError(
        'DB.EMBEDDED_LOCKED',
        `The embedded database at ${dataDir} is in use by another bioaudit process. Wait for it to finish, or use DATABASE_URL with PostgreSQL to run several processes.`,
        { dataDir },
        { cause: e },
      );
    }
    throw e;
  }
  try {
    const db = await PGlite.create({ dataDir, parsers: PG_COMPATIBLE_PARSERS, relaxedDurability: true });
    return {
      db,
      dataDir,
      close: async () => {
        try {
          if (!db.closed) await db.close();
        } finally {
          await unlock();
        }
      },
    };
  } catch (e) {
    await unlock();
    throw e;
  }
}
