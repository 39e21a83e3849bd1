import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AccountService, TokenService } from '@app/auth';
import { TerminalSimulator } from '@app/collection';
import { loadConfig } from '@app/config';
import { DATABASE, migrate, RegistryRepository, type Database } from '@app/persistence';
import { createTempDir, createTestPostgresDatabase } from '@app/testing';
import { createApiApp } from '../api-app';
import { seedCollectionFirm } from '../../../../libs/collection/src/collection.testing';

const NINGBO_FIRM = '91330201MA2GT0AB16';
const HANGZHOU_FIRM = '91330106MA2GT0CD2R';
/** Well-formed, registered nowhere. */
const UNKNOWN_FIRM = '91330201MA2GT0XY98';
const DEVICE = 'DS-K1T-API01';
const PASSWORD = 'Terminal-Secret-API-4711';
const WRONG_PASSWORD = 'Not-The-Terminal-Secret-0815';
const EVENTS = 40;
const MINUTE = 60_000;

/** The fields a registered terminal is shown with: nothing of its credential. */
const VIEW_KEYS = [
  'cursor',
  'device',
  'enabled',
  'firm',
  'id',
  'lastCollectedAt',
  'lastError',
  'protocol',
  'registeredAt',
  'registeredBy',
  'since',
  'url',
  'username',
].sort();

interface Problem {
  code: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

/**
 * `/api/devices` on PostgreSQL against a simulated ISAPI terminal: register, list, collect and remove through
 * the same services as `bioaudit devices`; officers of the firm's region only, passwords never answered,
 * logged or audited.
 */
describe('/api/devices', () => {
  const tmp = createTempDir();
  let app: INestApplication;
  let db: Database;
  let drop: (() => Promise<void>) | null = null;
  let sim: TerminalSimulator;
  let wrongSim: TerminalSimulator;
  let endpointId: string;
  const token: Record<string, string> = {};
  /** Everything the server wrote to stdout and stderr while the spec ran. */
  const output: string[] = [];
  const restore: (() => void)[] = [];

  beforeAll(async () => {
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      const spy = jest.spyOn(stream, 'write').mockImplementation((chunk: unknown, ...rest: unknown[]) => {
        output.push(String(chunk));
        return (write as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest);
      });
      restore.push(() => spy.mockRestore());
    }
    const pg = await createTestPostgresDatabase();
    drop = pg.drop;
    app = await createApiApp(
      loadConfig({
        BIOAUDIT_HOME: tmp.dir,
        BIOAUDIT_OPERATOR: 'devices-api',
        // Everything the server logs, requests included, so that a password in a log line would be seen.
        LOG_LEVEL: 'verbose',
        DATABASE_URL: pg.url,
        BIOAUDIT_MASTER_KEY: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
      }),
    );
    db = app.get<Database>(DATABASE);
    await migrate(db);
    await app.init();
    const firms = app.get(RegistryRepository);
    for (const [creditCode, name] of [
      [NINGBO_FIRM, 'Acme Ningbo (synthetic)'],
      [HANGZHOU_FIRM, 'Acme Hangzhou (synthetic)'],
    ]) {
      await seedCollectionFirm(firms, {
        name,
        creditCode,
        region: 'Zhejiang',
      });
    }
    const accounts = app.get(AccountService);
    const tokens = app.get(TokenService);
    const users: [string, string[], Record<string, string>][] = [
      ['nb-inspector', ['inspector'], { regionCode: '3302', certificateNumber: '33020019001' }],
      ['nb-head', ['head'], { regionCode: '3302' }],
      ['nb-reviewer', ['legal_reviewer'], { regionCode: '3302' }],
      ['nb-observer', ['observer'], { regionCode: '3302' }],
      ['hz-inspector', ['inspector'], { regionCode: '3301', certificateNumber: '33010019001' }],
      ['admin', ['admin'], {}],
      ['nb-firm', ['firm'], { firmCreditCode: NINGBO_FIRM }],
      ['hz-firm', ['firm'], { firmCreditCode: HANGZHOU_FIRM }],
    ];
    for (const [username, roles, over] of users) {
      const { account } = await accounts.create(
        { username, roles, password: 'devices password 1', ...over },
        'test',
      );
      token[username] = (await tokens.create(account.id, {}, 'test')).token;
    }
    // Events of the last three hours up to an hour ago: all of them before the collector's settle margin.
    const from = new Date(Date.now() - 3 * 60 * MINUTE);
    sim = new TerminalSimulator({ seed: 7, events: EVENTS, from, spacingMs: 3 * MINUTE, password: PASSWORD });
    wrongSim = new TerminalSimulator({ seed: 8, events: 5, from, password: PASSWORD });
    await sim.start();
    await wrongSim.start();
  }, 120_000);

  afterAll(async () => {
    await sim?.stop();
    await wrongSim?.stop();
    await app?.close();
    await drop?.();
    tmp.remove();
    for (const r of restore) r();
  });

  const http = () => request(app.getHttpServer() as Server);
  const as = (who: string) => ({
    get: (path: string) => http().get(path).auth(token[who], { type: 'bearer' }),
    post: (path: string, body?: object) =>
      http()
        .post(path)
        .auth(token[who], { type: 'bearer' })
        .send(body ?? {}),
    delete: (path: string) => http().delete(path).auth(token[who], { type: 'bearer' }),
  });
  const terminal = (over: Record<string, unknown> = {}) => ({
    firm: NINGBO_FIRM,
    device: DEVICE,
    vendor: 'hikvision-isapi',
    url: sim.url,
    username: 'admin',
    password: PASSWORD,
    since: new Date(Date.now() - 4 * 60 * MINUTE).toISOString(),
    ...over,
  });
  const problem = (res: request.Response) => res.body as Problem;
  const leaks = (text: string) => text.includes(PASSWORD) || text.includes(WRONG_PASSWORD);

  it('registers a terminal for an inspector of the firm’s region, answering it without any credential', async () => {
    const res = await as('nb-inspector').post('/api/devices', terminal());
    expect(res.status).toBe(201);
    const view = res.body as Record<string, unknown>;
    expect(Object.keys(view).sort()).toEqual(VIEW_KEYS);
    expect(view).toMatchObject({
      firm: NINGBO_FIRM,
      device: DEVICE,
      protocol: 'hikvision-isapi',
      url: sim.url,
      username: 'admin',
      cursor: null,
      enabled: true,
      registeredBy: 'nb-inspector',
      lastCollectedAt: null,
      lastError: null,
    });
    expect(leaks(res.text)).toBe(false);
    endpointId = view.id as string;
    expect(endpointId).toMatch(/^\d+$/);
    // Stored sealed: the row holds no password in the clear.
    const [row] = await db.dataSource.query<{ sealed: string }[]>(
      `SELECT password_sealed AS sealed FROM device_endpoint WHERE id = $1`,
      [endpointId],
    );
    expect(row.sealed).not.toContain(PASSWORD);
    // The registry's entry names the caller as the operator.
    const [entry] = await db.dataSource.query<{ actor: string; details: Record<string, unknown> }[]>(
      `SELECT actor, details FROM audit_log WHERE action = 'device_endpoint.registered' AND entity_id = $1`,
      [endpointId],
    );
    expect(entry).toMatchObject({ actor: 'nb-inspector', details: { firm: NINGBO_FIRM, device: DEVICE } });
  });

  it('refuses a second registration of the same device (409)', async () => {
    const res = await as('nb-head').post('/api/devices', terminal());
    expect(res.status).toBe(409);
    expect(problem(res).code).toBe('COLLECT.ENDPOINT_EXISTS');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('lists it without any credential field, to officers of the region and to the firm itself', async () => {
    for (const who of ['nb-inspector', 'nb-reviewer', 'nb-observer', 'nb-firm']) {
      const res = await as(who).get('/api/devices');
      expect([who, res.status]).toEqual([who, 200]);
      const list = res.body as Record<string, unknown>[];
      expect(list.map((v) => v.id)).toEqual([endpointId]);
      expect(Object.keys(list[0]).sort()).toEqual(VIEW_KEYS);
      expect(leaks(res.text)).toBe(false);
    }
    const byFirm = await as('nb-head').get(`/api/devices?firm=${NINGBO_FIRM}`);
    expect((byFirm.body as { id: string }[]).map((v) => v.id)).toEqual([endpointId]);
  });

  it('shows another region’s officer and another firm nothing, and their firm as not found (404)', async () => {
    for (const who of ['hz-inspector', 'hz-firm']) {
      const res = await as(who).get('/api/devices');
      expect([who, res.status, res.body]).toEqual([who, 200, []]);
      const named = await as(who).get(`/api/devices?firm=${NINGBO_FIRM}`);
      expect([who, named.status, problem(named).code]).toEqual([who, 404, 'COLLECT.FIRM_NOT_FOUND']);
      expect(JSON.stringify(named.body)).not.toContain('Acme');
    }
    // Outside the scope answers exactly as a firm that does not exist.
    const unknown = await as('nb-inspector').get(`/api/devices?firm=${UNKNOWN_FIRM}`);
    expect([unknown.status, problem(unknown).code]).toEqual([404, 'COLLECT.FIRM_NOT_FOUND']);
  });

  it('refuses the roles that may not register, collect or remove (403), and the admin any read', async () => {
    for (const who of ['nb-firm', 'nb-reviewer', 'nb-observer', 'admin']) {
      const calls = [
        await as(who).post('/api/devices', terminal({ device: 'DS-K1T-OTHER' })),
        await as(who).post(`/api/devices/${endpointId}/collect`),
        await as(who).delete(`/api/devices/${endpointId}`),
      ];
      expect(calls.map((r) => [who, r.status, problem(r).code])).toEqual(
        Array(3).fill([who, 403, 'AUTH.FORBIDDEN']),
      );
    }
    const adminRead = await as('admin').get('/api/devices');
    expect([adminRead.status, problem(adminRead).code]).toEqual([403, 'AUTH.FORBIDDEN']);
    const [{ n }] = await db.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM device_endpoint`,
    );
    expect(n).toBe(1);
  });

  it('answers another region’s inspector 404 for the firm and for its terminal, as for ones that do not exist', async () => {
    const add = await as('hz-inspector').post('/api/devices', terminal({ device: 'DS-K1T-OTHER' }));
    expect([add.status, problem(add).code]).toEqual([404, 'COLLECT.FIRM_NOT_FOUND']);
    const addUnknown = await as('nb-inspector').post('/api/devices', terminal({ firm: UNKNOWN_FIRM }));
    expect([addUnknown.status, problem(addUnknown).code]).toEqual([404, 'COLLECT.FIRM_NOT_FOUND']);
    const collect = await as('hz-inspector').post(`/api/devices/${endpointId}/collect`);
    expect([collect.status, problem(collect).code]).toEqual([404, 'COLLECT.ENDPOINT_NOT_FOUND']);
    const collectUnknown = await as('nb-inspector').post('/api/devices/999999/collect');
    expect([collectUnknown.status, problem(collectUnknown).code]).toEqual([
      404,
      'COLLECT.ENDPOINT_NOT_FOUND',
    ]);
    const remove = await as('hz-inspector').delete(`/api/devices/${endpointId}`);
    expect([remove.status, problem(remove).code]).toEqual([404, 'COLLECT.ENDPOINT_NOT_FOUND']);
    const notAnId = await as('nb-inspector').delete('/api/devices/12abc');
    expect([notAnId.status, problem(notAnId).code]).toEqual([404, 'COLLECT.ENDPOINT_NOT_FOUND']);
  });

  it('rejects bad input with 422 naming the field, never echoing the password', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ password: undefined }, 'password', 'API.VALIDATION'],
      [{ password: '' }, 'password', 'API.VALIDATION'],
      [{ firm: 'not-a-credit-code' }, 'firm', 'API.VALIDATION'],
      [{ vendor: 'zkteco-push' }, 'vendor', 'API.VALIDATION'],
      [{ device: '' }, 'device', 'API.VALIDATION'],
      [{ sealedPassword: 'x' }, 'sealedPassword', 'API.VALIDATION'],
      [{ device: 'DS-K1T-NEW', url: 'ftp://10.0.0.9/' }, 'url', 'COLLECT.BAD_INPUT'],
      [{ device: 'DS-K1T-NEW', url: `${sim.url}/ISAPI` }, 'url', 'COLLECT.BAD_INPUT'],
      [{ device: 'DS-K1T-NEW', username: 'ad:min' }, 'username', 'COLLECT.BAD_INPUT'],
      [{ device: 'DS-K1T-NEW', since: '2999-01-01' }, 'since', 'COLLECT.BAD_INPUT'],
      [{ device: 'DS-K1T-NEW', since: 'last tuesday' }, 'since', 'COLLECT.BAD_INPUT'],
      [{ device: 'DS-K1T-NEW', site: 'S-9' }, 'site', 'COLLECT.SITE_REQUIRED'],
    ];
    for (const [over, field, code] of cases) {
      const res = await as('nb-inspector').post('/api/devices', terminal(over));
      const p = problem(res);
      expect([field, res.status, p.code]).toEqual([field, 422, code]);
      expect(p.errors?.map((e) => e.field)).toContain(field);
      expect(leaks(res.text)).toBe(false);
    }
    const [{ n }] = await db.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM device_endpoint`,
    );
    expect(n).toBe(1);
  });

  it('collects now and answers the counts; a second run stores nothing new', async () => {
    const res = await as('nb-inspector').post(`/api/devices/${endpointId}/collect`);
    expect(res.status).toBe(200);
    const faces = sim.faceEvents().length;
    expect(faces).toBeGreaterThan(0);
    expect(res.body).toMatchObject({
      endpoint: endpointId,
      firm: NINGBO_FIRM,
      device: DEVICE,
      fetched: EVENTS,
      stored: faces,
      skipped: EVENTS - faces,
      duplicates: 0,
      conflicts: 0,
      rejected: 0,
      alerts: [],
    });
    const run = res.body as { pages: number; batches: number; cursor: string };
    expect(run.pages).toBeGreaterThanOrEqual(Math.ceil(EVENTS / 30));
    expect(run.batches).toBe(run.pages);
    expect(Date.parse(run.cursor)).toBeGreaterThan(Date.now() - 5 * MINUTE);
    const [{ n }] = await db.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM capture_event c JOIN device d ON d.id = c.device_id WHERE d.device_code = $1`,
      [DEVICE],
    );
    expect(n).toBe(faces);
    // The head of the region may collect too; the overlap is asked again and adds nothing.
    const again = await as('nb-head').post(`/api/devices/${endpointId}/collect`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ stored: 0 });
    const after = (again.body as { cursor: string }).cursor;
    expect(Date.parse(after)).toBeGreaterThanOrEqual(Date.parse(run.cursor));
    const listed = await as('nb-firm').get('/api/devices');
    const [view] = listed.body as {
      cursor: string | null;
      lastCollectedAt: string | null;
      lastError: null;
    }[];
    expect(view).toMatchObject({ cursor: after, lastError: null });
    expect(view.lastCollectedAt).not.toBeNull();
  }, 120_000);

  it('answers a terminal that refuses the registered password with 409 COLLECT.AUTH_REJECTED, naming no password', async () => {
    const add = await as('nb-head').post(
      '/api/devices',
      terminal({ device: 'DS-K1T-WRONG', url: wrongSim.url, password: WRONG_PASSWORD }),
    );
    expect(add.status).toBe(201);
    const id = (add.body as { id: string }).id;
    const res = await as('nb-head').post(`/api/devices/${id}/collect`);
    expect([res.status, problem(res).code]).toEqual([409, 'COLLECT.AUTH_REJECTED']);
    expect(leaks(res.text)).toBe(false);
    const listed = await as('nb-head').get('/api/devices');
    const wrong = (listed.body as { id: string; lastError: string | null }[]).find((v) => v.id === id);
    expect(wrong?.lastError).toMatch(/^COLLECT\.AUTH_REJECTED/);
    const removed = await as('nb-head').delete(`/api/devices/${id}`);
    expect(removed.status).toBe(200);
  }, 60_000);

  it('removes the terminal (its device and evidence stay), then no longer finds it', async () => {
    const res = await as('nb-head').delete(`/api/devices/${endpointId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: endpointId, firm: NINGBO_FIRM, device: DEVICE });
    expect(Object.keys(res.body as object).sort()).toEqual(VIEW_KEYS);
    expect((await as('nb-inspector').get('/api/devices')).body).toEqual([]);
    const again = await as('nb-head').delete(`/api/devices/${endpointId}`);
    expect([again.status, problem(again).code]).toEqual([404, 'COLLECT.ENDPOINT_NOT_FOUND']);
    const [entry] = await db.dataSource.query<{ actor: string }[]>(
      `SELECT actor FROM audit_log WHERE action = 'device_endpoint.removed' AND entity_id = $1`,
      [endpointId],
    );
    expect(entry).toEqual({ actor: 'nb-head' });
    const [{ n }] = await db.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM capture_event c JOIN device d ON d.id = c.device_id WHERE d.device_code = $1`,
      [DEVICE],
    );
    expect(n).toBe(sim.faceEvents().length);
  });

  it('audits every change by route and outcome, and never writes a password to the audit log or the server’s output', async () => {
    const rows = await db.dataSource.query<{ action: string; outcome: string | null; details: unknown }[]>(
      `SELECT action, outcome, details FROM audit_log ORDER BY id`,
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'POST /api/devices', outcome: 'ok' }),
        expect.objectContaining({ action: 'POST /api/devices', outcome: 'refused:403' }),
        expect.objectContaining({ action: 'POST /api/devices', outcome: 'refused:422' }),
        expect.objectContaining({ action: 'POST /api/devices/:id/collect', outcome: 'ok' }),
        expect.objectContaining({ action: 'POST /api/devices/:id/collect', outcome: 'refused:409' }),
        expect.objectContaining({ action: 'DELETE /api/devices/:id', outcome: 'ok' }),
      ]),
    );
    expect(leaks(JSON.stringify(rows))).toBe(false);
    // The capture sees the server's own log (its route table at boot), so a password logged would be seen.
    expect(output.join('')).toContain('/api/devices/:id/collect');
    expect(leaks(output.join(''))).toBe(false);
  });
});
