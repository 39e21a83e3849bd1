import * as path from 'node:path';
import { createTempDir, createTestPostgresDatabase } from '@app/testing';
import { openDatabase, type Database } from './data-source';

/** The two engines every repository spec runs on. */
export const ENGINES = ['postgres', 'embedded'] as const;

/** A new, empty (not yet migrated) database of either engine for a spec, and how to close and remove it. */
export async function openTestDatabase(
  kind: (typeof ENGINES)[number],
): Promise<{ db: Database; cleanup: () => Promise<void> }> {
  if (kind === 'postgres') {
    const pg = await createTestPostgresDatabase();
    const db = await openDatabase({ kind: 'postgres', url: pg.url });
    return {
      db,
      cleanup: async () => {
        await db.close();
        await pg.drop();
      },
    };
  }
  const tmp = createTempDir();
  const db = await openDatabase({ kind: 'embedded', dataDir: path.join(tmp.dir, 'db') });
  return {
    db,
    cleanup: async () => {
      await db.close();
      tmp.remove();
    },
  };
}
