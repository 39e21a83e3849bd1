import {
  Catch,
  Controller,
  Get,
  Param,
  Post,
  type ArgumentsHost,
  type ExceptionFilter,
  type INestApplication,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Server } from 'node:http';
import type { Response } from 'express';
import request from 'supertest';
import { Clock, DomainError, isDomainError } from '@app/common';
import { AccountService, AUTH_ERRORS, PasswordHasher, TokenService, type Principal } from '@app/auth';
import { APP_CONFIG, ConfigModule, loadConfig, type AppConfig } from '@app/config';
import { DATABASE, migrate, PersistenceModule, type Database } from '@app/persistence';
import { createTempDir, createTestPostgresDatabase } from '@app/testing';
import { AuditRead } from '../audit-log/audit-read.decorator';
import { RequestAuditor } from '../audit-log/request-auditor';
import { validationPipe } from '../problem/validation';
import { ApiAuthModule } from './api-auth.module';
import { CurrentPrincipal, Policy, Public } from './policy.decorator';

const NINGBO_FIRM = '91330201MA2GT0AB16';
const PASSWORD = 'correct horse battery';

/** A clock the tests move (token expiry, session idle time, lockout). */
class MovableClock extends Clock {
  constructor(private at: Date) {
    super();
  }
  now(): Date {
    return new Date(this.at.getTime());
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

/** One route per kind of policy the API uses, answering who called. */
@Controller('probe')
class ProbeController {
  @Get('public')
  @Public()
  open(): { ok: true } {
    return { ok: true };
  }

  @Get('firms')
  @Policy('read', 'Firm')
  firms(@CurrentPrincipal() p: Principal): { username: string } {
    return { username: p.username };
  }

  @Get('findings')
  @Policy('read', 'Finding')
  @AuditRead('Finding')
  findings(): { items: [] } {
    return { items: [] };
  }

  @Post('cases/:id/actions/:action')
  @Policy('act', 'Case')
  act(@Param('id') id: string, @Param('action') action: string): { id: string; action: string } {
    return { id, action };
  }

  @Get('cases/:id')
  @Policy('read', 'Case')
  @AuditRead('Case')
  outOfScope(@Param('id') id: string): never {
    // What a scoped service answers for another firm's case.
    throw new DomainError(AUTH_ERRORS.NOT_FOUND, `no case ${id}`);
  }

  @Get('forgotten')
  forgotten(): { leaked: true } {
    return { leaked: true };
  }
}

/** The statuses the auditor records, as the app's problem filter answers them (code in the body). */
@Catch()
class StatusFilter implements ExceptionFilter {
  constructor(private readonly auditor: RequestAuditor) {}
  catch(e: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    res.status(this.auditor.status(e)).json({
      code: isDomainError(e) ? e.code : 'HTTP',
      detail: (e as Error).message,
    });
  }
}

interface AuditPage {
  items: { id: string; action: string }[];
  nextCursor: string | null;
}

interface CreatedToken {
  token: string;
  details: { id: string; username: string; createdBy: string; expiresAt: string };
}

interface AuditRow {
  actor: string;
  actor_roles: string[] | null;
  action: string;
  entity: string;
  entity_id: string | null;
  details: Record<string, unknown>;
  remote_address: string | null;
  outcome: string | null;
}

/** The auth module and the probe routes on a fresh database of `kind`, migrated, with a movable clock. */
async function bootAuthApp(
  kind: 'postgres' | 'embedded',
  extraEnv: Record<string, string>,
): Promise<{ app: INestApplication; db: Database; clock: MovableClock; close: () => Promise<void> }> {
  const tmp = createTempDir();
  const env: Record<string, string> = {
    BIOAUDIT_HOME: tmp.dir,
    BIOAUDIT_OPERATOR: 'officer-test',
    ...extraEnv,
  };
  let drop: (() => Promise<void>) | null = null;
  if (kind === 'postgres') {
    const pg = await createTestPostgresDatabase();
    env.DATABASE_URL = pg.url;
    drop = pg.drop;
  }
  const config: AppConfig = loadConfig(env);
  const clock = new MovableClock(new Date('2026-11-30T01:00:00Z'));
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule, PersistenceModule, ApiAuthModule],
    controllers: [ProbeController],
  })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new StatusFilter(app.get(RequestAuditor)));
  await app.init();
  const db = app.get<Database>(DATABASE);
  await migrate(db);
  return {
    app,
    db,
    clock,
    close: async () => {
      await app.close();
      await drop?.();
      tmp.remove();
    },
  };
}

describe.each(['postgres', 'embedded'] as const)('API authentication and authorization on %s', (kind) => {
  let app: INestApplication;
  let db: Database;
  let clock: MovableClock;
  let cleanup: () => Promise<void> | void;
  let accounts: AccountService;
  let tokens: TokenService;
  const bearer: Record<string, string> = {};
  const http = () => request(app.getHttpServer() as Server);
  /** The error code of a problem answer. */
  const codeOf = (res: request.Response) => (res.body as { code: string }).code;
  /** A JSON answer's body, typed as the route documents it. */
  const json = <T>(res: request.Response) => res.body as T;

  async function lastAudit(where = 'true', params: unknown[] = []): Promise<AuditRow> {
    const [row] = await db.dataSource.query<AuditRow[]>(
      `SELECT actor, actor_roles, action, entity, entity_id, details, remote_address, outcome
       FROM audit_log WHERE outcome IS NOT NULL AND ${where} ORDER BY id DESC LIMIT 1`,
      params,
    );
    return row;
  }

  async function auditCount(): Promise<number> {
    const [{ n }] = await db.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_log`);
    return n;
  }

  /** Signs in; the session and CSRF cookies and the CSRF token. */
  async function signIn(username: string, password = PASSWORD) {
    const res = await http().post('/api/session').send({ username, password }).expect(200);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const pairs = cookies.map((c) => c.split(';')[0]);
    return {
      cookie: pairs.join('; '),
      setCookie: cookies,
      csrfToken: (res.body as { csrfToken: string }).csrfToken,
      body: res.body as { principal: Principal },
    };
  }

  beforeAll(async () => {
    const booted = await bootAuthApp(kind, {
      BIOAUDIT_LOGIN_MAX_FAILURES: '3',
      BIOAUDIT_LOGIN_LOCKOUT_MINUTES: '15',
      BIOAUDIT_SESSION_IDLE_MINUTES: '30',
      BIOAUDIT_LOGIN_RATE_PER_MINUTE: '25',
    });
    ({ app, db, clock } = booted);
    cleanup = booted.close;
    accounts = app.get(AccountService);
    tokens = app.get(TokenService);
    const add = (username: string, roles: string[], over: Record<string, string | null> = {}) =>
      accounts.create({ username, roles, password: PASSWORD, ...over }, 'officer-test');
    await add('insp', ['inspector'], { regionCode: '3302', certificateNumber: '33020019001' });
    await add('head', ['inspector', 'head'], { regionCode: '3302', certificateNumber: '33020019002' });
    await add('obs', ['observer'], { regionCode: '3302' });
    await add('hz.obs', ['observer'], { regionCode: '3301' });
    await add('admin', ['admin']);
    await add('nb.admin', ['admin'], { regionCode: '3302' });
    await add('acme', ['firm'], { firmCreditCode: NINGBO_FIRM });
    for (const name of ['insp', 'head', 'obs', 'hz.obs', 'admin', 'nb.admin', 'acme']) {
      const user = await accounts.byUsername(name);
      bearer[name] = (await tokens.create(user.id, { name: 'test' }, 'officer-test')).token;
    }
  }, 120_000);

  afterAll(async () => {
    await cleanup?.();
  });

  describe('bearer tokens', () => {
    it('let a caller in with the roles of its account', async () => {
      const res = await http().get('/api/probe/firms').auth(bearer.insp, { type: 'bearer' }).expect(200);
      expect(res.body).toEqual({ username: 'insp' });
    });

    it('refuses a request without credentials (401) and writes the refusal to the audit log', async () => {
      const res = await http().get('/api/probe/firms').expect(401);
      expect(codeOf(res)).toBe('AUTH.UNAUTHENTICATED');
      expect(await lastAudit()).toMatchObject({
        actor: 'anonymous',
        action: 'GET /api/probe/firms',
        entity: 'Firm',
        outcome: 'refused:401',
      });
    });

    it('refuses a malformed or unknown token (401)', async () => {
      await http().get('/api/probe/firms').set('Authorization', 'Basic dXNlcjpwYXNz').expect(401);
      await http().get('/api/probe/firms').auth('bioaudit_pat_nope', { type: 'bearer' }).expect(401);
      const forged = `bioaudit_pat_${Buffer.alloc(32, 7).toString('base64url')}`;
      const res = await http().get('/api/probe/firms').auth(forged, { type: 'bearer' }).expect(401);
      expect(codeOf(res)).toBe('AUTH.UNAUTHENTICATED');
    });

    it('refuses a revoked token (401 AUTH.TOKEN_REVOKED)', async () => {
      const insp = await accounts.byUsername('insp');
      const { token, view } = await tokens.create(insp.id, { name: 'to revoke' }, 'insp');
      await http().get('/api/probe/firms').auth(token, { type: 'bearer' }).expect(200);
      await http().delete(`/api/tokens/${view.id}`).auth(bearer.insp, { type: 'bearer' }).expect(200);
      const res = await http().get('/api/probe/firms').auth(token, { type: 'bearer' }).expect(401);
      expect(codeOf(res)).toBe('AUTH.TOKEN_REVOKED');
    });

    it('refuses an expired token (401 AUTH.TOKEN_EXPIRED), and honours --expires', async () => {
      const insp = await accounts.byUsername('insp');
      const { token } = await tokens.create(insp.id, { lifetimeMs: 3_600_000 }, 'insp');
      await http().get('/api/probe/firms').auth(token, { type: 'bearer' }).expect(200);
      clock.advance(3_600_000);
      const res = await http().get('/api/probe/firms').auth(token, { type: 'bearer' }).expect(401);
      expect(codeOf(res)).toBe('AUTH.TOKEN_EXPIRED');
      await http().get('/api/probe/firms').auth(bearer.insp, { type: 'bearer' }).expect(200); // 90 days
    });

    it('refuses a role the policy does not allow (403) and audits it with actor and roles', async () => {
      const res = await http()
        .post('/api/probe/cases/12/actions/file')
        .auth(bearer.obs, { type: 'bearer' })
        .send({})
        .expect(403);
      expect(codeOf(res)).toBe('AUTH.FORBIDDEN');
      expect(await lastAudit()).toMatchObject({
        actor: 'obs',
        actor_roles: ['observer'],
        action: 'POST /api/probe/cases/:id/actions/:action',
        entity: 'Case',
        entity_id: '12',
        outcome: 'refused:403',
      });
      await http().get('/api/probe/firms').auth(bearer.admin, { type: 'bearer' }).expect(403);
    });

    it('refuses a route that declares no policy, for every caller (fail closed)', async () => {
      for (const name of ['insp', 'admin', 'obs']) {
        const res = await http()
          .get('/api/probe/forgotten')
          .auth(bearer[name], { type: 'bearer' })
          .expect(403);
        expect(codeOf(res)).toBe('AUTH.NO_POLICY');
      }
      await http().get('/api/probe/forgotten').expect(401);
    });

    it('lets anyone through a @Public route', async () => {
      await http().get('/api/probe/public').expect(200, { ok: true });
    });

    it('needs no CSRF token for bearer requests', async () => {
      await http()
        .post('/api/probe/cases/12/actions/file')
        .auth(bearer.head, { type: 'bearer' })
        .send({})
        .expect(201, { id: '12', action: 'file' });
    });
  });

  describe('the audit log', () => {
    it('records every change with actor, roles, action pattern, object and address, outcome ok', async () => {
      await http()
        .post('/api/probe/cases/41/actions/propose')
        .auth(bearer.insp, { type: 'bearer' })
        .set('X-Forwarded-For', '198.51.100.7')
        .send({})
        .expect(201);
      const row = await lastAudit();
      expect(row).toMatchObject({
        actor: 'insp',
        actor_roles: ['inspector'],
        action: 'POST /api/probe/cases/:id/actions/:action',
        entity: 'Case',
        entity_id: '41',
        outcome: 'ok',
      });
      expect(row.details).toMatchObject({ params: { id: '41', action: 'propose' }, via: 'token' });
      // The proxy is not trusted (BIOAUDIT_TRUST_PROXY unset): the header is ignored.
      expect(row.remote_address).not.toBe('198.51.100.7');
      expect(row.remote_address).toMatch(/127\.0\.0\.1|::1/);
    });

    it('records reads of personal data (@AuditRead) and not other reads', async () => {
      const before = await auditCount();
      await http().get('/api/probe/firms').auth(bearer.insp, { type: 'bearer' }).expect(200);
      expect(await auditCount()).toBe(before);
      await http().get('/api/probe/findings').auth(bearer.insp, { type: 'bearer' }).expect(200);
      expect(await auditCount()).toBe(before + 1);
      expect(await lastAudit()).toMatchObject({
        action: 'GET /api/probe/findings',
        entity: 'Finding',
        outcome: 'ok',
      });
    });

    it('records a scoped 404 as a refusal', async () => {
      await http().get('/api/probe/cases/99').auth(bearer.acme, { type: 'bearer' }).expect(404);
      expect(await lastAudit()).toMatchObject({
        actor: 'acme',
        actor_roles: ['firm'],
        entity: 'Case',
        entity_id: '99',
        outcome: 'refused:404',
      });
    });

    it('lists rows for admins and observers, scoped to the observer region, with a cursor; not for firms', async () => {
      await http().get('/api/audit-log').auth(bearer.acme, { type: 'bearer' }).expect(403);
      await http().get('/api/audit-log').auth(bearer.insp, { type: 'bearer' }).expect(403);
      const all = json<AuditPage>(
        await http().get('/api/audit-log?limit=2').auth(bearer.admin, { type: 'bearer' }).expect(200),
      );
      expect(all.items).toHaveLength(2);
      const next = json<AuditPage>(
        await http()
          .get(`/api/audit-log?limit=2&before=${all.nextCursor}`)
          .auth(bearer.admin, { type: 'bearer' })
          .expect(200),
      );
      expect(BigInt(next.items[0].id)).toBeLessThan(BigInt(all.items[1].id));

      const mine = await http()
        .get('/api/audit-log?actor=insp&object=Case:41')
        .auth(bearer.obs, { type: 'bearer' })
        .expect(200);
      expect(json<AuditPage>(mine).items.map((r) => r.action)).toEqual([
        'POST /api/probe/cases/:id/actions/:action',
      ]);
      // A Hangzhou observer does not see Ningbo officers' rows.
      const hz = await http()
        .get('/api/audit-log?actor=insp')
        .auth(bearer['hz.obs'], { type: 'bearer' })
        .expect(200);
      expect(json<AuditPage>(hz).items).toEqual([]);
      // Reading the audit log is itself audited.
      expect(await lastAudit()).toMatchObject({
        actor: 'hz.obs',
        action: 'GET /api/audit-log',
        entity: 'AuditLog',
      });
      await http().get('/api/audit-log?limit=0').auth(bearer.admin, { type: 'bearer' }).expect(422);
    });

    it('filters by outcome and by period', async () => {
      const page = async (query: string) =>
        json<AuditPage>(
          await http()
            .get(`/api/audit-log?limit=500&${query}`)
            .auth(bearer.admin, { type: 'bearer' })
            .expect(200),
        ).items as unknown as { id: string; outcome: string | null; occurredAt: string }[];
      // Reading the log writes to it: every later read is capped at the rows that existed before the first one.
      const all = await page('');
      const cap = `before=${BigInt(all[0].id) + 1n}`;
      const refused = await page(`${cap}&outcome=refused`);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.every((r) => r.outcome?.startsWith('refused:'))).toBe(true);
      const ok = await page(`${cap}&outcome=ok`);
      expect(ok.length).toBeGreaterThan(0);
      expect(ok.every((r) => r.outcome === 'ok')).toBe(true);
      const outside = await page(`${cap}&outcome=none`);
      expect(outside.every((r) => r.outcome === null)).toBe(true);
      const failed = await page(`${cap}&outcome=error`);
      expect(refused.length + ok.length + outside.length + failed.length).toBe(all.length);

      // A period: from (inclusive) and to (exclusive), instants with their offset.
      const newest = all[0].occurredAt;
      const at = encodeURIComponent(newest);
      expect((await page(`${cap}&from=${at}`)).map((r) => r.id)).toContain(all[0].id);
      expect((await page(`${cap}&to=${at}`)).map((r) => r.id)).not.toContain(all[0].id);
      expect(await page(`from=${encodeURIComponent('2100-01-01T00:00:00+08:00')}`)).toEqual([]);
      expect(await page(`${cap}&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z`)).toEqual(all);
      await http().get('/api/audit-log?from=yesterday').auth(bearer.admin, { type: 'bearer' }).expect(422);
      await http().get('/api/audit-log?outcome=maybe').auth(bearer.admin, { type: 'bearer' }).expect(422);
    });
  });

  describe('browser sessions', () => {
    it('sign in with an HttpOnly SameSite=Strict cookie (not Secure over plain http) and return the principal', async () => {
      const s = await signIn('insp');
      expect(s.body.principal).toMatchObject({ username: 'insp', roles: ['inspector'], via: 'session' });
      const session = s.setCookie.find((c) => c.startsWith('bioaudit_session='))!;
      expect(session).toMatch(/HttpOnly/i);
      expect(session).toMatch(/SameSite=Strict/i);
      expect(session).not.toMatch(/Secure/i);
      const me = await http().get('/api/session').set('Cookie', s.cookie).expect(200);
      expect(json<{ principal: Principal }>(me).principal).toMatchObject({
        username: 'insp',
        via: 'session',
      });
      // Only the hash of the session id is stored.
      const id = session.split(';')[0].split('=')[1];
      const stored = await db.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM user_session WHERE id_hash = $1`,
        [id],
      );
      expect(stored[0].n).toBe(0);
    });

    it('need the CSRF token for unsafe requests', async () => {
      const s = await signIn('head');
      const noToken = await http()
        .post('/api/probe/cases/5/actions/file')
        .set('Cookie', s.cookie)
        .send({})
        .expect(403);
      expect(codeOf(noToken)).toBe('AUTH.CSRF_INVALID');
      expect(await lastAudit()).toMatchObject({ actor: 'head', outcome: 'refused:403' });
      await http()
        .post('/api/probe/cases/5/actions/file')
        .set('Cookie', s.cookie)
        .set('X-CSRF-Token', 'x'.repeat(40))
        .send({})
        .expect(403);
      // Another session's token does not fit this one.
      const other = await signIn('insp');
      await http()
        .post('/api/probe/cases/5/actions/file')
        .set('Cookie', s.cookie)
        .set('X-CSRF-Token', other.csrfToken)
        .send({})
        .expect(403);
      await http()
        .post('/api/probe/cases/5/actions/file')
        .set('Cookie', s.cookie)
        .set('X-CSRF-Token', s.csrfToken)
        .send({})
        .expect(201);
      // A fresh token from GET /api/session/csrf works too.
      const fresh = await http().get('/api/session/csrf').set('Cookie', s.cookie).expect(200);
      const freshCookie = ([] as string[])
        .concat(fresh.headers['set-cookie'] ?? [])
        .map((c) => c.split(';')[0])
        .find((c) => c.startsWith('bioaudit_csrf='))!;
      const sessionCookie = s.cookie.split('; ').find((c) => c.startsWith('bioaudit_session='))!;
      await http()
        .post('/api/probe/cases/5/actions/file')
        .set('Cookie', `${sessionCookie}; ${freshCookie}`)
        .set('X-CSRF-Token', json<{ csrfToken: string }>(fresh).csrfToken)
        .send({})
        .expect(201);
    });

    it('end on sign-out and after the idle time', async () => {
      const s = await signIn('obs');
      await http()
        .delete('/api/session')
        .set('Cookie', s.cookie)
        .set('X-CSRF-Token', s.csrfToken)
        .expect(204);
      const gone = await http().get('/api/session').set('Cookie', s.cookie).expect(401);
      expect(codeOf(gone)).toBe('AUTH.SESSION_EXPIRED');

      const t = await signIn('obs');
      clock.advance(29 * 60_000);
      await http().get('/api/session').set('Cookie', t.cookie).expect(200); // used: idle time starts again
      clock.advance(29 * 60_000);
      await http().get('/api/session').set('Cookie', t.cookie).expect(200);
      clock.advance(31 * 60_000);
      const idle = await http().get('/api/session').set('Cookie', t.cookie).expect(401);
      expect(codeOf(idle)).toBe('AUTH.SESSION_EXPIRED');
    });

    it('answer an unknown user and a wrong password alike, and lock after 3 failures for 15 minutes', async () => {
      const unknown = await http()
        .post('/api/session')
        .send({ username: 'nobody', password: 'whatever it is' });
      const wrong = await http().post('/api/session').send({ username: 'acme', password: 'whatever it is' });
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(await lastAudit()).toMatchObject({
        actor: 'anonymous',
        action: 'POST /api/session',
        outcome: 'refused:401',
        details: expect.objectContaining({ claimedUsername: 'acme' }) as unknown,
      });

      await http().post('/api/session').send({ username: 'acme', password: 'still wrong one' }).expect(401);
      await http().post('/api/session').send({ username: 'acme', password: 'third wrong one' }).expect(401);
      // Locked: even the right password is refused, with the same answer.
      const locked = await http()
        .post('/api/session')
        .send({ username: 'acme', password: PASSWORD })
        .expect(401);
      expect(locked.body).toEqual(unknown.body);
      expect((await accounts.byUsername('acme')).lockedUntil).not.toBeNull();
      clock.advance(15 * 60_000);
      const s = await signIn('acme');
      expect(s.body.principal).toMatchObject({ username: 'acme', firmCreditCode: NINGBO_FIRM });
      expect((await accounts.byUsername('acme')).failedLogins).toBe(0);
    });

    it('spend an argon2 verification on an unknown user too (no timing tell)', async () => {
      const hasher = app.get(PasswordHasher);
      const spy = jest.spyOn(hasher, 'verifyNothing');
      const timeOf = async (username: string) => {
        const t = process.hrtime.bigint();
        await accounts.authenticate(username, 'not the password').catch(() => undefined);
        return Number(process.hrtime.bigint() - t);
      };
      const unknown: number[] = [];
      const wrong: number[] = [];
      for (let i = 0; i < 4; i++) {
        unknown.push(await timeOf('nobody-at-all'));
        wrong.push(await timeOf('head'));
      }
      // The 4 unknown names, and head's 4th try: locked after 3, it costs a verification all the same.
      expect(spy).toHaveBeenCalledTimes(5);
      spy.mockRestore();
      const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
      // argon2id dominates both paths: an unknown name is not answered measurably faster.
      expect(median(unknown) / median(wrong)).toBeGreaterThan(0.5);
      // (the wrong passwords above count towards head's lockout: unlock for the next tests)
      clock.advance(15 * 60_000);
    });

    it('change the password with the old one and end the other sessions', async () => {
      const a = await signIn('hz.obs');
      const b = await signIn('hz.obs');
      await http()
        .post('/api/session/password')
        .set('Cookie', a.cookie)
        .set('X-CSRF-Token', a.csrfToken)
        .send({ oldPassword: 'not the password', newPassword: 'a new long password' })
        .expect(401);
      await http()
        .post('/api/session/password')
        .set('Cookie', a.cookie)
        .set('X-CSRF-Token', a.csrfToken)
        .send({ oldPassword: PASSWORD, newPassword: 'a new long password' })
        .expect(204);
      await http().get('/api/session').set('Cookie', a.cookie).expect(200);
      await http().get('/api/session').set('Cookie', b.cookie).expect(401);
      await signIn('hz.obs', 'a new long password');
      const weak = await http()
        .post('/api/session/password')
        .set('Cookie', a.cookie)
        .set('X-CSRF-Token', a.csrfToken)
        .send({ oldPassword: 'a new long password', newPassword: 'hz.obs-is-my-password' })
        .expect(422);
      expect(codeOf(weak)).toBe('AUTH.WEAK_PASSWORD');
    });
  });

  describe('users and tokens', () => {
    it('let an admin create, list and disable accounts; nobody else', async () => {
      const createdRes = await http()
        .post('/api/users')
        .auth(bearer.admin, { type: 'bearer' })
        .send({ username: 'zhao', roles: ['legal_reviewer'], regionCode: '3302', displayName: '赵' })
        .expect(201);
      const created = json<{ password: string; user: { id: string } }>(createdRes);
      expect(created.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(created.user).toMatchObject({
        username: 'zhao',
        roles: ['legal_reviewer'],
        disabled: false,
      });
      expect(JSON.stringify(created)).not.toMatch(/argon2/);
      await http()
        .post('/api/users')
        .auth(bearer.head, { type: 'bearer' })
        .send({ username: 'x', roles: ['admin'] })
        .expect(403);
      const invalid = await http()
        .post('/api/users')
        .auth(bearer.admin, { type: 'bearer' })
        .send({ username: 'rogue', roles: ['admin', 'head'], regionCode: '3302' })
        .expect(422);
      expect(codeOf(invalid)).toBe('AUTH.INVALID_ACCOUNT');
      const taken = await http()
        .post('/api/users')
        .auth(bearer.admin, { type: 'bearer' })
        .send({ username: 'zhao', roles: ['observer'] })
        .expect(409);
      expect(codeOf(taken)).toBe('AUTH.USERNAME_TAKEN');

      const s = await signIn('zhao', created.password);
      const list = await http().get('/api/users').auth(bearer.admin, { type: 'bearer' }).expect(200);
      expect(json<{ items: { username: string }[] }>(list).items.map((u) => u.username)).toContain('zhao');
      await http()
        .patch(`/api/users/${created.user.id}`)
        .auth(bearer.admin, { type: 'bearer' })
        .send({ disabled: true })
        .expect(200);
      await http().get('/api/session').set('Cookie', s.cookie).expect(401);
      await http().post('/api/session').send({ username: 'zhao', password: created.password }).expect(401);
      await http().patch('/api/users/999999').auth(bearer.admin, { type: 'bearer' }).send({}).expect(404);
    });

    it("keep a regional admin to the region's accounts and keys", async () => {
      const nb = bearer['nb.admin'];
      const outside = await http()
        .post('/api/users')
        .auth(nb, { type: 'bearer' })
        .send({ username: 'hz.head', roles: ['head'], regionCode: '3301' })
        .expect(403);
      expect(codeOf(outside)).toBe('AUTH.FORBIDDEN');
      await http()
        .post('/api/users')
        .auth(nb, { type: 'bearer' })
        .send({ username: 'bureau.obs', roles: ['observer'] })
        .expect(403);
      await http()
        .post('/api/users')
        .auth(nb, { type: 'bearer' })
        .send({ username: 'nb.head', roles: ['head'], regionCode: '330203' })
        .expect(201);
      const names = json<{ items: { username: string }[] }>(
        await http().get('/api/users').auth(nb, { type: 'bearer' }).expect(200),
      ).items.map((u) => u.username);
      expect(names).toEqual(expect.arrayContaining(['acme', 'insp', 'nb.head']));
      expect(names).not.toContain('hz.obs');
      const hz = await accounts.byUsername('hz.obs');
      await http().get(`/api/users/${hz.id}`).auth(nb, { type: 'bearer' }).expect(404);
      await http()
        .patch(`/api/users/${hz.id}`)
        .auth(nb, { type: 'bearer' })
        .send({ disabled: true })
        .expect(404);
      const insp = await accounts.byUsername('insp');
      await http()
        .patch(`/api/users/${insp.id}`)
        .auth(nb, { type: 'bearer' })
        .send({ regionCode: '3301' })
        .expect(403);
      const owners = json<{ items: { username: string }[] }>(
        await http().get('/api/tokens').auth(nb, { type: 'bearer' }).expect(200),
      ).items.map((t) => t.username);
      expect(owners).toContain('acme');
      expect(owners).not.toContain('hz.obs');
    });

    it('let each caller create, list and revoke their own tokens; an admin issues firm keys', async () => {
      const own = json<CreatedToken>(
        await http()
          .post('/api/tokens')
          .auth(bearer.acme, { type: 'bearer' })
          .send({ name: 'erp upload', expiresIn: '30d' })
          .expect(201),
      );
      expect(own.token).toMatch(/^bioaudit_pat_[A-Za-z0-9_-]{43}$/);
      expect(Date.parse(own.details.expiresAt) - clock.now().getTime()).toBe(30 * 86_400_000);
      await http().get('/api/probe/firms').auth(own.token, { type: 'bearer' }).expect(200);

      const listed = json<{ items: { username: string }[] }>(
        await http().get('/api/tokens').auth(bearer.acme, { type: 'bearer' }).expect(200),
      );
      expect(listed.items.every((t) => t.username === 'acme')).toBe(true);
      expect(JSON.stringify(listed)).not.toContain(own.token);

      // Another user's token is not found (never "forbidden": it does not reveal that it exists).
      await http().delete(`/api/tokens/${own.details.id}`).auth(bearer.insp, { type: 'bearer' }).expect(404);
      await http()
        .post('/api/tokens')
        .auth(bearer.insp, { type: 'bearer' })
        .send({ username: 'acme' })
        .expect(404);

      const key = json<CreatedToken>(
        await http()
          .post('/api/tokens')
          .auth(bearer.admin, { type: 'bearer' })
          .send({ username: 'acme', name: 'firm API key' })
          .expect(201),
      );
      expect(key.details).toMatchObject({ username: 'acme', createdBy: 'admin' });
      const person = await http()
        .post('/api/tokens')
        .auth(bearer.admin, { type: 'bearer' })
        .send({ username: 'insp' })
        .expect(403);
      expect(codeOf(person)).toBe('AUTH.FORBIDDEN');
      await http()
        .post('/api/tokens')
        .auth(bearer.acme, { type: 'bearer' })
        .send({ expiresIn: '1000d' })
        .expect(422);
      await http().delete(`/api/tokens/${key.details.id}`).auth(bearer.admin, { type: 'bearer' }).expect(200);
      await http().get('/api/probe/firms').auth(key.token, { type: 'bearer' }).expect(401);
    });
  });

  it('rate-limits sign-in per address (429 AUTH.RATE_LIMITED), audited', async () => {
    let res: request.Response | null = null;
    for (let i = 0; i < 40; i++) {
      res = await http().post('/api/session').send({ username: 'nobody', password: 'x' });
      if (res.status === 429) break;
    }
    expect(res?.status).toBe(429);
    expect(res ? codeOf(res) : null).toBe('AUTH.RATE_LIMITED');
    expect(await lastAudit()).toMatchObject({ action: 'POST /api/session', outcome: 'refused:429' });
  });
});

describe('API authentication behind a trusted reverse proxy (BIOAUDIT_TRUST_PROXY=true)', () => {
  let booted: Awaited<ReturnType<typeof bootAuthApp>>;
  const http = () => request(booted.app.getHttpServer() as Server);

  beforeAll(async () => {
    booted = await bootAuthApp('postgres', { BIOAUDIT_TRUST_PROXY: 'true' });
    await booted.app.get(AccountService).create(
      {
        username: 'insp',
        roles: ['inspector'],
        regionCode: '3302',
        certificateNumber: '1',
        password: PASSWORD,
      },
      't',
    );
  }, 120_000);

  afterAll(async () => {
    await booted?.close();
  });

  it('sets Secure cookies when the proxy says https, and logs the address the proxy saw', async () => {
    const res = await http()
      .post('/api/session')
      .set('X-Forwarded-Proto', 'https')
      .set('X-Forwarded-For', '10.9.9.9, 203.0.113.50')
      .send({ username: 'insp', password: PASSWORD })
      .expect(200);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(cookies.find((c) => c.startsWith('bioaudit_session='))).toMatch(/;\s*Secure/i);
    expect(cookies.find((c) => c.startsWith('bioaudit_csrf='))).toMatch(/;\s*Secure/i);
    const [row] = await booted.db.dataSource.query<{ actor: string; remote_address: string }[]>(
      `SELECT actor, remote_address FROM audit_log WHERE action = 'POST /api/session' ORDER BY id DESC LIMIT 1`,
    );
    // The last hop is the one the proxy appended; what the client wrote before it is not trusted.
    expect(row).toEqual({ actor: 'insp', remote_address: '203.0.113.50' });
  });
});
