import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AccountService, TokenService } from '@app/auth';
import { Clock } from '@app/common';
import { loadConfig } from '@app/config';
import { AccountRepository, DATABASE, migrate, type Database } from '@app/persistence';
import { createTempDir, createTestPostgresDatabase } from '@app/testing';
import { configureApiApp } from '../api-app';
import { ApiModule } from '../api.module';
import { makeInspectedCase, SteppingClock } from '../../../../libs/cases/src/cases.testing';

/** A Ningbo firm: its credit code's division code is 330200. */
const NINGBO = '91330200MA2H7K0P14';
const HANGZHOU = '91330106MA2GT0CD2R';

interface Candidates {
  action: string;
  people: { userId: string; name: string; certificateNumber: string | null; roles: string[] }[];
  required: string[];
}

/**
 * The pickers of the case page on PostgreSQL, through HTTP: who may be assigned as handler and who may host the
 * hearing — exactly the people the action itself accepts (each listed one is taken, an unlisted one refused) — for
 * whoever may take the action now; the firm's own account 403, another firm and another region 404, no password data.
 */
describe('GET /api/cases/{id}/actions/{assign,schedule-hearing}/candidates', () => {
  const tmp = createTempDir();
  let app: INestApplication;
  let drop: (() => Promise<void>) | null = null;
  const clock = new SteppingClock(new Date('2026-01-05T02:00:00Z'));
  const token: Record<string, string> = {};
  const id: Record<string, string> = {};
  let caseId = '';

  const server = () => app.getHttpServer() as Server;
  const candidates = (who: string, action: string, c = caseId) =>
    request(server())
      .get(`/api/cases/${c}/actions/${action}/candidates`)
      .auth(token[who], { type: 'bearer' });
  const act = (who: string, action: string, body: Record<string, unknown> = {}) =>
    request(server())
      .post(`/api/cases/${caseId}/actions/${action}`)
      .auth(token[who], { type: 'bearer' })
      .send(body);
  const names = (res: { body: unknown }) => (res.body as Candidates).people.map((p) => p.name);

  beforeAll(async () => {
    const pg = await createTestPostgresDatabase();
    drop = pg.drop;
    const moduleRef = await Test.createTestingModule({
      imports: [
        ApiModule.withConfig(
          loadConfig({ BIOAUDIT_HOME: tmp.dir, BIOAUDIT_OPERATOR: 'pickers', DATABASE_URL: pg.url }),
        ),
      ],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    app = moduleRef.createNestApplication({ logger: ['error'], bodyParser: false });
    configureApiApp(app, { portalRoot: null });
    await migrate(app.get<Database>(DATABASE));
    await app.init();

    const accounts = app.get(AccountService);
    const tokens = app.get(TokenService);
    const people: [string, string, string[], Record<string, string>][] = [
      ['head', '陈局长', ['head'], { regionCode: '3302' }],
      ['li', '李检查员', ['inspector'], { regionCode: '3302', certificateNumber: '33020002' }],
      ['wang', '王科长', ['inspector', 'head'], { regionCode: '3302', certificateNumber: '33020001' }],
      // The province's inspector covers Ningbo too (the scope rule: a region prefix).
      ['zhou', '周检查员', ['inspector'], { regionCode: '33', certificateNumber: '33000007' }],
      // Another district of Ningbo, another city, another province: none covers the case's 330200.
      ['beilun', '北仑检查员', ['inspector'], { regionCode: '330206', certificateNumber: '33020601' }],
      ['hz', '杭州检查员', ['inspector'], { regionCode: '3301', certificateNumber: '33010001' }],
      ['canton', '广州局长', ['head'], { regionCode: '4401' }],
      ['off', '停用检查员', ['inspector'], { regionCode: '3302', certificateNumber: '33020009' }],
      ['zhao', '赵法制', ['legal_reviewer'], { regionCode: '3302' }],
      ['obs', '观察员', ['observer'], { regionCode: '3302' }],
      ['admin', '管理员', ['admin'], {}],
      ['firm', '某科技公司', ['firm'], { firmCreditCode: NINGBO }],
      ['hzfirm', '杭州公司', ['firm'], { firmCreditCode: HANGZHOU }],
    ];
    for (const [username, displayName, roles, over] of people) {
      const { account } = await accounts.create(
        { username, displayName, roles, password: 'pickers password 1', ...over },
        'pickers',
      );
      id[username] = account.id;
      token[username] = (await tokens.create(account.id, {}, 'pickers')).token;
    }
    await accounts.update(id.off, { disabled: true }, 'pickers');
    // An inspector without a certificate number: the account rules refuse one, an older row may still be one.
    const bare = await app.get(AccountRepository).insert({
      username: 'bare',
      displayName: '无证检查员',
      passwordHash: 'not-a-password',
      roles: ['inspector'],
      regionCode: '3302',
      firmCreditCode: null,
      certificateNumber: null,
    });
    id.bare = bare!.id;
    ({ caseId } = await makeInspectedCase(app, {
      creditCode: NINGBO,
      name: '宁波某某科技有限公司',
      openedAt: new Date('2026-01-05T01:00:00Z'),
      discoveryDate: '2025-12-26',
      conductEnd: '2025-11-30',
      suffix: 'P1',
    }));
    await makeInspectedCase(app, {
      creditCode: HANGZHOU,
      name: '杭州某某科技有限公司',
      openedAt: new Date('2026-01-05T01:00:00Z'),
      discoveryDate: '2025-12-26',
      conductEnd: '2025-11-30',
      suffix: 'P2',
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await drop?.();
    tmp.remove();
  });

  it('lists nobody before the case is filed: the action is not open (409), whoever asks', async () => {
    const res = await candidates('head', 'assign');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'PROCEDURE.NOT_ALLOWED_IN_STATE' });
    expect((await act('head', 'file')).status).toBe(200);
  });

  it("offers as handlers the enabled, certified inspectors of the case's region, and nothing else of them", async () => {
    clock.setBeijingDay('2026-01-06');
    const res = await candidates('head', 'assign');
    expect(res.status).toBe(200);
    const body = res.body as Candidates;
    expect(body.action).toBe('assign');
    expect(body.required).toEqual([]);
    expect([...names(res)].sort()).toEqual(['周检查员', '李检查员', '王科长'].sort());
    expect(body.people.find((p) => p.userId === id.wang)).toEqual({
      userId: id.wang,
      name: '王科长',
      certificateNumber: '33020001',
      roles: ['inspector', 'head'],
    });
    for (const p of body.people)
      expect(Object.keys(p).sort()).toEqual(['certificateNumber', 'name', 'roles', 'userId']);
    expect(res.text).not.toMatch(/password|argon|hash|failed|locked|region/i);

    // An inspector may assign only a team he is in: the list says he must be in it.
    const own = await candidates('li', 'assign');
    expect(own.status).toBe(200);
    expect((own.body as Candidates).required).toEqual([id.li]);
    expect(names(own)).toEqual(names(res));
  });

  it('refuses the list to whoever may not assign: the firm 403, observers and administrators 403, others 404', async () => {
    for (const who of ['firm', 'zhao']) {
      const res = await candidates(who, 'assign');
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'PROCEDURE.ROLE_NOT_PERMITTED' });
      expect(res.text).not.toContain('李检查员');
    }
    for (const who of ['obs', 'admin']) {
      expect(await candidates(who, 'assign')).toMatchObject({
        status: 403,
        body: { code: 'AUTH.FORBIDDEN' },
      });
    }
    for (const who of ['hzfirm', 'canton', 'hz']) {
      const res = await candidates(who, 'assign');
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'CASE_WORKFLOW.CASE_NOT_FOUND' });
      expect(res.text).not.toContain('李检查员');
    }
    expect((await candidates('head', 'assign', '999999')).status).toBe(404);
  });

  it('refuses exactly the people it leaves out, and takes the ones it lists', async () => {
    for (const who of ['beilun', 'hz', 'off', 'bare', 'zhao', 'head']) {
      const res = await act('head', 'assign', { handlers: [id.li, id[who]] });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        code: 'CASE_WORKFLOW.UNKNOWN_USER',
        errors: [{ field: 'handlers[1]' }],
      });
    }
    const listed = ((await candidates('head', 'assign')).body as Candidates).people.map((p) => p.userId);
    const res = await act('head', 'assign', { handlers: listed });
    expect(res.status).toBe(200);
  });

  it('offers as hearing host the enabled officers of the region who are not handlers, to whoever may schedule it', async () => {
    expect((await candidates('head', 'schedule-hearing')).body).toMatchObject({
      code: 'PROCEDURE.NOT_ALLOWED_IN_STATE',
    });
    // Re-assign two of them, so that the third inspector of the region is free to host.
    expect((await act('head', 'assign', { handlers: [id.wang, id.li] })).status).toBe(200);
    clock.setBeijingDay('2026-01-07');
    expect((await act('wang', 'propose', { amount: '250000.00' })).status).toBe(200);
    clock.setBeijingDay('2026-01-08');
    expect((await act('zhao', 'review', { outcome: 'approved' })).status).toBe(200);
    clock.setBeijingDay('2026-02-10');
    expect((await act('head', 'notify')).status).toBe(200);
    clock.setBeijingDay('2026-02-12');
    expect((await act('firm', 'request-hearing')).status).toBe(200);

    const res = await candidates('head', 'schedule-hearing');
    expect(res.status).toBe(200);
    expect((res.body as Candidates).required).toEqual([]);
    expect([...names(res)].sort()).toEqual(['周检查员', '赵法制', '陈局长', '无证检查员'].sort());
    // A handler (an inspector of the case) may schedule it and sees the same list; another inspector may not.
    expect(names(await candidates('li', 'schedule-hearing'))).toEqual(names(res));
    expect(await candidates('zhou', 'schedule-hearing')).toMatchObject({
      status: 403,
      body: { code: 'PROCEDURE.ROLE_NOT_PERMITTED' },
    });
    expect((await candidates('firm', 'schedule-hearing')).status).toBe(403);
    expect((await candidates('canton', 'schedule-hearing')).status).toBe(404);

    const hearing = { hearingDate: '2026-03-04', place: '听证室' };
    for (const [who, code] of [
      ['wang', 'PROCEDURE.INVALID_INPUT'],
      ['obs', 'CASE_WORKFLOW.UNKNOWN_USER'],
      ['firm', 'CASE_WORKFLOW.UNKNOWN_USER'],
      ['canton', 'CASE_WORKFLOW.UNKNOWN_USER'],
      ['off', 'CASE_WORKFLOW.UNKNOWN_USER'],
    ]) {
      const refused = await act('head', 'schedule-hearing', { ...hearing, hostId: id[who] });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code, errors: [{ field: 'hostId' }] });
    }
    expect((await act('head', 'schedule-hearing', { ...hearing, hostId: id.zhao })).status).toBe(200);
  });
});
