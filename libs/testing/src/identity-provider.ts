import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real OpenID Connect identity provider for tests: node-oidc-provider (panva's certified implementation) on a
 * loopback port, with its development login page (any login, any password) and one confidential client. The
 * person's `sub` and `preferred_username` are the login typed in; consent is given without asking.
 */
export interface TestIdentityProvider {
  /** `http://127.0.0.1:<port>` (BIOAUDIT_OIDC_ISSUER). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registers the client with its redirect URIs and starts answering (the URIs may be known only once the API listens). */
  register(redirectUris: string[]): Promise<void>;
  close(): Promise<void>;
}

/** oidc-provider is an ES module: a real import() (TypeScript and jest would turn `import()` into `require()`). */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- keeps a real import() in CommonJS output
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;

type ProviderModule = typeof import('oidc-provider');

/**
 * Runs `f` without oidc-provider's start-up warnings: they are about the development-only parts this test provider
 * uses on purpose (in-memory adapter, development login page) and the runtime (it asks for Node 22; the API's
 * Node 20 is what it is tested on here). Any other console output passes.
 */
async function quietly<T>(f: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('oidc-provider WARNING')) return;
    warn(...args);
  };
  try {
    return await f();
  } finally {
    console.warn = warn;
  }
}
type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export async function startTestIdentityProvider(): Promise<TestIdentityProvider> {
  let handler: Handler = (_req, res) => {
    res.statusCode = 503;
    res.end('not registered yet');
  };
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'bioaudit';
  const clientSecret = 'a test client secret, long enough for HS256 too';
  return {
    issuer,
    clientId,
    clientSecret,
    register: async (redirectUris) => {
      const { default: Provider } = await quietly(
        () => importEsm('oidc-provider') as Promise<ProviderModule>,
      );
      const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
        format: 'jwk',
      });
      const provider = await quietly(() =>
        Promise.resolve(
          new Provider(issuer, {
            clients: [
              {
                client_id: clientId,
                client_secret: clientSecret,
                redirect_uris: redirectUris,
                grant_types: ['authorization_code'],
                response_types: ['code'],
                token_endpoint_auth_method: 'client_secret_basic',
              },
            ],
            jwks: { keys: [{ ...signingKey, kid: 'test', use: 'sig', alg: 'RS256' }] },
            cookies: { keys: ['a test cookie key'] },
            pkce: { required: () => true },
            claims: { openid: ['sub'], profile: ['preferred_username', 'name'] },
            // The username claim in the ID token itself (not only at the userinfo endpoint), as government IdPs do.
            conformIdTokenClaims: false,
            findAccount: (_ctx, sub) => ({
              accountId: sub,
              claims: () => ({ sub, preferred_username: sub, name: sub }),
            }),
            // Consent without a page: the client is the bureau's own.
            loadExistingGrant: async (ctx) => {
              const oidc = ctx.oidc;
              const existing = oidc.session?.grantIdFor(oidc.client!.clientId);
              if (existing) return oidc.provider.Grant.find(existing);
              const grant = new oidc.provider.Grant({
                clientId: oidc.client!.clientId,
                accountId: oidc.session!.accountId,
              });
              grant.addOIDCScope('openid profile');
              grant.addOIDCClaims(['preferred_username', 'name']);
              await grant.save();
              return grant;
            },
            ttl: {
              Interaction: 600,
              Session: 3600,
              Grant: 3600,
              AccessToken: 600,
              IdToken: 600,
              AuthorizationCode: 60,
            },
          }),
        ),
      );
      const callback = provider.callback();
      handler = (req, res) => void callback(req, res);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A cookie jar per origin for fetch with manual redirects (enough for these flows: no paths, no expiry). */
export class CookieJar {
  private readonly jars = new Map<string, Map<string, string>>();

  header(url: string): string {
    const jar = this.jars.get(new URL(url).origin);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }

  take(url: string, res: Response): void {
    const origin = new URL(url).origin;
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
  }

  get(url: string, name: string): string | undefined {
    return this.jars.get(new URL(url).origin)?.get(name);
  }

  set(url: string, name: string, value: string): void {
    const origin = new URL(url).origin;
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    jar.set(name, value);
    this.jars.set(origin, jar);
  }
}

/** One request with the jar's cookies, redirects not followed; the jar takes the answer's cookies. */
export async function jarFetch(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const cookie = jar.header(url);
  const res = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
  });
  jar.take(url, res);
  return res;
}

/**
 * Signs `login` in at the identity provider's development login page, starting from the authorization URL the
 * relying party sent the browser to; returns the URL the provider sends the browser back to (the callback).
 */
export async function signInAtIdentityProvider(
  jar: CookieJar,
  authorizationUrl: string,
  login: string,
): Promise<string> {
  let url = authorizationUrl;
  for (let hop = 0; hop < 10; hop++) {
    const res = await jarFetch(jar, url);
    await res.arrayBuffer();
    const location = res.headers.get('location');
    if (!location) throw new Error(`the identity provider answered ${res.status} at ${url}`);
    const next = new URL(location, url).href;
    const interaction = /\/interaction\/([^/?]+)$/.exec(new URL(next).pathname);
    if (interaction) {
      const submit = await jarFetch(jar, next, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
      });
      await submit.arrayBuffer();
      const resume = submit.headers.get('location');
      if (!resume) throw new Error(`the login form answered ${submit.status}`);
      url = new URL(resume, next).href;
      continue;
    }
    if (new URL(next).origin !== new URL(authorizationUrl).origin) return next;
    url = next;
  }
  throw new Error('the identity provider redirected too often');
}
