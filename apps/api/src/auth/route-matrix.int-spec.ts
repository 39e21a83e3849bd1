import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AccountService, abilityFor, ROLES, TokenService, type Principal, type Role } from '@app/auth';
import { loadConfig } from '@app/config';
import { DATABASE, migrate, type Database } from '@app/persistence';
import { createTempDir } from '@app/testing';
import { createApiApp } from '../api-app';
import { ApiModule } from '../api.module';
import { modulesOf, routesOf, type Route } from './route-policies.testing';

const NINGBO_FIRM = '91330201MA2GT0AB16';
const HANGZHOU_FIRM = '91330106MA2GT0CD2R';

/** A concrete path for a route pattern: ids `1`, credit codes a Ningbo firm's. */
function concrete(route: Route): string {
  return `/api${route.path}`.replace(/:(\w+)/g, (_, name: string) =>
    /credit/i.test(name) ? NINGBO_FIRM : '1',
  );
}

/**
 * Every route the API registers, called as every role with a bearer token (and without one): the global
 * guard answers 403 AUTH.FORBIDDEN exactly when the role's ability refuses the route's policy, 401 without
 * credentials, and never 401 to a valid token.
 */
describe('every route × every role', () => {
  let app: INestApplication;
  let cleanup: () => void;
  const bearer = {} as Record<Role, string>;
  const principals = {} as Record<Role, Principal>;
  const routes = routesOf([...new Set(modulesOf(ApiModule).flatMap((m) => m.controllers))]).filter(
    (r) => !r.public,
  );

  beforeAll(async () => {
    const tmp = createTempDir();
    cleanup = tmp.remove;
    app = await createApiApp(loadConfig({ BIOAUDIT_HOME: tmp.dir, BIOAUDIT_OPERATOR: 'matrix' }));
    await migrate(app.get<Database>(DATABASE));
    await app.init();
    const accounts = app.get(AccountService);
    const tokens = app.get(TokenService);
    const shape: Record<Role, Record<string, string>> = {
      inspector: { regionCode: '3302', certificateNumber: '33020019001' },
      legal_reviewer: { regionCode: '3302' },
      head: { regionCode: '3302' },
      admin: {},
      observer: { regionCode: '3302' },
      firm: { firmCreditCode: NINGBO_FIRM },
    };
    // Account 1 and token 1 belong to nobody under test: the routes are called with id 1 (a revoke must not
    // take away a caller's own token halfway).
    const decoy = await accounts.create(
      { username: 'decoy', roles: ['observer'], password: 'not a used one 1' },
      'm',
    );
    await tokens.create(decoy.account.id, {}, 'matrix');
    for (const role of ROLES) {
      const { account } = await accounts.create(
        { username: role.replace('_', '-'), roles: [role], password: 'matrix password 1', ...shape[role] },
        'matrix',
      );
      bearer[role] = (await tokens.create(account.id, {}, 'matrix')).token;
      principals[role] = {
        userId: account.id,
        username: account.username,
        displayName: account.displayName,
        roles: [role],
        regionCode: account.regionCode,
        firmCreditCode: account.firmCreditCode,
        certificateNumber: account.certificateNumber,
        via: 'token',
        tokenId: null,
      };
    }
  }, 120_000);

  /**
   * The scope a role's account carries: another firm's account and another region's officer get 404 (never
   * 403: whether the firm exists is not theirs to know); the firm itself and its region's officers see it.
   */
  it('answers a firm out of scope with 404, in scope with the firm', async () => {
    const db = app.get<Database>(DATABASE);
    await db.dataSource.query(
      `INSERT INTO firm (credit_code, name, region, timezone) VALUES ($1, 'Acme Ningbo', '330201', 'Asia/Shanghai')`,
      [NINGBO_FIRM],
    );
    const accounts = app.get(AccountService);
    const tokens = app.get(TokenService);
    const tokenOf = async (username: string, roles: string[], over: Record<string, string>) => {
      const { account } = await accounts.create(
        { username, roles, password: 'matrix password 1', ...over },
        'm',
      );
      return (await tokens.create(account.id, {}, 'matrix')).token;
    };
    const otherFirm = await tokenOf('hz-firm', ['firm'], { firmCreditCode: HANGZHOU_FIRM });
    const otherRegion = await tokenOf('hz-insp', ['inspector'], {
      regionCode: '3301',
      certificateNumber: '3301001',
    });
    const get = (token: string, path = `/api/firms/${NINGBO_FIRM}`) =>
      request(app.getHttpServer() as Server)
        .get(path)
        .auth(token, { type: 'bearer' });
    expect((await get(bearer.firm)).status).toBe(200);
    expect((await get(bearer.inspector)).status).toBe(200);
    for (const outsider of [otherFirm, otherRegion]) {
      const res = await get(outsider);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('Acme');
    }
    // The firm's terminals are scoped the same way.
    const terminals = `/api/devices?firm=${NINGBO_FIRM}`;
    expect((await get(bearer.firm, terminals)).status).toBe(200);
    expect((await get(bearer.inspector, terminals)).status).toBe(200);
    for (const outsider of [otherFirm, otherRegion]) {
      expect((await get(outsider, terminals)).status).toBe(404);
    }
  });

  afterAll(async () => {
    await app?.close();
    cleanup?.();
  });

  const call = (route: Route, token: string | null) => {
    const verb = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
    const req = request(app.getHttpServer() as Server)
      [verb](concrete(route))
      .timeout(10_000);
    return token === null ? req : req.auth(token, { type: 'bearer' });
  };

  it('finds the routes', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.every((r) => r.policy !== null)).toBe(true);
    // The terminal register (issue 12) is called like every other route below.
    const devices = routes.filter((r) => r.path.startsWith('/devices')).map((r) => `${r.method} ${r.path}`);
    expect(devices.sort()).toEqual([
      'DELETE /devices/:id',
      'GET /devices',
      'POST /devices',
      'POST /devices/:id/collect',
    ]);
    // The stored evaluation runs (issue 11) likewise.
    const evaluations = routes
      .filter((r) => r.path.startsWith('/evaluations'))
      .map((r) => `${r.method} ${r.path}`);
    expect(evaluations.sort()).toEqual([
      'GET /evaluations',
      'GET /evaluations/:id',
      'GET /evaluations/:id/report.pdf',
      'POST /evaluations',
    ]);
  });

  it('refuses every route without credentials (401)', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const res = await call(route, null);
      if (res.status !== 401) wrong.push(`${route.method} ${route.path}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it.each([...ROLES])(
    'answers %s: 403 AUTH.FORBIDDEN exactly where the policy refuses the role',
    async (role) => {
      const wrong: string[] = [];
      for (const route of routes) {
        const { action, subject } = route.policy!;
        const allowed = abilityFor(principals[role]).can(action, subject);
        const res = await call(route, bearer[role]).catch((e: Error) => ({
          status: -1,
          body: { code: e.message },
        }));
        const code = (res.body as { code?: string }).code;
        const refusedByPolicy = res.status === 403 && code === 'AUTH.FORBIDDEN';
        if (res.status === 401 || allowed === refusedByPolicy) {
          wrong.push(`${route.method} ${route.path} (${action} ${subject}): ${res.status} ${code ?? ''}`);
        }
      }
      expect(wrong).toEqual([]);
    },
    120_000,
  );
});
