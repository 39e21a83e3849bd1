import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock } from '@app/common';
import { APP_CONFIG, ConfigModule, loadConfig, type AppConfig } from '@app/config';
import { InspectionModule } from '@app/inspection';
import { DATABASE, migrate, PersistenceModule, RegistryRepository, type Database } from '@app/persistence';
import { InProcessScheduler, SchedulesModule } from '@app/schedules';
import { createTempDir, createTestPostgresDatabase, MovableClock } from '@app/testing';
import { CollectionModule } from './collection.module';
import { CollectionSchedule } from './collection.schedule';
import { DeviceSecret } from './credential-seal';
import { EndpointRegistryService } from './endpoint-registry.service';
import { TerminalSimulator } from './simulator/terminal-simulator';
import { seedCollectionFirm } from './collection.testing';

const CREDIT_CODE = '91330201MA2GT0C01X';
const PASSWORD = 'Terminal-Secret-4711';
const T0 = new Date('2025-03-01T00:00:00Z');
const MINUTE = 60_000;

/**
 * The quarter-hourly `collect` schedule as `bioaudit serve` runs it, against two simulated terminals of one firm: a
 * fire pulls exactly each terminal's face events, the same quarter fired again does nothing, the next quarter only
 * the new events; `--firm` reaches the firm's terminals.
 */
for (const engine of ['embedded', 'postgres'] as const) {
  describe(`the collect schedule (${engine})`, () => {
    const home = createTempDir();
    const clock = new MovableClock(new Date(T0.getTime() + 3 * 60 * MINUTE));
    const sims: TerminalSimulator[] = [];
    let app: INestApplication;
    let db: Database;
    let drop: (() => Promise<void>) | null = null;
    let scheduler: InProcessScheduler;

    beforeAll(async () => {
      const env: Record<string, string> = {
        BIOAUDIT_HOME: home.dir,
        BIOAUDIT_OPERATOR: 'officer-test',
        BIOAUDIT_MASTER_KEY: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
      };
      if (engine === 'postgres') {
        const pg = await createTestPostgresDatabase();
        env.DATABASE_URL = pg.url;
        drop = pg.drop;
      }
      const loaded = loadConfig(env);
      const config: AppConfig = { ...loaded, collection: { ...loaded.collection, maxWindowMs: 60 * MINUTE } };
      const moduleRef = await Test.createTestingModule({
        imports: [
          ConfigModule,
          PersistenceModule,
          InspectionModule,
          CollectionModule,
          SchedulesModule.register({ imports: [CollectionModule], definitions: [CollectionSchedule] }),
        ],
      })
        .overrideProvider(APP_CONFIG)
        .useValue(config)
        .overrideProvider(Clock)
        .useValue(clock)
        .compile();
      app = moduleRef.createNestApplication();
      await app.init();
      db = app.get<Database>(DATABASE);
      await migrate(db);
      const firms = app.get(RegistryRepository);
      await seedCollectionFirm(firms, {
        name: 'Collection Schedule Co. (synthetic)',
        creditCode: CREDIT_CODE,
        region: 'Ningbo',
      });
      const registry = app.get(EndpointRegistryService);
      for (const [i, device] of ['DS-K1T-A', 'DS-K1T-B'].entries()) {
        const sim = new TerminalSimulator({
          seed: 20 + i,
          events: 90,
          from: T0,
          spacingMs: MINUTE,
          password: PASSWORD,
          now: () => clock.now(),
        });
        const { url } = await sim.start();
        sims.push(sim);
        await registry.add({
          creditCode: CREDIT_CODE,
          deviceCode: device,
          vendor: 'hikvision-isapi',
          url,
          username: 'admin',
          password: new DeviceSecret(PASSWORD),
          since: new Date(T0.getTime() - 30 * MINUTE).toISOString(),
        });
      }
      scheduler = app.get(InProcessScheduler);
    }, 120_000);

    afterAll(async () => {
      for (const s of sims) await s.stop();
      await app?.close();
      await drop?.();
      home.remove();
    });

    /** Per terminal: distinct stored events and stored rows (equal: nothing twice), against its face events. */
    const stored = async () =>
      (
        await db.dataSource.query<{ device: string; n: number; rows: number }[]>(
          `SELECT d.device_code AS device, count(DISTINCT c.event_key)::int AS n, count(*)::int AS rows
           FROM capture_event c JOIN device d ON d.id = c.device_id JOIN ingest_batch b ON b.id = c.batch_id
           WHERE b.status = 'completed' GROUP BY d.device_code ORDER BY d.device_code`,
        )
      ).map((r) => [r.device, r.n, r.rows]);
    const expected = () => [
      ['DS-K1T-A', sims[0].faceEvents().length, sims[0].faceEvents().length],
      ['DS-K1T-B', sims[1].faceEvents().length, sims[1].faceEvents().length],
    ];

    it('pulls exactly each terminal’s face events, one completed run per terminal', async () => {
      const report = await scheduler.fire('collect', new Date('2025-03-01T03:00:00Z'));
      expect(report.targets.map((t) => t.outcome.kind)).toEqual(['completed', 'completed']);
      expect(await stored()).toEqual(expected());
    }, 120_000);

    it('does nothing again for the same quarter, and only the new events in the next', async () => {
      const batches = async () =>
        (await db.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ingest_batch`))[0].n;
      const before = await batches();
      const again = await scheduler.fire('collect', new Date('2025-03-01T03:00:00Z'));
      expect(again.targets.map((t) => t.outcome.kind)).toEqual(['already-done', 'already-done']);
      expect(await batches()).toBe(before);

      const start = clock.now();
      sims[0].addEvents(30, { from: start, spacingMs: MINUTE });
      clock.set(new Date(start.getTime() + 40 * MINUTE));
      const next = await scheduler.fire('collect', new Date('2025-03-01T03:15:00Z'), { firm: CREDIT_CODE });
      expect(next.targets.map((t) => t.outcome.kind)).toEqual(['completed', 'completed']);
      expect(await stored()).toEqual(expected());
    }, 120_000);
  });
}
