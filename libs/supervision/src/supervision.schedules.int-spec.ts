import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock, FixedClock } from '@app/common';
import { APP_CONFIG, ConfigModule, loadConfig } from '@app/config';
import { InspectionService } from '@app/inspection';
import { DATABASE, migrate, PersistenceModule, type Database } from '@app/persistence';
import { InProcessScheduler, ScheduleExecutor, SchedulesModule, SchedulesService } from '@app/schedules';
import { createTempDir } from '@app/testing';
import { SupervisionModule } from './supervision.module';
import { ReauditSchedule, SUPERVISION_SCHEDULES } from './supervision.schedules';
import { SUPERVISION_ALERTS, SUPERVISION_ERRORS } from './supervision.errors';

const FIXTURE = path.join(__dirname, '..', '..', 'inspection', 'src', 'fixtures', 'small-inspection');

/**
 * The supervision jobs as the bureau's schedules, run by the in-process scheduler as `bioaudit serve` runs them: the
 * re-audit fans out only to firms with new evidence and a failing firm is a failed run with its reason; the
 * integrity sweep's finding of a tampered raw file becomes an alert in the audit log.
 */
describe('the supervision schedules (embedded)', () => {
  const home = createTempDir();
  let app: INestApplication;
  let scheduler: InProcessScheduler;
  let executor: ScheduleExecutor;
  let db: Database;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule,
        PersistenceModule,
        SupervisionModule,
        SchedulesModule.register({ imports: [SupervisionModule], definitions: [...SUPERVISION_SCHEDULES] }),
      ],
    })
      .overrideProvider(APP_CONFIG)
      .useValue(loadConfig({ BIOAUDIT_HOME: home.dir, BIOAUDIT_OPERATOR: 'officer-test' }))
      .overrideProvider(Clock)
      .useValue(new FixedClock(new Date('2021-04-21T02:00:00Z')))
      .compile();
    app = moduleRef.createNestApplication();
    await app.init();
    db = app.get(DATABASE);
    await migrate(db);
    await app
      .get(InspectionService)
      .inspect(FIXTURE, { outDir: path.join(home.dir, 'out'), decisionDate: '2021-04-21' });
    scheduler = app.get(InProcessScheduler);
    executor = app.get(ScheduleExecutor);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    home.remove();
  });

  it('lists the five supervision schedules with their bureau times and fan-out', async () => {
    const list = await app.get(SchedulesService).list();
    expect(list.map((s) => [s.name, s.cron, s.fanOut])).toEqual([
      ['reaudit', '0 2 * * *', 'firm'],
      ['integrity-sweep', '0 3 * * *', 'once'],
      ['deadline-watch', '30 7 * * *', 'case'],
      ['consent-watch', '0 4 * * *', 'firm'],
      ['retention', '30 3 * * *', 'once'],
    ]);
  });

  it('re-audits only firms with evidence their last audit did not read', async () => {
    // The inspection has just audited everything the firm handed over: nothing new, no target, no work.
    const report = await scheduler.fire('reaudit', new Date('2021-04-21T18:00:00Z'));
    expect(report.targets).toEqual([]);
  }, 60_000);

  it('records a failing firm as a failed attempt with its reason, not swallowed', async () => {
    const reaudit = app.get(ReauditSchedule);
    const unknown = '91330201MA2GT0009X';
    const outcome = await executor.runTarget(
      reaudit,
      { key: unknown, data: { creditCode: unknown } },
      new Date('2021-04-21T18:00:00Z'),
    );
    expect(outcome).toMatchObject({
      kind: 'retry',
      delayMs: 60_000,
      error: expect.stringContaining(SUPERVISION_ERRORS.FIRM_NOT_FOUND) as unknown,
    });
    const [row] = await db.dataSource.query<{ state: string; last_error: string }[]>(
      `SELECT state, last_error FROM schedule_run WHERE schedule = 'reaudit' AND target_key = $1`,
      [unknown],
    );
    expect(row.state).toBe('failed');
    expect(row.last_error).toContain(SUPERVISION_ERRORS.FIRM_NOT_FOUND);
  }, 60_000);

  it('reports a tampered raw file from the nightly sweep as an alert in the audit log, once per period', async () => {
    const [captures] = await db.dataSource.query<{ id: string; storagePath: string }[]>(
      `SELECT id::text AS id, storage_path AS "storagePath" FROM ingest_batch WHERE kind = 'captures'`,
    );
    const original = readFileSync(captures.storagePath);
    const tampered = Buffer.from(original);
    tampered[tampered.length - 20] ^= 0x01;
    chmodSync(captures.storagePath, 0o600);
    writeFileSync(captures.storagePath, tampered);
    try {
      const at = new Date('2021-04-21T19:00:00Z');
      const report = await scheduler.fire('integrity-sweep', at);
      expect(report.targets).toHaveLength(1);
      expect(report.targets[0].outcome.kind).toBe('completed');
      const alerts = await db.dataSource.query<{ details: { code: string; object: string } }[]>(
        `SELECT details FROM audit_log WHERE action = 'schedule.alert' ORDER BY id`,
      );
      expect(alerts.map((a) => [a.details.code, a.details.object])).toEqual([
        [SUPERVISION_ALERTS.EVIDENCE_ALTERED, `batch ${captures.id} captures.jsonl`],
      ]);
      // The same period fired again does nothing again: no second alert.
      await scheduler.fire('integrity-sweep', at);
      expect(
        await db.dataSource.query(`SELECT id FROM audit_log WHERE action = 'schedule.alert'`),
      ).toHaveLength(1);
    } finally {
      writeFileSync(captures.storagePath, original);
    }
  }, 120_000);
});
