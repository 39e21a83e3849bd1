import { inspect } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock } from '@app/common';
import { APP_CONFIG, ConfigModule, loadConfig, type AppConfig } from '@app/config';
import { InspectionModule } from '@app/inspection';
import {
  DATABASE,
  migrate,
  pendingSchemaChanges,
  PersistenceModule,
  RegistryRepository,
  type Database,
} from '@app/persistence';
import { createTempDir, createTestPostgresDatabase, MovableClock } from '@app/testing';
import { CollectionModule } from './collection.module';
import { CollectionService } from './collection.service';
import { DeviceSecret } from './credential-seal';
import { EndpointRegistryService } from './endpoint-registry.service';
import { TerminalSimulator } from './simulator/terminal-simulator';
import { seedCollectionFirm } from './collection.testing';

const CREDIT_CODE = '91330201MA2GT0C01X';
const DEVICE = 'DS-K1T-SIM01';
const PASSWORD = 'Terminal-Secret-4711';
const T0 = new Date('2025-03-01T00:00:00Z');
const MINUTE = 60_000;

for (const engine of ['embedded', 'postgres'] as const) {
  describe(`collection from a simulated terminal (${engine})`, () => {
    const home = createTempDir();
    const clock = new MovableClock(new Date(T0.getTime() + 4 * 60 * MINUTE));
    let app: INestApplication;
    let db: Database;
    let drop: (() => Promise<void>) | null = null;
    let collector: CollectionService;
    let registry: EndpointRegistryService;
    let sim: TerminalSimulator;
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
        name: 'Collection Test Co. (synthetic)',
        creditCode: CREDIT_CODE,
        region: 'Ningbo',
      });
      collector = app.get(CollectionService);
      registry = app.get(EndpointRegistryService);
      sim = new TerminalSimulator({
        seed: 11,
        events: 180,
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
        vendor: 'hikvision-isapi',
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
        .faceEvents()
        .map((e) => String(e.serialNo))
        .sort();
    const cursor = async () => (await registry.list(CREDIT_CODE)).find((v) => v.device === DEVICE)!.cursor;

    it('has the device_endpoint table exactly as its entity says', async () => {
      expect((await pendingSchemaChanges(db)).filter((q) => q.includes('device_endpoint'))).toEqual([]);
    });

    it('stores exactly the terminal’s face events across every fault, and the batches reconcile', async () => {
      sim.setFaults([
        { kind: 'timeout', onRequests: [2] },
        { kind: 'server-error', onRequests: [4] },
        { kind: 'stale-nonce', onRequests: [6] },
        { kind: 'truncated', onRequests: [8] },
        { kind: 'repeat-page', onRequests: [10] },
        { kind: 'grow', onRequests: [12, 13, 14], growBy: 2 },
      ]);
      const result = await collector.collectDevice(endpointId, { jobId: 'job-1' });
      sim.setFaults([]);
      const keys = await storedKeys();
      expect(keys).toEqual(faceKeys());
      expect(new Set(keys).size).toBe(keys.length);
      expect(result.summary).toMatchObject({
        stored: faceKeys().length,
        unreadablePages: 1,
        rejected: 0,
        conflicts: 0,
      });
      expect(Number(result.summary.repeatedPages)).toBeGreaterThanOrEqual(1);
      expect(Number(result.summary.passes)).toBeGreaterThan(Number(result.summary.windows));
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
      // The cut page is kept, with its reason, out of the evidence.
      const [cut] = await db.dataSource.query<{ status: string; code: string }[]>(
        `SELECT status, failure_code AS code FROM ingest_batch WHERE submitted_from LIKE $1 AND status <> 'completed'`,
        [`${sim.url}%`],
      );
      expect(cut).toEqual({ status: 'discarded', code: 'COLLECT.PAGE_UNREADABLE' });
      // Custody of every fetch: device, URL, window, job.
      const [fetch] = await db.dataSource.query<{ details: Record<string, unknown> }[]>(
        `SELECT details FROM audit_log WHERE action = 'ingest.batch.fetched' ORDER BY id LIMIT 1`,
      );
      expect(fetch.details).toMatchObject({
        device: DEVICE,
        jobId: 'job-1',
        url: `${sim.url}/ISAPI/AccessControl/AcsEvent?format=json`,
      });
      const window = fetch.details.window as { start: string; end: string };
      expect([typeof window.start, typeof window.end]).toEqual(['string', 'string']);
      // Only the search was ever requested: no picture URL, no other path.
      expect(sim.requests.every((r) => r.url === '/ISAPI/AccessControl/AcsEvent?format=json')).toBe(true);
      expect(await cursor()).toBe(new Date(clock.now().getTime() - 60_000).toISOString());
    }, 60_000);

    it('stores nothing on a re-run of the same windows, then only what is new', async () => {
      const before = await storedKeys();
      const again = await collector.collectDevice(endpointId);
      expect(again.summary).toMatchObject({ stored: 0 });
      expect(await storedKeys()).toEqual(before);

      const start = clock.now();
      sim.addEvents(40, { from: start, spacingMs: MINUTE });
      // A terminal clock 3 minutes slow, and events written 5 minutes late: both within the overlap.
      sim.addEvents(10, {
        from: new Date(start.getTime() + 5 * MINUTE),
        spacingMs: MINUTE,
        skewMs: -3 * MINUTE,
      });
      sim.addEvents(6, {
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

    it('resumes a run that failed mid-window without loss or duplicates, the cursor held until then', async () => {
      const held = await cursor();
      const start = clock.now();
      sim.addEvents(120, { from: new Date(start.getTime() - 5 * MINUTE), spacingMs: 20_000 });
      clock.set(new Date(start.getTime() + 45 * MINUTE));
      // The third page fails on every attempt: the run stops after storing two pages.
      const n = sim.searchRequests;
      sim.setFaults([{ kind: 'server-error', onRequests: [n + 3, n + 4, n + 5] }]);
      await expect(collector.collectDevice(endpointId)).rejects.toMatchObject({
        code: 'COLLECT.DEVICE_ERROR',
      });
      expect(await cursor()).toBe(held);
      expect(
        (await registry.list(CREDIT_CODE))[1]?.lastError ?? (await registry.list(CREDIT_CODE))[0].lastError,
      ).toMatch(/COLLECT.DEVICE_ERROR/);
      // A page cut on every attempt: the run fails with the reason, the cursor stays.
      const m = sim.searchRequests;
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
    }, 60_000);

    it('stops between pages once its attempt is aborted (the schedule timed it out), keeping the page in hand', async () => {
      const held = await cursor();
      const start = clock.now();
      sim.addEvents(120, { from: new Date(start.getTime() - 5 * MINUTE), spacingMs: 20_000 });
      clock.set(new Date(start.getTime() + 45 * MINUTE));
      const n = sim.searchRequests;
      sim.holdSearchesFrom(n + 2);
      const controller = new AbortController();
      const run = collector.collectDevice(endpointId, { signal: controller.signal });
      while (sim.heldSearches === 0) await new Promise((r) => setTimeout(r, 20));
      controller.abort(new Error('the attempt timed out'));
      sim.releaseHeld();
      await expect(run).rejects.toThrow('the attempt timed out');
      // The second page, asked for before the abort, was answered and kept; no third was asked for.
      expect(sim.searchRequests).toBe(n + 2);
      expect(await cursor()).toBe(held);
      await collector.collectDevice(endpointId);
      const keys = await storedKeys();
      expect(keys).toEqual(faceKeys());
      expect(new Set(keys).size).toBe(keys.length);
    }, 60_000);

    it('refuses a tampered or copied credential with a clear error, never showing the password', async () => {
      const [row] = await db.dataSource.query<{ sealed: string }[]>(
        `SELECT password_sealed AS sealed FROM device_endpoint WHERE id = $1`,
        [endpointId],
      );
      expect(row.sealed).not.toContain(PASSWORD);
      const parts = row.sealed.split('.');
      parts[3] = Buffer.from('x'.repeat(PASSWORD.length)).toString('base64url');
      await db.dataSource.query(`UPDATE device_endpoint SET password_sealed = $2 WHERE id = $1`, [
        endpointId,
        parts.join('.'),
      ]);
      const failure = collector.collectDevice(endpointId);
      await expect(failure).rejects.toMatchObject({ code: 'COLLECT.CREDENTIAL_UNREADABLE' });
      await expect(failure).rejects.toThrow(/fails authentication/);
      await db.dataSource.query(`UPDATE device_endpoint SET password_sealed = $2 WHERE id = $1`, [
        endpointId,
        row.sealed,
      ]);

      // The same sealed text under another URL (a copied row) does not open either.
      const other = await registry.add({
        creditCode: CREDIT_CODE,
        deviceCode: 'DS-K1T-SIM02',
        vendor: 'hikvision-isapi',
        url: 'http://127.0.0.1:9',
        username: 'admin',
        password: new DeviceSecret('another-secret'),
      });
      await db.dataSource.query(
        `UPDATE device_endpoint SET password_sealed = $2, password_key_id = (SELECT password_key_id FROM device_endpoint WHERE id = $3) WHERE id = $1`,
        [other.id, row.sealed, endpointId],
      );
      await expect(collector.collectDevice(other.id)).rejects.toMatchObject({
        code: 'COLLECT.CREDENTIAL_UNREADABLE',
      });
      await registry.remove(CREDIT_CODE, 'DS-K1T-SIM02');

      // Nowhere: listings, results, the audit log (the custody chain's source), the sealed column.
      const listed = await registry.list();
      const result = await collector.collectDevice(endpointId);
      const audit = await db.dataSource.query<{ t: string }[]>(
        `SELECT string_agg(a::text, '\n') AS t FROM audit_log a`,
      );
      const endpoints = await db.dataSource.query<{ t: string }[]>(
        `SELECT string_agg(e::text, '\n') AS t FROM device_endpoint e`,
      );
      for (const text of [
        JSON.stringify(listed),
        inspect(listed),
        JSON.stringify(result),
        audit[0].t,
        endpoints[0].t,
      ]) {
        expect(text).not.toContain(PASSWORD);
        expect(text).not.toContain('another-secret');
      }
    }, 60_000);

    it('re-wraps the credentials under a new master key', async () => {
      const { Keyring } = await import('@app/crypto');
      const old = Keyring.fromBase64('AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=');
      const fresh = Keyring.generate();
      const ring = new Keyring(fresh.current, [old.current]);
      expect(await registry.rewrapCredentials(ring)).toEqual({ rewrapped: 1, alreadyCurrent: 0, failed: [] });
      const [row] = await db.dataSource.query<{ keyId: string }[]>(
        `SELECT password_key_id AS "keyId" FROM device_endpoint WHERE id = $1`,
        [endpointId],
      );
      expect(row.keyId).toBe(fresh.current.id);
      expect(await registry.rewrapCredentials(ring)).toEqual({ rewrapped: 0, alreadyCurrent: 1, failed: [] });
    });
  });
}
