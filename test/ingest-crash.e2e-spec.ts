import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { generateInspection, type ExpectedInspection } from '@app/example';
import { openDatabase } from '@app/persistence';
import { createTempDir, createTestPostgresDatabase } from '@app/testing';
import { bioaudit, bioauditInBackground, TEST_KEYS } from './cli-runner';

/**
 * The write path survives a crash (issue 13): `bioaudit ingest` killed with SIGKILL while its chunks are being
 * copied in, then run again on the same folder, ends with exactly the expected rows — none lost, none twice —
 * and a third run adds nothing. On PostgreSQL the kill comes once rows are visible; on the embedded engine
 * (locked to the running process) a few seconds after the raw file is kept, and the test then checks the
 * database was left part-way, so a kill that came too early or too late fails instead of proving nothing.
 * A killed worker is covered by jobs-end and distributed-ingest.
 */
/**
 * Enough captures that a kill lands part-way: on PostgreSQL it waits for rows; the embedded engine cannot be
 * watched, so it gets 20 chunks (≈ 10 s) to be killed in.
 */
const CAPTURES = { postgres: 200_000, embedded: 1_000_000 };

interface Counts {
  rows: number;
  lines: number;
  identities: number;
}

const COUNTS = `SELECT count(*)::int AS rows, count(DISTINCT (batch_id, line_no))::int AS lines,
                       count(DISTINCT (device_id, event_key))::int AS identities FROM capture_event`;

describe.each(['postgres', 'embedded'] as const)('an ingest killed mid-way on %s, then run again', (kind) => {
  const home = createTempDir();
  let env: Record<string, string>;
  let drop: (() => Promise<void>) | undefined;
  let expected: ExpectedInspection;
  const folder = path.join(home.dir, 'example');

  /** The stored counts, read the way the engine allows: over SQL on PostgreSQL, by opening the folder otherwise. */
  async function counts(): Promise<Counts> {
    const db =
      kind === 'postgres'
        ? await openDatabase({ kind: 'postgres', url: env.DATABASE_URL })
        : await openDatabase({ kind: 'embedded', dataDir: path.join(env.BIOAUDIT_HOME, 'db') });
    try {
      const [c] = await db.dataSource.query<Counts[]>(COUNTS);
      return c;
    } finally {
      await db.close();
    }
  }

  beforeAll(async () => {
    env = { ...TEST_KEYS, BIOAUDIT_HOME: path.join(home.dir, 'home'), BIOAUDIT_OPERATOR: 'e2e' };
    if (kind === 'postgres') {
      const pg = await createTestPostgresDatabase();
      env.DATABASE_URL = pg.url;
      drop = pg.drop;
    }
    expect((await bioaudit(['migrate'], env)).code).toBe(0);
    expected = await generateInspection({ outDir: folder, seed: 31, captures: CAPTURES[kind] });
  }, 120_000);

  afterAll(async () => {
    await drop?.();
    home.remove();
  });

  it('stores exactly the expected rows after SIGKILL and a re-run; a third run adds nothing', async () => {
    const run = bioauditInBackground(['ingest', folder, '--json'], env);
    if (kind === 'postgres') {
      const pg = new Client({ connectionString: env.DATABASE_URL });
      await pg.connect();
      try {
        for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(20)) {
          const [{ n }] = (await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM capture_event`))
            .rows;
          if (n >= 10_000) break;
        }
      } finally {
        await pg.end();
      }
    } else {
      // Locked to the running process, the embedded database cannot be watched: kill a few seconds after the raw
      // file is kept, a fraction of the way through the 20 chunks (the checks below fail if it was not).
      const evidence = path.join(env.BIOAUDIT_HOME, 'evidence');
      for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(20)) {
        if (existsSync(evidence) && readdirSync(evidence, { recursive: true }).length > 3) break;
      }
      await sleep(4_000);
    }
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.code).not.toBe(0);

    const partial = await counts();
    expect(partial.rows).toBeGreaterThan(0);
    expect(partial.rows).toBeLessThan(expected.ingest.captures.accepted);
    // What a killed process left is whole chunks: each row once, under its own line.
    expect(partial.lines).toBe(partial.rows);
    expect(partial.identities).toBe(partial.rows);

    const again = await bioaudit(['ingest', folder, '--json'], env);
    expect(again.code).toBe(0);
    const whole = await counts();
    expect(whole).toEqual({
      rows: expected.ingest.captures.accepted,
      lines: expected.ingest.captures.accepted,
      identities: expected.ingest.captures.accepted,
    });

    const third = await bioaudit(['ingest', folder, '--json'], env);
    expect(third.code).toBe(0);
    expect(await counts()).toEqual(whole);
    const verified = await bioaudit(['verify'], env);
    expect(verified.code).toBe(0);
  }, 600_000);
});
