import type { INestApplication } from '@nestjs/common';
import type { Database, ScheduleRunRow } from '@app/persistence';
import { createTempDir } from '@app/testing';
import { InProcessScheduler } from './in-process-scheduler';
import { SchedulesService } from './schedules.service';
import {
  HangingSchedule,
  MovableClock,
  startSchedulesApp,
  startWebhookReceiver,
  WORK_LOG,
} from './schedules.testing';

/** 2026-03-02 02:00 in Asia/Shanghai. */
const TWO_AM_SHANGHAI = new Date('2026-03-01T18:00:00Z');

describe.each(['embedded', 'postgres'] as const)('schedules in-process on %s', (kind) => {
  const home = createTempDir();
  const clock = new MovableClock(new Date('2026-03-01T17:59:00Z'));
  let app: INestApplication;
  let db: Database;
  let close: () => Promise<void>;
  let webhook: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let scheduler: InProcessScheduler;

  beforeAll(async () => {
    WORK_LOG.done.clear();
    webhook = await startWebhookReceiver();
    ({ app, db, close } = await startSchedulesApp(kind, home.dir, clock, {
      BIOAUDIT_ALERT_WEBHOOK_URL: webhook.url,
    }));
    scheduler = app.get(InProcessScheduler);
  }, 60_000);

  afterAll(async () => {
    await scheduler?.stop();
    await close?.();
    await webhook?.close();
    home.remove();
  });

  const runs = (schedule: string) =>
    db.dataSource.query<ScheduleRunRow[]>(
      `SELECT target_key AS "targetKey", state, attempts, last_error AS "lastError", alerts
       FROM schedule_run WHERE schedule = $1 ORDER BY id`,
      [schedule],
    );

  it('fires a 02:00 schedule at 18:00 UTC the day before (Asia/Shanghai), not before', async () => {
    const list = await app.get(SchedulesService).list();
    expect(list.find((s) => s.name === 'counting')).toMatchObject({
      timeZone: 'Asia/Shanghai',
      nextRun: TWO_AM_SHANGHAI,
      lastRun: null,
    });
    scheduler.start();
    try {
      expect(await scheduler.fireDue(new Date('2026-03-01T17:59:59Z'))).toEqual([]);
      const fired = await scheduler.fireDue(TWO_AM_SHANGHAI);
      expect(fired.map((f) => [f.schedule, f.period])).toEqual([['counting', '2026-03-01T18:00:00.000Z']]);
      expect(fired[0].targets.map((t) => t.outcome.kind)).toEqual(['completed', 'completed']);
      // The same instant again is not a new fire.
      expect(await scheduler.fireDue(TWO_AM_SHANGHAI)).toEqual([]);
    } finally {
      await scheduler.stop();
    }
    clock.at = new Date('2026-03-01T18:05:00Z');
    const after = (await app.get(SchedulesService).list()).find((s) => s.name === 'counting');
    expect(after?.nextRun).toEqual(new Date('2026-03-02T18:00:00Z'));
    expect(after?.lastRun).toMatchObject({ period: TWO_AM_SHANGHAI, counts: { completed: 2, failed: 0 } });
  }, 30_000);

  it('does the work of one period once, fired again or overlapping', async () => {
    const period = new Date('2026-03-03T18:00:00Z');
    const key = (firm: string) => `counting|${firm}|${period.toISOString()}`;
    const [a, b] = await Promise.all([
      scheduler.fire('counting', period),
      scheduler.fire('counting', period),
    ]);
    const kinds = [...a.targets, ...b.targets].map((t) => t.outcome.kind).sort();
    expect(kinds).toEqual(['busy', 'busy', 'completed', 'completed']);
    const again = await scheduler.fire('counting', period);
    expect(again.targets.map((t) => t.outcome.kind)).toEqual(['already-done', 'already-done']);
    expect(WORK_LOG.done.get(key('91330201MA2GT00012'))).toBe(1);
    expect(WORK_LOG.done.get(key('91330201MA2GT0009X'))).toBe(1);
  }, 30_000);

  it('raises the alert a successful run returns', async () => {
    const period = new Date('2026-03-04T18:00:00Z');
    webhook.bodies.length = 0;
    const report = await scheduler.fire('counting', period, { firm: '91330201MA2GT0009X' });
    expect(report.targets.map((t) => t.key)).toEqual(['91330201MA2GT0009X']);
    expect(webhook.bodies).toEqual([
      expect.objectContaining({
        schedule: 'counting',
        target: '91330201MA2GT0009X',
        alerts: [
          { code: 'TEST.NOTICED', object: 'firm:91330201MA2GT0009X', message: 'something to look at' },
        ],
      }),
    ]);
  }, 30_000);

  it('retries a failing target with backoff, then fails it with an alert in the log, the row and the webhook', async () => {
    const period = new Date('2026-03-02T19:30:00Z');
    webhook.bodies.length = 0;
    const report = await scheduler.fire('failing', period);
    const outcome = report.targets[0].outcome;
    expect(outcome.kind).toBe('failed');
    expect(outcome.run.attempts).toBe(3);
    expect(WORK_LOG.done.get('failing')).toBe(3);
    const [row] = await runs('failing');
    expect(row).toMatchObject({ state: 'failed', attempts: 3 });
    expect(row.lastError).toBe('could not reach postgres://auditor:***@db.internal/bioaudit');
    expect(row.alerts).toEqual([
      expect.objectContaining({
        code: 'SCHEDULE.TARGET_FAILED',
        object: 'schedule:failing',
        delivery: 'sent',
      }),
    ]);
    expect(webhook.bodies).toHaveLength(1);
    expect(JSON.stringify(webhook.bodies[0])).not.toContain('s3cret');
    expect(webhook.bodies[0]).toMatchObject({
      schedule: 'failing',
      period: period.toISOString(),
      alerts: [expect.objectContaining({ code: 'SCHEDULE.TARGET_FAILED', object: 'schedule:failing' })],
    });
    const logged = await db.dataSource.query<{ actor: string; entity: string; details: { code: string } }[]>(
      `SELECT actor, entity, details FROM audit_log WHERE action = 'schedule.alert' AND details->>'schedule' = 'failing'`,
    );
    expect(logged).toEqual([
      expect.objectContaining({
        actor: 'scheduler',
        entity: 'schedule_run',
        details: expect.objectContaining({ code: 'SCHEDULE.TARGET_FAILED' }) as unknown,
      }),
    ]);
    // Fired again for the same period: out of attempts, not run, not alerted twice.
    const again = await scheduler.fire('failing', period);
    expect(again.targets[0].outcome.kind).toBe('exhausted');
    expect(WORK_LOG.done.get('failing')).toBe(3);
    expect(webhook.bodies).toHaveLength(1);
  }, 30_000);

  it('records a failed webhook delivery without failing the job differently', async () => {
    await webhook.close();
    const report = await scheduler.fire('failing', new Date('2026-03-03T19:30:00Z'));
    expect(report.targets[0].outcome.kind).toBe('failed');
    const rows = await runs('failing');
    expect(rows[rows.length - 1].alerts).toEqual([
      expect.objectContaining({
        code: 'SCHEDULE.TARGET_FAILED',
        delivery: expect.stringMatching(/^failed: /) as unknown,
      }),
    ]);
  }, 30_000);

  it('aborts an attempt at its timeout and fails it', async () => {
    const report = await scheduler.fire('hanging', new Date('2026-03-02T20:00:00Z'));
    expect(report.targets[0].outcome).toMatchObject({
      kind: 'failed',
      error: expect.stringContaining('SCHEDULE.TIMEOUT') as unknown,
    });
    expect(app.get(HangingSchedule).aborted).toBe(true);
  }, 30_000);
});
