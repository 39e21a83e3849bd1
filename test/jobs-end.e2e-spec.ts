import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Test } from '@nestjs/testing';
import { APP_CONFIG, ConfigModule, loadConfig } from '@app/config';
import { generateInspection, type ExpectedInspection } from '@app/example';
import { InspectionModule } from '@app/inspection';
import { DATABASE, DeploymentRepository, migrate, PersistenceModule, type Database } from '@app/persistence';
import { BullJobQueue } from '@app/queue';
import { clearQueuePrefix, createTempDir, createTestPostgresDatabase, TEST_REDIS_URL } from '@app/testing';
import { startCli, startWorkerProcess, type WorkerProcess } from './worker-runner';

/** One deployment: its own PostgreSQL database, a coordinator app in this process, workers as processes. */
interface Deployment {
  env: Record<string, string>;
  db: Database;
  deploymentId: string;
  close: () => Promise<void>;
}

async function deployment(home: string, extra: Record<string, string>): Promise<Deployment> {
  const pg = await createTestPostgresDatabase();
  const env = {
    BIOAUDIT_HOME: home,
    DATABASE_URL: pg.url,
    REDIS_URL: TEST_REDIS_URL,
    BIOAUDIT_OPERATOR: 'e2e-coordinator',
    ...extra,
  };
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule, PersistenceModule, InspectionModule],
  })
    .overrideProvider(APP_CONFIG)
    .useValue(loadConfig(env))
    .compile();
  const app = moduleRef.createNestApplication();
  await app.init();
  const db = app.get<Database>(DATABASE);
  await migrate(db);
  return {
    env,
    db,
    deploymentId: await app.get(DeploymentRepository).id(),
    close: async () => {
      await app.close();
      await pg.drop();
    },
  };
}

async function count(db: Database, sql: string): Promise<number> {
  const [r] = await db.dataSource.query<{ n: number }[]>(sql);
  return r.n;
}

const expectedCaptures = (e: ExpectedInspection) => ({ ...e.ingest.captures, conflicts: 0, skipped: 0 });

/** `bioaudit ingest <folder> --json` as an officer runs it; its report, or a failure with its output. */
async function ingestByCli(
  folder: string,
  env: Record<string, string>,
  run = startCli(['ingest', folder, '--json'], env),
) {
  const r = await run.done;
  if (r.code !== 0) throw new Error(`bioaudit ingest exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as { captures: unknown; consents: Record<string, unknown> };
}

/**
 * Issue 9, failures 3 and 4, on the real PostgreSQL and Redis with real worker processes: jobs belong to one
 * deployment (a worker of another database on the same Redis and prefix takes nothing), a chunk whose worker
 * is killed twice is still stored, and a caller left without workers gives up with one line, exit 75.
 */
describe('jobs that belong to one deployment and always end', () => {
  const home = createTempDir();
  // One configured prefix for both deployments, as two installs left at the default would share one.
  const prefix = `bioaudit-e2e-${randomBytes(4).toString('hex')}`;
  const common = { BIOAUDIT_QUEUE_PREFIX: prefix, BIOAUDIT_JOB_LOCK_MS: '2000' };
  const workers: WorkerProcess[] = [];
  const closes: (() => Promise<void>)[] = [];

  const worker = (env: Record<string, string>) => {
    const w = startWorkerProcess(env);
    workers.push(w);
    return w;
  };

  afterAll(async () => {
    for (const w of workers)
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    for (const c of closes) await c();
    await clearQueuePrefix(prefix);
    home.remove();
  }, 60_000);

  it('a worker of another database on the same Redis and prefix takes nothing; the right one does the work', async () => {
    const ours = await deployment(path.join(home.dir, 'a'), { ...common, BIOAUDIT_CHUNK_LINES: '5000' });
    closes.push(ours.close);
    const theirs = await deployment(path.join(home.dir, 'b'), common);
    closes.push(theirs.close);
    expect(theirs.deploymentId).not.toBe(ours.deploymentId);
    const foreign = worker(theirs.env);
    const own = worker(ours.env);
    await Promise.all([foreign.ready, own.ready]);

    const folder = path.join(home.dir, 'example-a');
    const expected = await generateInspection({ outDir: folder, seed: 11, captures: 30_000 });
    const report = await ingestByCli(folder, ours.env);
    expect(report.captures).toEqual(expectedCaptures(expected));
    expect(await count(ours.db, `SELECT count(*)::int AS n FROM capture_event`)).toBe(
      expected.ingest.captures.accepted,
    );
    expect(await count(ours.db, `SELECT count(*)::int AS n FROM ingest_chunk`)).toBeGreaterThanOrEqual(6);
    // The foreign worker ran nothing and wrote nothing into its own database.
    expect(foreign.output()).not.toMatch(/IngestChunk|CompleteBatch/);
    expect(await count(theirs.db, `SELECT count(*)::int AS n FROM ingest_chunk`)).toBe(0);
    expect(await count(theirs.db, `SELECT count(*)::int AS n FROM capture_event`)).toBe(0);
    own.child.kill('SIGTERM');
    await own.exited;
    foreign.child.kill('SIGTERM');
    await foreign.exited;
  }, 240_000);

  it('stores a chunk whose worker is killed twice, with exact counts', async () => {
    const d = await deployment(path.join(home.dir, 'c'), { ...common, BIOAUDIT_CHUNK_LINES: '20000' });
    closes.push(d.close);
    const folder = path.join(home.dir, 'example-c');
    const expected = await generateInspection({ outDir: folder, seed: 13, captures: 60_000 });
    const queue = new BullJobQueue(TEST_REDIS_URL, { deploymentId: d.deploymentId, prefix });
    let cli: ReturnType<typeof startCli> | undefined;
    try {
      /** The chunk job `id` (or any chunk when undefined) once it is active with at least `stalls` stalls. */
      const activeChunk = async (id: string | undefined, stalls: number) => {
        for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
          for (const j of await queue.queue.getActive()) {
            if (j.name === 'IngestChunk' && (id === undefined || j.id === id) && j.stalledCounter >= stalls)
              return j.id!;
          }
          await sleep(25);
        }
        throw new Error(`no chunk ${id ?? ''} became active with ${stalls} stall(s) in 120 s`);
      };
      const first = worker(d.env);
      await first.ready;
      cli = startCli(['ingest', folder, '--json'], d.env);
      const result = ingestByCli(folder, d.env, cli);
      result.catch(() => undefined);
      const victim = await activeChunk(undefined, 0);
      first.child.kill('SIGKILL');
      await first.exited;

      // The next worker finds the chunk stalled, runs it again, and is killed in turn while it does.
      const second = worker(d.env);
      await second.ready;
      await activeChunk(victim, 1);
      second.child.kill('SIGKILL');
      await second.exited;

      const third = worker(d.env);
      await third.ready;
      const report = await result;
      expect(report.captures).toEqual(expectedCaptures(expected));
      expect(report.consents).toMatchObject(expected.ingest.consents);
      expect((await queue.queue.getJob(victim))!.stalledCounter).toBe(2);
      expect(await count(d.db, `SELECT count(DISTINCT line_no)::int AS n FROM capture_event`)).toBe(
        expected.ingest.captures.accepted,
      );
      expect(
        await count(d.db, `SELECT count(*)::int AS n FROM ingest_batch WHERE status <> 'completed'`),
      ).toBe(0);
      third.child.kill('SIGTERM');
      await third.exited;
    } finally {
      if (cli && cli.child.exitCode === null) cli.child.kill('SIGKILL');
      await queue.close();
    }
  }, 300_000);

  it('the CLI shows progress while it waits, then gives up with one line and exit 75 when no worker serves it', async () => {
    const d = await deployment(path.join(home.dir, 'e'), {
      ...common,
      BIOAUDIT_CHUNK_LINES: '5000',
      BIOAUDIT_JOB_WAIT_S: '4',
      BIOAUDIT_JOB_PROGRESS_S: '1',
    });
    closes.push(d.close);
    const folder = path.join(home.dir, 'example-e');
    await generateInspection({ outDir: folder, seed: 17, captures: 12_000 });
    // A worker of another deployment runs on the same Redis and prefix: it must not be mistaken for ours.
    const other = await deployment(path.join(home.dir, 'f'), common);
    closes.push(other.close);
    const foreign = worker(other.env);
    await foreign.ready;

    const started = Date.now();
    const run = startCli(['ingest', folder, '--json'], d.env);
    const timer = setTimeout(() => run.child.kill('SIGKILL'), 90_000);
    const cli = await run.done;
    clearTimeout(timer);
    expect(cli.code).toBe(75);
    expect(Date.now() - started).toBeLessThan(60_000);
    const lines = cli.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(
      /^bioaudit: JOBS\.WAIT_TIMEOUT: batch \d+ \(captures\): no chunk finished for 4 s \(0 of \d+ stored\)/,
    );
    // One error line (last); before it only progress lines (and other components' warnings), no stack.
    expect(lines.filter((l) => /^bioaudit: (?!warning:)/.test(l))).toEqual([lines.at(-1)]);
    const progress = lines.filter((l) => l.startsWith('waiting for workers:'));
    expect(progress.length).toBeGreaterThanOrEqual(2);
    for (const l of progress)
      expect(l).toMatch(/^waiting for workers: captures batch \d+: 0\/\d+ chunks stored \(\d+ s\)$/);
    expect(lines.length).toBe(
      progress.length + 1 + lines.filter((l) => l.startsWith('bioaudit: warning:')).length,
    );
    expect(cli.stdout).toBe('');
    // The batch is failed, not left receiving, and holds no rows.
    const batches = await d.db.dataSource.query<{ status: string; failure_code: string }[]>(
      `SELECT status, failure_code FROM ingest_batch WHERE kind = 'captures'`,
    );
    expect(batches).toEqual([{ status: 'failed', failure_code: 'JOBS.WAIT_TIMEOUT' }]);
    expect(await count(d.db, `SELECT count(*)::int AS n FROM capture_event`)).toBe(0);
    expect(foreign.output()).not.toMatch(/IngestChunk/);
    foreign.child.kill('SIGTERM');
    await foreign.exited;
  }, 180_000);
});
