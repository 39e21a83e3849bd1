import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock } from '@app/common';
import { APP_CONFIG, ConfigModule, loadConfig, type AppConfig } from '@app/config';
import { InspectionModule } from '@app/inspection';
import { DATABASE, migrate, PersistenceModule, RegistryRepository, type Database } from '@app/persistence';
import { createTempDir, createTestPostgresDatabase, MovableClock } from '@app/testing';
import { CollectionModule } from '../collection.module';
import { CollectionService } from '../collection.service';
import { DeviceSecret } from '../credential-seal';
import { EndpointRegistryService } from '../endpoint-registry.service';
import { DahuaTerminalSimulator } from '../simulator/dahua-terminal-simulator';
import { seedCollectionFirm } from '../collection.testing';

const CREDIT_CODE = '91330201MA2GT0C01X';
const DEVICE = 'DH-ASI-SIM01';
const PASSWORD = 'Terminal-Secret-4711';
const T0 = new Date('2025-03-01T00:00:00Z');
const MINUTE = 60_000;

for (const engine of ['embedded', 'postgres'] as const) {
  describe(`collection from a simulated Dahua terminal (${engine})`, () => {
    const home = createTempDir();
    const clock = new MovableClock(new Date(T0.getTime() + 4 * 60 * MINUTE));
    let app: INestApplication;
    let db: Database;
    let drop: (() => Promise<void>) | null = null;
    let collector: CollectionService;
    let registry: EndpointRegistryService;
    let sim: DahuaTerminalSimulator;
    let endpointId: string;
    let deviceDbId: string;

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
      const config: AppConfig = {
        ...loaded,
        // One-hour windows so a run spans several; short waits so the faults do not slow the spec.
        collection: { ...loaded.collection, maxWindowMs: 60 * MINUTE, timeoutMs: 400, retryDelayMs: 5 },
      };
      const moduleRef = await Test.createTestingModule({
        imports: [ConfigModule, PersistenceModule, InspectionModule, CollectionModule],
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
        name: 'Dahua Collection Test Co. (synthetic)',
        creditCode: CREDIT_CODE,
        region: 'Ningbo',
      });
      collector = app.get(CollectionService);
      registry = app.get(EndpointRegistryService);
      // A silent cap of 20 records an answer where the collector asks 100: pages edge every 20 records.
      sim = new DahuaTerminalSimulator({
        seed: 11,
        records: 180,
        countCap: 20,
        from: T0,
        spacingMs: MINUTE,
        password: PASSWORD,
        now: () => clock.now(),
        holdMs: 1_500,
      });
      const { url } = await sim.start();
      const view = await registry.add({
        creditCode: CREDIT_CODE,
        deviceCode: DEVICE,
        vendor: 'dahua-cgi',
        url,
        username: 'admin',
        password: new DeviceSecret(PASSWORD),
        since: new Date(T0.getTime() - 30 * MINUTE).toISOString(),
      });
      endpointId = view.id;
      const [d] = await db.dataSource.query<{ id: string }[]>(
        `SELECT id::text AS id FROM device WHERE device_code = $1`,
        [DEVICE],
      );
      deviceDbId = d.id;
    }, 60_000);

    afterAll(async () => {
      await sim?.stop();
      await app?.close();
      await drop?.();
      home.remove();
    });

    const storedKeys = async (): Promise<string[]> =>
      (
        await db.dataSource.query<{ k: string }[]>(
          `SELECT c.event_key AS k FROM capture_event c JOIN ingest_batch b ON b.id = c.batch_id
           WHERE c.device_id = $1 AND b.status = 'completed' ORDER BY c.event_key`,
          [deviceDbId],
        )
      ).map((r) => r.k);
    const faceKeys = () =>
      sim
        .faceRecords()
        .map((r) => String(r.recNo))
        .sort();
    const cursor = async () => (await registry.list(CREDIT_CODE)).find((v) => v.device === DEVICE)!.cursor;

    const asked = () =>
      sim.requests.filter((r) => r.ordinal !== null).map((r) => new URL(r.url, 'http://t').searchParams);

    it('creates the terminal as a Dahua device', async () => {
      const [d] = await db.dataSource.query<{ vendor: string }[]>(`SELECT vendor FROM device WHERE id = $1`, [
        deviceDbId,
      ]);
      expect(d.vendor).toBe('dahua');
    });

    it('stores exactly the terminal’s face records across every fault, and the batches reconcile', async () => {
      sim.setFaults([
        { kind: 'timeout', onRequests: [2] },
        { kind: 'server-error', onRequests: [4] },
        { kind: 'stale-nonce', onRequests: [6] },
        { kind: 'truncated', onRequests: [8] },
      ]);
      const result = await collector.collectDevice(endpointId, { jobId: 'job-1' });
      sim.setFaults([]);
      const keys = await storedKeys();
      expect(keys.length).toBeGreaterThan(50);
      expect(keys).toEqual(faceKeys());
      expect(new Set(keys).size).toBe(keys.length);
      expect(result.summary).toMatchObject({
        stored: faceKeys().length,
        unreadablePages: 1,
        rejected: 0,
        conflicts: 0,
      });
      // Every card and fingerprint record is skipped (at least once: a page edge may show it twice).
      expect(Number(result.summary.skipped)).toBeGreaterThanOrEqual(sim.records().length - faceKeys().length);
      // Every completed batch reconciles, and together they hold every stored row once.
      const batches = await db.dataSource.query<
        { read: number; accepted: number; dup: number; conf: number; skip: number; rej: number }[]
      >(
        `SELECT read_count AS read, accepted_count AS accepted, duplicate_count AS dup, conflict_count AS conf,
                skipped_count AS skip, rejected_count AS rej
         FROM ingest_batch WHERE status = 'completed' AND kind = 'captures' AND submitted_from LIKE $1`,
        [`${sim.url}%`],
      );
      for (const b of batches) expect(b.read).toBe(b.accepted + b.dup + b.conf + b.skip + b.rej);
      expect(batches.reduce((n, b) => n + b.accepted, 0)).toBe(keys.length);
      // Pages overlap by their edge second: some records arrive twice, the second time as duplicates.
      expect(batches.reduce((n, b) => n + b.dup, 0)).toBeGreaterThan(0);
      const [cut] = await db.dataSource.query<{ status: string; code: string }[]>(
        `SELECT status, failure_code AS code FROM ingest_batch WHERE submitted_from LIKE $1 AND status <> 'completed'`,
        [`${sim.url}%`],
      );
      expect(cut).toEqual({ status: 'discarded', code: 'COLLECT.PAGE_UNREADABLE' });
      // Custody of every fetch: device, the exact query URL, window, job.
      const [fetch] = await db.dataSource.query<{ details: Record<string, unknown> }[]>(
        `SELECT details FROM audit_log WHERE action = 'ingest.batch.fetched' AND details->>'device' = $1 ORDER BY id LIMIT 1`,
        [DEVICE],
      );
      expect(fetch.details).toMatchObject({ device: DEVICE, jobId: 'job-1', protocol: 'dahua-cgi' });
      expect(String(fetch.details.url)).toMatch(
        new RegExp(
          `^${sim.url}/cgi-bin/recordFinder\\.cgi\\?action=find&name=AccessControlCardRec&StartTime=\\d+&EndTime=\\d+&count=100$`,
        ),
      );
      // Only recordFinder was ever requested, never a snapshot URL.
      expect(sim.requests.every((r) => r.url.startsWith('/cgi-bin/recordFinder.cgi?action=find&'))).toBe(
        true,
      );
      expect(await cursor()).toBe(new Date(clock.now().getTime() - 60_000).toISOString());
    }, 60_000);

    it('stores nothing on a re-run of the same windows, then only what is new', async () => {
      const before = await storedKeys();
      const again = await collector.collectDevice(endpointId);
      expect(again.summary).toMatchObject({ stored: 0 });
      expect(await storedKeys()).toEqual(before);

      const start = clock.now();
      sim.addRecords(40, { from: start, spacingMs: MINUTE });
      // A terminal clock 3 minutes slow, and records written 5 minutes late: both within the overlap.
      sim.addRecords(10, {
        from: new Date(start.getTime() + 5 * MINUTE),
        spacingMs: MINUTE,
        skewMs: -3 * MINUTE,
      });
      sim.addRecords(6, {
        from: new Date(start.getTime() - 8 * MINUTE),
        spacingMs: 10_000,
        lateByMs: 9 * MINUTE,
      });
      clock.set(new Date(start.getTime() + 50 * MINUTE));
      const newFace = faceKeys().length - before.length;
      const next = await collector.collectDevice(endpointId);
      expect(next.summary).toMatchObject({ stored: newFace });
      expect(await storedKeys()).toEqual(faceKeys());
    }, 60_000);

    it('takes every record of a second that straddles a page edge', async () => {
      // An idle hour first, so the next window (cursor less the overlap) holds only the records below.
      clock.set(new Date(clock.now().getTime() + 60 * MINUTE));
      await collector.collectDevice(endpointId);
      const start = clock.now();
      // 15 records, then 8 faces in one second (the first page of 20 ends inside it), then 12 more.
      sim.addRecords(15, { from: start, spacingMs: MINUTE });
      const burst = sim.addRecords(8, {
        from: new Date(start.getTime() + 16 * MINUTE),
        spacingMs: 0,
        face: true,
      });
      sim.addRecords(12, { from: new Date(start.getTime() + 17 * MINUTE), spacingMs: MINUTE });
      clock.set(new Date(start.getTime() + 40 * MINUTE));
      const n = sim.findRequests;
      await collector.collectDevice(endpointId);
      expect(new Set(burst.map((r) => r.createTime)).size).toBe(1);
      // A page ended inside the burst, and the next one was asked from the burst's second.
      const ids = new Set(burst.map((r) => r.recNo));
      const answers = sim.requests.filter((r) => r.ordinal !== null && r.ordinal > n);
      const edge = answers.findIndex((r) => {
        const inBurst = (r.answered ?? []).filter((x) => ids.has(x)).length;
        return (
          inBurst > 0 &&
          inBurst < ids.size &&
          r.answered!.at(-1) !== undefined &&
          ids.has(r.answered!.at(-1)!)
        );
      });
      expect(edge).toBeGreaterThanOrEqual(0);
      const next = new URL(answers[edge + 1].url, 'http://t').searchParams;
      expect(next.get('StartTime')).toBe(String(burst[0].createTime));
      const keys = await storedKeys();
      for (const r of burst) expect(keys).toContain(String(r.recNo));
      expect(keys).toEqual(faceKeys());
      expect(new Set(keys).size).toBe(keys.length);
    }, 60_000);

    it('resumes a run that failed mid-window without loss or duplicates, the cursor held until then', async () => {
      const held = await cursor();
      const before = (await storedKeys()).length;
      const start = clock.now();
      sim.addRecords(120, { from: new Date(start.getTime() - 5 * MINUTE), spacingMs: 20_000 });
      clock.set(new Date(start.getTime() + 45 * MINUTE));
      // The third page fails on every attempt: the run stops after storing two pages.
      const n = sim.findRequests;
      sim.setFaults([{ kind: 'server-error', onRequests: [n + 3, n + 4, n + 5] }]);
      await expect(collector.collectDevice(endpointId)).rejects.toMatchObject({
        code: 'COLLECT.DEVICE_ERROR',
      });
      expect(await cursor()).toBe(held);
      const partial = (await storedKeys()).length;
      expect(partial).toBeGreaterThan(before);
      expect(partial).toBeLessThan(faceKeys().length);
      expect((await registry.list(CREDIT_CODE)).find((v) => v.device === DEVICE)!.lastError).toMatch(
        /COLLECT.DEVICE_ERROR/,
      );
      // A page cut on every attempt: the run fails with the reason, the cursor stays.
      const m = sim.findRequests;
      sim.setFaults([{ kind: 'truncated', onRequests: [m + 1, m + 2, m + 3] }]);
      await expect(collector.collectDevice(endpointId)).rejects.toMatchObject({
        code: 'COLLECT.PAGE_UNREADABLE',
      });
      expect(await cursor()).toBe(held);
      sim.setFaults([]);
      await collector.collectDevice(endpointId);
      const keys = await storedKeys();
      expect(keys).toEqual(faceKeys());
      expect(new Set(keys).size).toBe(keys.length);
      expect(await cursor()).toBe(new Date(clock.now().getTime() - 60_000).toISOString());
    }, 60_000);

    it('fails clearly, skipping nothing, when one second holds more records than a page', async () => {
      const held = await cursor();
      const start = clock.now();
      sim.addRecords(5, { from: start, spacingMs: MINUTE });
      const crowd = sim.addRecords(25, {
        from: new Date(start.getTime() + 6 * MINUTE),
        spacingMs: 0,
        face: true,
      });
      sim.addRecords(5, { from: new Date(start.getTime() + 7 * MINUTE), spacingMs: MINUTE });
      clock.set(new Date(start.getTime() + 30 * MINUTE));
      const failure = collector.collectDevice(endpointId);
      await expect(failure).rejects.toMatchObject({
        code: 'COLLECT.INCONSISTENT_RESULTS',
        details: { second: crowd[0].createTime, found: 20 },
      });
      await expect(failure).rejects.toThrow(/more records share that second than a page holds/);
      expect(await cursor()).toBe(held);
      // What was read is stored (the first 20 of the crowded second); nothing past it was asked for.
      const keys = new Set(await storedKeys());
      expect(crowd.filter((r) => keys.has(String(r.recNo)))).toHaveLength(20);
      const after = crowd[0].createTime;
      expect(asked().every((q) => Number(q.get('StartTime')) <= after)).toBe(true);
    }, 60_000);
  });
}
