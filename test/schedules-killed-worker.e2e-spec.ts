import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CollectionModule, DeviceSecret, EndpointRegistryService, TerminalSimulator } from '@app/collection';
import { APP_CONFIG, ConfigModule, loadConfig } from '@app/config';
import { InspectionModule } from '@app/inspection';
import {
  DATABASE,
  DeploymentRepository,
  migrate,
  PersistenceModule,
  RegistryRepository,
  type Database,
} from '@app/persistence';
import { BullScheduleQueue, jobIdFor } from '@app/queue';
import { clearQueuePrefix, createTempDir, createTestPostgresDatabase, TEST_REDIS_URL } from '@app/testing';
import { bioaudit, TEST_KEYS } from './cli-runner';
import { startWorkerProcess, type WorkerProcess } from './worker-runner';
import { seedCollectionFirm } from '../libs/collection/src/collection.testing';

const FIRM = '91330201MA2GT0K01X';
const DEVICE = 'DS-K1T-KILL01';
const PASSWORD = 'E2e-Killed-Worker-5520';
const MINUTE = 60_000;
/** Events the terminal holds: ten pages of 30, all in one window (less than the longest window, 168 h). */
const EVENTS = 300;
/** Pages 1–3 are answered; the 4th search waits until the test lets it go (the worker is killed meanwhile). */
const HELD_FROM = 4;

/** Polls `what` until `done` holds; generous, since two loaded cores may be slow to start a process. */
async function until<T>(
  what: () => Promise<T>,
  done: (v: T) => boolean,
  label: string,
  ms = 90_000,
  context: () => string = () => '',
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await what();
    if (done(v)) return v;
    if (Date.now() - start > ms)
      throw new Error(
        `timed out after ${ms} ms waiting for ${label}; last: ${JSON.stringify(v)}\n${context()}`,
      );
    await sleep(200);
  }
}

/**
 * Issue 12, "a killed worker's job completes on another": the quarter-hourly collection runs as a BullMQ job
 * on worker A (the built worker process) against a simulated terminal on real PostgreSQL and Redis. A is
 * killed with SIGKILL while the job is active and mid-window (three pages stored, the fourth asked for); worker
 * B, started afterwards, takes the stalled job over once A's lock lapses (BIOAUDIT_JOB_LOCK_MS) and finishes
 * it: every face event the terminal holds stored once, the cursor at the window's end, one completed run
 * whose second attempt is B's.
 */
describe('a scheduled collection whose worker is killed mid-way', () => {
  const home = createTempDir();
  const prefix = `bioaudit-e2e-${randomBytes(4).toString('hex')}`;
  // Events of the last hours: the window (since → now less the settle margin) holds all of them.
  const from = new Date(Math.floor((Date.now() - 8 * 60 * MINUTE) / 1000) * 1000);
  const sim = new TerminalSimulator({
    seed: 41,
    events: EVENTS,
    from,
    spacingMs: MINUTE,
    password: PASSWORD,
  });
  const workers: WorkerProcess[] = [];
  let env: Record<string, string>;
  let app: INestApplication | undefined;
  let db: Database;
  let drop: (() => Promise<void>) | undefined;
  let queue: BullScheduleQueue | undefined;
  let endpointId: string;

  beforeAll(async () => {
    const pg = await createTestPostgresDatabase();
    drop = pg.drop;
    await sim.start();
    env = {
      ...TEST_KEYS,
      BIOAUDIT_HOME: home.dir,
      DATABASE_URL: pg.url,
      REDIS_URL: TEST_REDIS_URL,
      BIOAUDIT_QUEUE_PREFIX: prefix,
      // A dead worker's job is handed on after 2 s instead of 30 s.
      BIOAUDIT_JOB_LOCK_MS: '2000',
      // The held search must not time out in A before A is killed, however slow the machine.
      BIOAUDIT_COLLECT_TIMEOUT_SECONDS: '600',
      BIOAUDIT_OPERATOR: 'e2e-coordinator',
    };
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule, PersistenceModule, InspectionModule, CollectionModule],
    })
      .overrideProvider(APP_CONFIG)
      .useValue(loadConfig(env))
      .compile();
    app = moduleRef.createNestApplication();
    await app.init();
    db = app.get<Database>(DATABASE);
    await migrate(db);
    const firms = app.get(RegistryRepository);
    await seedCollectionFirm(firms, {
      name: 'Killed Worker Test Co. (synthetic)',
      creditCode: FIRM,
      region: 'Ningbo',
    });
    const view = await app.get(EndpointRegistryService).add({
      creditCode: FIRM,
      deviceCode: DEVICE,
      vendor: 'hikvision-isapi',
      url: sim.url,
      username: 'admin',
      password: new DeviceSecret(PASSWORD),
      since: new Date(from.getTime() - 30 * MINUTE).toISOString(),
    });
    endpointId = view.id;
    queue = new BullScheduleQueue(TEST_REDIS_URL, {
      deploymentId: await app.get(DeploymentRepository).id(),
      prefix,
    });
  }, 120_000);

  afterAll(async () => {
    for (const w of workers)
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await queue?.close();
    await clearQueuePrefix(prefix);
    await sim.stop();
    await app?.close();
    await drop?.();
    home.remove();
  });

  /** A worker process, ready; the quarter-hourly job scheduler it upserts is removed so only our tick runs. */
  async function startWorker(operator: string): Promise<WorkerProcess> {
    const w = startWorkerProcess({ ...env, BIOAUDIT_OPERATOR: operator });
    workers.push(w);
    await w.ready;
    await queue!.queue.removeJobScheduler('collect');
    return w;
  }

  const runRow = (period: Date) =>
    db.dataSource.query<{ state: string; attempts: number; result: Record<string, unknown> | null }[]>(
      `SELECT state, attempts, result FROM schedule_run WHERE schedule = 'collect' AND period = $1`,
      [period],
    );
  const storedKeys = async (): Promise<string[]> =>
    (
      await db.dataSource.query<{ k: string }[]>(
        `SELECT c.event_key AS k FROM capture_event c JOIN device d ON d.id = c.device_id
         JOIN ingest_batch b ON b.id = c.batch_id
         WHERE d.device_code = $1 AND b.status = 'completed' ORDER BY c.event_key`,
        [DEVICE],
      )
    ).map((r) => r.k);
  const batchesBy = async (operator: string): Promise<number> =>
    (
      await db.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM ingest_batch WHERE submitted_by = $1 AND submitted_from LIKE $2`,
        [operator, `${sim.url}%`],
      )
    )[0].n;
  const cursorOf = async (): Promise<string | null> =>
    (
      await db.dataSource.query<{ cursor: Date | null }[]>(
        `SELECT cursor_at AS cursor FROM device_endpoint WHERE id = $1`,
        [endpointId],
      )
    )[0].cursor?.toISOString() ?? null;

  it('completes on worker B, exactly once, and the run’s history says so', async () => {
    const faceKeys = sim
      .faceEvents()
      .map((e) => String(e.serialNo))
      .sort();
    expect(faceKeys.length).toBeGreaterThan(3 * 30);
    sim.holdSearchesFrom(HELD_FROM);

    const a = await startWorker('worker-a');
    // A fire of `collect`, as its job scheduler adds one: fanned out to one target job for the terminal.
    const period = new Date(Math.floor(Date.now() / (15 * MINUTE)) * 15 * MINUTE);
    await queue!.tick('collect', period);
    const jobId = jobIdFor('ScheduleTarget', {
      schedule: 'collect',
      targetKey: `endpoint-${endpointId}`,
      target: {},
      period: period.toISOString(),
    });

    // Mid-way on A: the target job active in Redis, its run held by attempt 1, pages 1–3 stored, page 4 asked.
    await until(
      async () => ({
        job: (await (await queue!.queue.getJob(jobId))?.getState()) ?? 'absent',
        run: await runRow(period),
        held: sim.heldSearches,
        batches: await batchesBy('worker-a'),
      }),
      (s) =>
        s.job === 'active' &&
        s.run.length === 1 &&
        s.run[0].state === 'running' &&
        s.run[0].attempts === 1 &&
        s.held === 1 &&
        s.batches === HELD_FROM - 1,
      'the collection to be active on worker A, held at page 4',
      90_000,
      () => `worker A said:\n${a.output()}`,
    );
    const beforeKill = await storedKeys();
    expect(beforeKill.length).toBeGreaterThan(0);
    expect(beforeKill.length).toBeLessThan(faceKeys.length);
    expect(await cursorOf()).toBeNull();

    a.child.kill('SIGKILL');
    expect(await a.exited).toBeNull();
    expect(a.child.signalCode).toBe('SIGKILL');
    // A's half-done attempt is all there is: nothing finished its run or moved the cursor.
    expect(await runRow(period)).toEqual([{ state: 'running', attempts: 1, result: null }]);
    expect(await cursorOf()).toBeNull();
    sim.releaseHeld();

    const b = await startWorker('worker-b');
    const [done] = await until(
      () => runRow(period),
      (rows) => rows.length === 1 && rows[0].state !== 'running',
      'the run to end on worker B',
      90_000,
      () => `worker B said:\n${b.output()}`,
    );
    expect(done).toMatchObject({ state: 'completed', attempts: 2 });

    // Exactly once: every face event the terminal holds, each stored once; the cursor at the window's end.
    const keys = await storedKeys();
    expect(keys).toEqual(faceKeys);
    expect(new Set(keys).size).toBe(keys.length);
    const cursor = await cursorOf();
    expect(cursor).not.toBeNull();
    expect(done.result).toMatchObject({
      endpoint: endpointId,
      device: DEVICE,
      cursor,
      conflicts: 0,
      rejected: 0,
    });
    const lastEvent = Math.max(...sim.events().map((e) => e.stampedAt.getTime()));
    expect(Date.parse(cursor!)).toBeGreaterThanOrEqual(lastEvent);
    // B stored what A had not; the events of A's pages came again (the window is re-asked) as duplicates.
    expect(Number(done.result!.stored)).toBe(faceKeys.length - beforeKill.length);
    expect(Number(done.result!.duplicates)).toBe(beforeKill.length);
    expect(await batchesBy('worker-a')).toBe(HELD_FROM - 1);
    expect(await batchesBy('worker-b')).toBeGreaterThan(0);

    // The BullMQ job: taken over after A's lock lapsed, completed on B.
    const job = await queue!.queue.getJob(jobId);
    expect(await job!.getState()).toBe('completed');
    expect(job!.stalledCounter).toBe(1);
    expect(job!.returnvalue).toMatchObject({ outcome: 'completed' });

    // Who did it: one collection recorded, by B, under the run's business key; no failure recorded.
    const log = await db.dataSource.query<{ actor: string; action: string; jobId: string }[]>(
      `SELECT actor, action, details->>'jobId' AS "jobId" FROM audit_log
       WHERE entity = 'device_endpoint' AND entity_id = $1 AND action LIKE 'device_endpoint.collect%' ORDER BY id`,
      [endpointId],
    );
    expect(log).toEqual([
      {
        actor: 'worker-b',
        action: 'device_endpoint.collected',
        jobId: `collect|endpoint-${endpointId}|${period.toISOString()}`,
      },
    ]);

    // The run's history, as an operator reads it.
    const history = await bioaudit(['schedules', 'history', 'collect', '--json'], env);
    expect(history.code).toBe(0);
    expect(JSON.parse(history.stdout)).toEqual([
      expect.objectContaining({
        schedule: 'collect',
        targetKey: `endpoint-${endpointId}`,
        period: period.toISOString(),
        state: 'completed',
        attempts: 2,
        lastError: null,
      }),
    ]);

    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
  }, 240_000);
});
