import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AccountService, TokenService } from '@app/auth';
import { loadConfig } from '@app/config';
import { DATABASE, migrate, ScheduleRunRepository, type Database } from '@app/persistence';
import { createTempDir } from '@app/testing';
import { createApiApp } from '../api-app';

const NINGBO_FIRM = '91330201MA2GT0AB16';
const HANGZHOU_FIRM = '91330106MA2GT0CD2R';

/** The schedules and their job history over HTTP: officers only, a region's officer its region's runs. */
describe('GET /api/schedules and /api/schedules/runs', () => {
  let app: INestApplication;
  let cleanup: () => void;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    const tmp = createTempDir();
    cleanup = tmp.remove;
    app = await createApiApp(
      loadConfig({ BIOAUDIT_HOME: tmp.dir, BIOAUDIT_OPERATOR: 'schedules-api', LOG_LEVEL: 'warn' }),
    );
    await migrate(app.get<Database>(DATABASE));
    await app.init();
    const accounts = app.get(AccountService);
    const tokens = app.get(TokenService);
    const users: [string, string[], Record<string, string>][] = [
      ['nb-inspector', ['inspector'], { regionCode: '3302', certificateNumber: '33020019001' }],
      ['bureau-observer', ['observer'], {}],
      ['admin', ['admin'], {}],
      ['nb-firm', ['firm'], { firmCreditCode: NINGBO_FIRM }],
    ];
    for (const [username, roles, over] of users) {
      const { account } = await accounts.create(
        { username, roles, password: 'schedules password 1', ...over },
        'test',
      );
      token[username] = (await tokens.create(account.id, {}, 'test')).token;
    }
    const runs = app.get(ScheduleRunRepository);
    const period = new Date('2026-03-01T18:00:00Z');
    for (const firm of [NINGBO_FIRM, HANGZHOU_FIRM]) {
      const claim = await runs.claim(
        { schedule: 'reaudit', targetKey: firm, period },
        { now: period, staleBefore: new Date(0), maxAttempts: 3 },
      );
      await runs.finish(claim.run.id, 1, { state: 'failed', error: 'AUDIT.NO_EVIDENCE: none' }, period);
      await runs.addAlerts(claim.run.id, [
        {
          code: 'SCHEDULE.TARGET_FAILED',
          object: `firm:${firm}`,
          message: 'reaudit failed',
          raisedAt: period.toISOString(),
          delivery: 'not configured',
        },
      ]);
    }
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    cleanup?.();
  });

  interface Page {
    items: { targetKey: string }[];
    nextCursor: string | null;
    code?: string;
  }
  const get = async (path: string, who: string) => {
    const res = await request(app.getHttpServer() as Server)
      .get(path)
      .auth(token[who], { type: 'bearer' });
    return { status: res.status, body: res.body as Page };
  };

  it('lists each schedule with its zone, next run and last run', async () => {
    const res = await get('/api/schedules', 'nb-inspector');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'reaudit',
          cron: '0 2 * * *',
          timeZone: 'Asia/Shanghai',
          fanOut: 'firm',
          nextRun: expect.stringMatching(/T18:00:00\.000Z$/) as unknown,
          lastRun: expect.objectContaining({
            period: '2026-03-01T18:00:00.000Z',
            counts: expect.objectContaining({ failed: 2 }) as unknown,
          }) as unknown,
        }),
      ]),
    );
  });

  it('shows a regional officer the runs of its region’s firms, with their alerts; a bureau-wide one all', async () => {
    const regional = await get('/api/schedules/runs?schedule=reaudit&state=failed', 'nb-inspector');
    expect(regional.status).toBe(200);
    expect(regional.body.items).toEqual([
      expect.objectContaining({
        targetKey: NINGBO_FIRM,
        state: 'failed',
        attempts: 1,
        lastError: 'AUDIT.NO_EVIDENCE: none',
        alerts: [expect.objectContaining({ code: 'SCHEDULE.TARGET_FAILED', object: `firm:${NINGBO_FIRM}` })],
      }),
    ]);
    const first = await get('/api/schedules/runs?limit=1', 'bureau-observer');
    expect(first.body.items).toHaveLength(1);
    const second = await get(
      `/api/schedules/runs?limit=1&cursor=${first.body.nextCursor!}`,
      'bureau-observer',
    );
    expect([first.body.items[0].targetKey, second.body.items[0].targetKey].sort()).toEqual(
      [HANGZHOU_FIRM, NINGBO_FIRM].sort(),
    );
    expect(second.body.nextCursor).toBeNull();
  });

  it('refuses firms and administrators, and names an unknown schedule 404', async () => {
    expect((await get('/api/schedules/runs', 'nb-firm')).status).toBe(403);
    expect((await get('/api/schedules', 'admin')).status).toBe(403);
    const unknown = await get('/api/schedules/runs?schedule=nightly', 'nb-inspector');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('SCHEDULE.UNKNOWN');
  });
});
