import type { INestApplication } from '@nestjs/common';
import { AccountService } from '@app/auth';
import { loadConfig } from '@app/config';
import { DATABASE, migrate, type Database } from '@app/persistence';
import {
  CookieJar,
  createTempDir,
  createTestPostgresDatabase,
  jarFetch,
  signInAtIdentityProvider,
  startTestIdentityProvider,
  type TestIdentityProvider,
} from '@app/testing';
import { createApiApp } from '../api-app';
import { CSRF_HEADER, SESSION_COOKIE, SSO_COOKIE } from './auth-request';

interface AuditRow {
  actor: string;
  action: string;
  entity: string;
  outcome: string;
  details: Record<string, unknown>;
}

/** The API on PostgreSQL, listening on a loopback port (the identity provider redirects a browser to it). */
async function startApi(env: Record<string, string>) {
  const tmp = createTempDir();
  const pg = await createTestPostgresDatabase();
  const app = await createApiApp(
    loadConfig({ BIOAUDIT_HOME: tmp.dir, DATABASE_URL: pg.url, LOG_LEVEL: 'error', ...env }),
  );
  await migrate(app.get<Database>(DATABASE));
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer() as { address(): { port: number } }).address().port}`;
  return {
    app,
    url,
    close: async () => {
      await app.close();
      await pg.drop();
      tmp.remove();
    },
  };
}

describe('single sign-on (OpenID Connect) against a real identity provider', () => {
  let idp: TestIdentityProvider;
  let api: { app: INestApplication; url: string; close(): Promise<void> };
  let db: Database;

  beforeAll(async () => {
    idp = await startTestIdentityProvider();
    api = await startApi({
      BIOAUDIT_OIDC_ISSUER: idp.issuer,
      BIOAUDIT_OIDC_CLIENT_ID: idp.clientId,
      BIOAUDIT_OIDC_CLIENT_SECRET: idp.clientSecret,
      BIOAUDIT_OIDC_NAME: '政务统一身份认证',
    });
    await idp.register([`${api.url}/api/auth/sso/callback`]);
    db = api.app.get<Database>(DATABASE);
    const accounts = api.app.get(AccountService);
    await accounts.create(
      {
        username: 'wang.wu',
        displayName: '王五',
        roles: ['inspector'],
        regionCode: '3302',
        certificateNumber: '33020019001',
      },
      'test',
    );
    const { account } = await accounts.create(
      { username: 'li.si', roles: ['observer'], regionCode: '3302' },
      'test',
    );
    await accounts.update(account.id, { disabled: true }, 'test');
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await idp?.close();
  });

  async function lastAudit(): Promise<AuditRow> {
    const [row] = await db.dataSource.query<AuditRow[]>(
      `SELECT actor, action, entity, outcome, details FROM audit_log WHERE outcome IS NOT NULL ORDER BY id DESC LIMIT 1`,
    );
    return row;
  }

  /** The browser's walk: the API's SSO start, the provider's login page as `login`, back to the callback. */
  async function walk(jar: CookieJar, login: string, next = '/cases') {
    const start = await jarFetch(jar, `${api.url}/api/auth/sso?next=${encodeURIComponent(next)}`);
    expect(start.status).toBe(302);
    const authorization = new URL(start.headers.get('location')!);
    const callback = await signInAtIdentityProvider(jar, authorization.href, login);
    return { authorization, callback };
  }

  it('tells the sign-in page that single sign-on is offered, and its name', async () => {
    const res = await fetch(`${api.url}/api/auth/methods`);
    expect(res.status).toBe(200);
    await expect(res.json()).resolves.toEqual({
      password: true,
      sso: { name: '政务统一身份认证', startUrl: '/api/auth/sso' },
    });
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce, keeping them in a Lax HttpOnly cookie', async () => {
    const jar = new CookieJar();
    const start = await jarFetch(jar, `${api.url}/api/auth/sso`);
    expect(start.status).toBe(302);
    const to = new URL(start.headers.get('location')!);
    expect(to.origin).toBe(idp.issuer);
    expect(to.searchParams.get('client_id')).toBe(idp.clientId);
    expect(to.searchParams.get('response_type')).toBe('code');
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(to.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(to.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(to.searchParams.get('redirect_uri')).toBe(`${api.url}/api/auth/sso/callback`);
    const cookie = start.headers.getSetCookie().find((c) => c.startsWith(`${SSO_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/api\/auth\/sso/);
  });

  it('signs a provisioned account in with the same session as a password would, audited as sso', async () => {
    const jar = new CookieJar();
    const { callback } = await walk(jar, 'wang.wu');
    expect(callback.startsWith(`${api.url}/api/auth/sso/callback?`)).toBe(true);
    const back = await jarFetch(jar, callback);
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/cases');
    const session = back.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(jar.get(api.url, SSO_COOKIE)).toBeUndefined();

    const me = await jarFetch(jar, `${api.url}/api/session`);
    expect(me.status).toBe(200);
    await expect(me.json()).resolves.toMatchObject({
      principal: { username: 'wang.wu', displayName: '王五', roles: ['inspector'], via: 'session' },
    });
    expect(await lastAudit()).toMatchObject({
      actor: 'wang.wu',
      action: 'GET /api/auth/sso/callback',
      entity: 'Session',
      outcome: 'ok',
      details: expect.objectContaining({ via: 'session', method: 'sso' }) as unknown,
    });

    // An authorised call of the inspector, and an unsafe one with the session's CSRF token.
    expect((await jarFetch(jar, `${api.url}/api/firms`)).status).toBe(200);
    const { csrfToken } = (await (await jarFetch(jar, `${api.url}/api/session/csrf`)).json()) as {
      csrfToken: string;
    };
    const out = await jarFetch(jar, `${api.url}/api/session`, {
      method: 'DELETE',
      headers: { [CSRF_HEADER]: csrfToken },
    });
    expect(out.status).toBe(204);
  });

  it.each([
    ['nobody.here', 'AUTH.SSO_NO_ACCOUNT'],
    ['li.si', 'AUTH.SSO_ACCOUNT_DISABLED'],
  ])('refuses %s (no account is made, no session starts): %s', async (login, code) => {
    const before = await db.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM user_account');
    const jar = new CookieJar();
    const { callback } = await walk(jar, login);
    const back = await jarFetch(jar, callback);
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe(`/sign-in?sso_error=${code}&next=%2Fcases`);
    expect(jar.get(api.url, SESSION_COOKIE)).toBeUndefined();
    expect(await lastAudit()).toMatchObject({
      actor: 'anonymous',
      action: 'GET /api/auth/sso/callback',
      outcome: 'refused:403',
      details: expect.objectContaining({ method: 'sso', code, claimedUsername: login }) as unknown,
    });
    expect((await jarFetch(jar, `${api.url}/api/session`)).status).toBe(401);
    const after = await db.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM user_account');
    expect(after).toEqual(before);
  });

  it('refuses a callback whose state is not the one this browser was given', async () => {
    const jar = new CookieJar();
    const { callback } = await walk(jar, 'wang.wu');
    const forged = new URL(callback);
    forged.searchParams.set('state', 'an-attackers-state-value');
    const back = await jarFetch(jar, forged.href);
    expect(back.headers.get('location')).toBe('/sign-in?sso_error=AUTH.SSO_STATE_INVALID&next=%2Fcases');
    expect(jar.get(api.url, SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses a callback in a browser that started no sign-in (a stolen or injected code)', async () => {
    const { callback } = await walk(new CookieJar(), 'wang.wu');
    const elsewhere = new CookieJar();
    const back = await jarFetch(elsewhere, callback);
    expect(back.headers.get('location')).toBe('/sign-in?sso_error=AUTH.SSO_STATE_INVALID');
    expect(elsewhere.get(api.url, SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses a replayed callback: without the cookie (cleared) by us, with a copy of it by the provider', async () => {
    const jar = new CookieJar();
    const start = await jarFetch(jar, `${api.url}/api/auth/sso`);
    const transaction = jar.get(api.url, SSO_COOKIE)!;
    const callback = await signInAtIdentityProvider(jar, start.headers.get('location')!, 'wang.wu');
    expect((await jarFetch(jar, callback)).headers.get('location')).toBe('/');

    // The same browser again: the transaction was used up.
    const again = await jarFetch(jar, callback);
    expect(again.headers.get('location')).toBe('/sign-in?sso_error=AUTH.SSO_STATE_INVALID');
    // An attacker who copied the cookie too: the provider will not exchange a code twice.
    const thief = new CookieJar();
    thief.set(api.url, SSO_COOKIE, transaction);
    const replay = await jarFetch(thief, callback);
    expect(replay.headers.get('location')).toBe('/sign-in?sso_error=AUTH.SSO_REFUSED');
    expect(thief.get(api.url, SESSION_COOKIE)).toBeUndefined();
    expect(await lastAudit()).toMatchObject({
      outcome: 'refused:401',
      details: expect.objectContaining({ code: 'AUTH.SSO_REFUSED', method: 'sso' }) as unknown,
    });
  });

  it('refuses a sign-in the person cancelled at the provider', async () => {
    const jar = new CookieJar();
    const start = await jarFetch(jar, `${api.url}/api/auth/sso`);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const cancelled = `${api.url}/api/auth/sso/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(idp.issuer)}`;
    const back = await jarFetch(jar, cancelled);
    expect(back.headers.get('location')).toBe('/sign-in?sso_error=AUTH.SSO_REFUSED');
  });

  it('lands only on portal paths', async () => {
    const jar = new CookieJar();
    const { callback } = await walk(jar, 'wang.wu', '//evil.example/x');
    expect((await jarFetch(jar, callback)).headers.get('location')).toBe('/');
  });
});

describe('single sign-on when it is not configured', () => {
  let api: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    api = await startApi({});
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('is not offered, and its routes answer AUTH.SSO_NOT_CONFIGURED', async () => {
    await expect((await fetch(`${api.url}/api/auth/methods`)).json()).resolves.toEqual({
      password: true,
      sso: null,
    });
    const start = await fetch(`${api.url}/api/auth/sso`, { redirect: 'manual' });
    expect(start.status).toBe(404);
    expect(start.headers.get('content-type')).toContain('application/problem+json');
    await expect(start.json()).resolves.toMatchObject({ code: 'AUTH.SSO_NOT_CONFIGURED' });
    const callback = await fetch(`${api.url}/api/auth/sso/callback?code=x&state=y`, { redirect: 'manual' });
    expect(callback.headers.get('location')).toBe('/sign-in?sso_error=AUTH.SSO_NOT_CONFIGURED');
  });
});

describe('single sign-on when the provider cannot be reached', () => {
  let api: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    // A loopback port nothing listens on.
    api = await startApi({ BIOAUDIT_OIDC_ISSUER: 'http://127.0.0.1:9', BIOAUDIT_OIDC_CLIENT_ID: 'bioaudit' });
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('sends the browser back to the sign-in page with AUTH.SSO_UNAVAILABLE', async () => {
    const start = await fetch(`${api.url}/api/auth/sso?next=%2Ffirms`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    expect(start.headers.get('location')).toBe('/sign-in?sso_error=AUTH.SSO_UNAVAILABLE&next=%2Ffirms');
  });
});
