import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { INestApplication } from '@nestjs/common';
import { DeploymentRepository, ScheduleRunRepository, type Database } from '@app/persistence';
import { BullJobQueue, BullScheduleQueue, startScheduleWorker } from '@app/queue';
import { clearQueuePrefix, createTempDir, TEST_REDIS_URL } from '@app/testing';
import { ScheduleExecutor } from './schedule-executor';
import { ScheduleJobRunner } from './schedule-job-runner';
import { ScheduleRegistry } from './schedule-registry';
import { MovableClock, startSchedulesApp, startWebhookReceiver, WORK_LOG } from './schedules.testing';

/** Schedules on BullMQ: real Redis, real PostgreSQL, a worker started by startScheduleWorker. */
describe('schedules on BullMQ', () => {
  const home = createTempDir();
  const prefix = `bioaudit-test-${randomBytes(4).toString('hex')}`;
  const clock = new MovableClock(new Date('2026-03-01T18:00:01Z'));
  let app: INestApplication;
  let db: Database;
  let close: () => Promise<void>;
  let deploymentId: string;
  let webhook: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    WORK_LOG.done.clear();
    webhook = await startWebhookReceiver();
    ({ app, db, close } = await startSchedulesApp('postgres', home.dir, clock, {
      REDIS_URL: TEST_REDIS_URL,
      BIOAUDIT_QUEUE_PREFIX: prefix,
      BIOAUDIT_ALERT_WEBHOOK_URL: webhook.url,
    }));
    deploymentId = await app.get(DeploymentRepository).id();
  }, 60_000);

  afterAll(async () => {
    await clearQueuePrefix(prefix);
    await close?.();
    await webhook?.close();
    home.remove();
  });

  async function until<T>(what: () => Promise<T>, done: (v: T) => boolean, ms = 30_000): Promise<T> {
    const start = Date.now();
    for (;;) {
      const v = await what();
      if (done(v)) return v;
      if (Date.now() - start > ms) throw new Error(`timed out waiting; last: ${JSON.stringify(v)}`);
      await sleep(100);
    }
  }

  const states = (schedule: string) =>
    db.dataSource.query<{ targetKey: string; state: string; attempts: number }[]>(
      `SELECT target_key AS "targetKey", state, attempts FROM schedule_run WHERE schedule = $1 ORDER BY target_key`,
      [schedule],
    );

  it('upserts one job scheduler per definition in the bureau’s zone and removes retired ones', async () => {
    const queue = new BullScheduleQueue(TEST_REDIS_URL, { deploymentId, prefix });
    const inspection = new BullJobQueue(TEST_REDIS_URL, { deploymentId, prefix });
    try {
      await inspection.queue.upsertJobScheduler(
        'nightly-reaudit',
        { pattern: '0 2 * * *' },
        { name: 'AuditFirm' },
      );
      await queue.queue.upsertJobScheduler('gone', { pattern: '0 5 * * *' }, { name: 'ScheduleTick' });
      const registry = app.get(ScheduleRegistry);
      const specs = registry.all().map((d) => ({ name: d.name, cron: d.cron, timeZone: registry.timeZone }));
      await queue.upsertSchedulers(specs);
      await queue.upsertSchedulers(specs);
      await inspection.removeRetiredSchedulers();
      const schedulers = await queue.queue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.pattern, s.tz]).sort()).toEqual([
        ['counting', '0 2 * * *', 'Asia/Shanghai'],
        ['failing', '30 3 * * *', 'Asia/Shanghai'],
        ['hanging', '0 4 * * *', 'Asia/Shanghai'],
      ]);
      // BullMQ computes the same next fire as the in-process scheduler: 02:00 Shanghai.
      const counting = schedulers.find((s) => s.key === 'counting');
      expect(counting?.next).toBeGreaterThan(Date.now());
      expect(new Date(counting!.next!).getUTCHours()).toBe(18);
      expect(await inspection.queue.getJobSchedulers()).toEqual([]);
    } finally {
      await queue.close();
      await inspection.close();
    }
  }, 30_000);

  it('fans a tick out to one job per target, and a repeated or overlapping tick adds no work', async () => {
    const queue = new BullScheduleQueue(TEST_REDIS_URL, { deploymentId, prefix });
    const worker = startScheduleWorker(TEST_REDIS_URL, app.get(ScheduleJobRunner).handlers(queue), {
      deploymentId,
      prefix,
      concurrency: 4,
    });
    const period = new Date('2026-03-01T18:00:00Z');
    try {
      await queue.tick('counting', period);
      await until(
        () => states('counting'),
        (rows) => rows.length === 2 && rows.every((r) => r.state === 'completed'),
      );
      // The same tick again (same job id), and one a second scheduler would add (its own job id): no new work.
      await queue.tick('counting', period);
      await queue.queue.add(
        'ScheduleTick',
        { schedule: 'counting', scheduledAt: period.toISOString(), deploymentId },
        { jobId: 'another-scheduler-tick' },
      );
      await until(
        // (delayed: the job schedulers' next ticks, tomorrow)
        () => queue.queue.getJobCounts('completed', 'active', 'waiting'),
        (c) => c.active + c.waiting === 0 && c.completed >= 4,
      );
      expect(await states('counting')).toEqual([
        { targetKey: '91330201MA2GT00012', state: 'completed', attempts: 1 },
        { targetKey: '91330201MA2GT0009X', state: 'completed', attempts: 1 },
      ]);
      for (const firm of ['91330201MA2GT00012', '91330201MA2GT0009X'])
        expect(WORK_LOG.done.get(`counting|${firm}|${period.toISOString()}`)).toBe(1);
      const targetJobs = (await queue.queue.getJobs(['completed'])).filter(
        (j) => j.name === 'ScheduleTarget',
      );
      expect(targetJobs.map((j) => j.id).sort()).toEqual([
        'ScheduleTarget|counting|91330201MA2GT00012|2026-03-01T180000.000Z',
        'ScheduleTarget|counting|91330201MA2GT0009X|2026-03-01T180000.000Z',
      ]);
    } finally {
      await worker.close();
      await queue.close();
    }
  }, 60_000);

  it('names a job scheduler’s tick by the instant it was scheduled for', async () => {
    const queue = new BullScheduleQueue(TEST_REDIS_URL, { deploymentId, prefix });
    const worker = startScheduleWorker(TEST_REDIS_URL, app.get(ScheduleJobRunner).handlers(queue), {
      deploymentId,
      prefix,
      concurrency: 4,
    });
    try {
      // Every second (six fields: BullMQ's own syntax, not a definition's), so a tick comes at once.
      await queue.queue.upsertJobScheduler(
        'counting',
        { pattern: '* * * * * *', tz: 'Asia/Shanghai' },
        { name: 'ScheduleTick', data: { schedule: 'counting', deploymentId } },
      );
      const tick = await until(
        async () =>
          (await queue.queue.getJobs(['completed'])).find((j) => j.id?.startsWith('repeat:counting:')),
        (j) => j !== undefined,
      );
      const millis = Number(tick!.id!.split(':').pop());
      expect(tick!.returnvalue).toEqual({
        schedule: 'counting',
        period: new Date(millis).toISOString(),
        targets: 2,
      });
    } finally {
      await queue.queue.removeJobScheduler('counting');
      await worker.close();
      await queue.close();
    }
  }, 60_000);

  it('takes a run over at once from a worker that died holding it, and leaves a live holder alone', async () => {
    const queue = new BullScheduleQueue(TEST_REDIS_URL, { deploymentId, prefix });
    const handlers = app.get(ScheduleJobRunner).handlers(queue);
    const period = new Date('2026-03-02T18:00:00Z');
    const firm = '91330201MA2GT00012';
    const data = {
      schedule: 'counting',
      targetKey: firm,
      target: { creditCode: firm },
      period: period.toISOString(),
    };
    try {
      // Attempt 1 holds the run, as a worker killed mid-way leaves it: running, well inside its lease.
      const held = await app
        .get(ScheduleRunRepository)
        .claim(
          { schedule: 'counting', targetKey: firm, period },
          { now: clock.now(), staleBefore: new Date(0), maxAttempts: 2 },
        );
      expect(held).toMatchObject({ kind: 'claimed', run: { attempts: 1 } });
      // A second delivery while the holder lives (no stall seen by BullMQ): not run, retried later.
      await expect(handlers.ScheduleTarget(data, { holderDied: false })).rejects.toThrow(
        'is held by a live attempt',
      );
      // BullMQ put the job back after its worker's lock lapsed: the holder is dead, the run is taken over now.
      await expect(handlers.ScheduleTarget(data, { holderDied: true })).resolves.toMatchObject({
        outcome: 'completed',
      });
      expect((await states('counting')).find((r) => r.targetKey === firm && r.attempts === 2)).toEqual({
        targetKey: firm,
        state: 'completed',
        attempts: 2,
      });
      expect(WORK_LOG.done.get(`counting|${firm}|${period.toISOString()}`)).toBe(1);
    } finally {
      await queue.close();
    }
  }, 30_000);

  it('records nothing and alerts nothing for an attempt that finishes after another took its run over', async () => {
    const queue = new BullScheduleQueue(TEST_REDIS_URL, { deploymentId, prefix });
    const handlers = app.get(ScheduleJobRunner).handlers(queue);
    const period = new Date('2026-03-03T18:00:00Z');
    // The firm whose run reports an alert: one alert for the run, from the attempt that owns it.
    const firm = '91330201MA2GT0009X';
    const before = webhook.bodies.length;
    try {
      const def = app.get(ScheduleRegistry).find('counting')!;
      // Attempt 1 runs (150 ms) on a worker BullMQ has given up on; attempt 2 takes the run over meanwhile.
      const first = app
        .get(ScheduleExecutor)
        .runTarget(def, { key: firm, data: { creditCode: firm } }, period);
      await until(
        () => states('counting'),
        (rows) => rows.some((r) => r.targetKey === firm && r.state === 'running' && r.attempts === 1),
      );
      await expect(
        handlers.ScheduleTarget(
          {
            schedule: 'counting',
            targetKey: firm,
            target: { creditCode: firm },
            period: period.toISOString(),
          },
          { holderDied: true },
        ),
      ).resolves.toMatchObject({ outcome: 'completed' });
      await expect(first).resolves.toMatchObject({ kind: 'superseded' });
      const [row] = await db.dataSource.query<{ state: string; attempts: number; alerts: unknown[] }[]>(
        `SELECT state, attempts, alerts FROM schedule_run WHERE schedule = 'counting' AND target_key = $1 AND period = $2`,
        [firm, period.toISOString()],
      );
      expect(row).toMatchObject({ state: 'completed', attempts: 2 });
      expect(row.alerts).toHaveLength(1);
      expect(webhook.bodies.slice(before).filter((b) => b.schedule === 'counting')).toHaveLength(1);
    } finally {
      await queue.close();
    }
  }, 30_000);

  it('retries a failing target with the definition’s attempts, then fails it for good with one alert', async () => {
    const queue = new BullScheduleQueue(TEST_REDIS_URL, { deploymentId, prefix });
    const worker = startScheduleWorker(TEST_REDIS_URL, app.get(ScheduleJobRunner).handlers(queue), {
      deploymentId,
      prefix,
    });
    try {
      await queue.tick('failing', new Date('2026-03-01T19:30:00Z'));
      await until(
        () => states('failing'),
        (rows) => rows.length === 1 && rows[0].state === 'failed' && rows[0].attempts === 3,
      );
      const job = await until(
        async () => (await queue.queue.getJobs(['failed'])).find((j) => j.name === 'ScheduleTarget'),
        (j) => j !== undefined && j.finishedOn !== undefined,
      );
      expect(job!.attemptsMade).toBe(3);
      expect(job!.failedReason).toContain('SCHEDULE.TARGET_FAILED');
      expect(webhook.bodies.filter((b) => b.schedule === 'failing')).toHaveLength(1);
    } finally {
      await worker.close();
      await queue.close();
    }
  }, 60_000);
});
