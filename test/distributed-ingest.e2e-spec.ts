import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Test } from '@nestjs/testing';
import { APP_CONFIG, ConfigModule, loadConfig } from '@app/config';
import { generateInspection } from '@app/example';
import { IngestService, InspectionModule } from '@app/inspection';
import { DATABASE, migrate, PersistenceModule, type Database } from '@app/persistence';
import { clearQueuePrefix, createTempDir, createTestPostgresDatabase, TEST_REDIS_URL } from '@app/testing';
import { CLI_BIN, ROOT, startWorkerProcess } from './worker-runner';

const FIXTURE = path.join(ROOT, 'libs', 'inspection', 'src', 'fixtures', 'small-inspection');
const run = promisify(execFile);

/**
 * Two worker processes ingest one large file in chunks on the real PostgreSQL and Redis; one is killed
 * with SIGKILL mid-way. Its chunk is retried by the other worker: nothing lost, nothing duplicated.
 */
describe('distributed ingestion on BullMQ workers', () => {
  const home = createTempDir();
  const prefix = `bioaudit-e2e-${randomBytes(4).toString('hex')}`;
  let drop: () => Promise<void>;
  let db: Database;
  let ingest: IngestService;
  let closeApp: () => Promise<void>;
  let env: Record<string, string>;

  beforeAll(async () => {
    const pg = await createTestPostgresDatabase();
    drop = pg.drop;
    env = {
      BIOAUDIT_HOME: home.dir,
      DATABASE_URL: pg.url,
      REDIS_URL: TEST_REDIS_URL,
      BIOAUDIT_QUEUE_PREFIX: prefix,
      BIOAUDIT_CHUNK_LINES: '10000',
      BIOAUDIT_JOB_LOCK_MS: '2000',
      BIOAUDIT_OPERATOR: 'e2e-coordinator',
    };
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule, PersistenceModule, InspectionModule],
    })
      .overrideProvider(APP_CONFIG)
      .useValue(loadConfig(env))
      .compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    db = app.get(DATABASE);
    await migrate(db);
    ingest = app.get(IngestService);
    closeApp = () => app.close();
  }, 60_000);

  afterAll(async () => {
    await clearQueuePrefix(prefix);
    await closeApp?.();
    await drop?.();
    home.remove();
  });

  it('ends with exactly the expected rows after a worker is killed mid-way', async () => {
    const folder = path.join(home.dir, 'example');
    const expected = await generateInspection({ outDir: folder, seed: 7, captures: 120_000 });
    const a = startWorkerProcess(env);
    const b = startWorkerProcess(env);
    await Promise.all([a.ready, b.ready]);

    let killed = false;
    const result = ingest.ingestFolder(folder, {
      onProgress: (kind, read) => {
        // Kill worker A once some chunks are stored and others are still being written.
        if (!killed && kind === 'captures' && read >= 30_000) {
          killed = true;
          a.child.kill('SIGKILL');
        }
      },
    });
    const report = await result;
    expect(killed).toBe(true);
    expect(await a.exited).toBeNull();
    expect(report.captures).toEqual({ ...expected.ingest.captures, conflicts: 0, skipped: 0 });
    expect(report.consents).toMatchObject(expected.ingest.consents);

    const [rows] = await db.dataSource.query<{ n: number; distinct_lines: number }[]>(
      `SELECT count(*)::int AS n, count(DISTINCT line_no)::int AS distinct_lines FROM capture_event`,
    );
    expect(rows).toEqual({
      n: expected.ingest.captures.accepted,
      distinct_lines: expected.ingest.captures.accepted,
    });
    const [chunks] = await db.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ingest_chunk c JOIN ingest_batch b ON b.id = c.batch_id WHERE b.kind = 'captures'`,
    );
    expect(chunks.n).toBeGreaterThanOrEqual(12);

    // The CLI, as an officer runs it with REDIS_URL set: hands the chunks to the surviving worker and exits.
    const cli = await run('node', [CLI_BIN, 'ingest', FIXTURE, '--json'], {
      env: { PATH: process.env.PATH ?? '', ...env },
      timeout: 60_000,
    });
    expect((JSON.parse(cli.stdout) as { captures: unknown }).captures).toEqual({
      read: 19,
      accepted: 12,
      duplicates: 2,
      conflicts: 0,
      skipped: 0,
      rejected: 5,
    });
    b.child.kill('SIGTERM');
    await b.exited;
  }, 240_000);
});
