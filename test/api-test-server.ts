import type { INestApplication } from '@nestjs/common';
import { AccountService, TokenService, type Role } from '@app/auth';
import { loadConfig } from '@app/config';
import { SchemaService } from '@app/inspection';
import { createTestPostgresDatabase } from '@app/testing';
import { createApiApp } from '../apps/api/src/api-app';

/** An account the test server creates, with a bearer token of its own. */
export interface TestAccount {
  username: string;
  roles: Role[];
  regionCode?: string;
  firmCreditCode?: string;
  certificateNumber?: string;
}

/** An account as `bioaudit users add` would create it (inspectors carry a certificate number). */
export function account(
  username: string,
  roles: Role[],
  scope: { region?: string; firm?: string } = {},
): TestAccount {
  return {
    username,
    roles,
    ...(scope.region !== undefined ? { regionCode: scope.region } : {}),
    ...(scope.firm !== undefined ? { firmCreditCode: scope.firm } : {}),
    ...(roles.includes('inspector') ? { certificateNumber: `cert-${username}` } : {}),
  };
}

export interface TestServer {
  app: INestApplication;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Bearer tokens by the names the accounts were given. */
  tokens: Record<string, string>;
  /** The environment the app was configured from (DATABASE_URL included on PostgreSQL). */
  env: Record<string, string>;
  /** `fetch` of a path, as the named account (`default` unless told; `null` for no credentials). */
  fetch(path: string, init?: RequestInit, as?: string | null): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The API app as `bioaudit serve` runs it (real authentication guard, problem filter, prefix), listening on
 * a free port, on the embedded engine in `home` or on a fresh PostgreSQL database (migrated, as
 * `bioaudit migrate` would) that `close()` drops. Each account gets a real bearer token.
 */
export async function startApiServer(
  kind: 'embedded' | 'postgres',
  home: string,
  accounts: Record<string, TestAccount>,
  env: Record<string, string> = {},
): Promise<TestServer> {
  const vars: Record<string, string> = {
    BIOAUDIT_HOME: home,
    BIOAUDIT_MASTER_KEY: 'YmlvYXVkaXQtZTJlLXRlc3Qta2V5LW5vdC1hLXNlY3I=',
    BIOAUDIT_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEIJIIvoaMmhVt6Z4uIhptK+A1gUzGTyMTXVzm3eWTE4uf',
    LOG_LEVEL: 'error',
    ...env,
  };
  let drop: (() => Promise<void>) | null = null;
  if (kind === 'postgres') {
    const pg = await createTestPostgresDatabase();
    vars.DATABASE_URL = pg.url;
    drop = pg.drop;
  }
  const app = await createApiApp(loadConfig(vars));
  await app.get(SchemaService).migrate();
  await app.listen(0, '127.0.0.1');
  const tokens: Record<string, string> = {};
  const accountService = app.get(AccountService);
  const tokenService = app.get(TokenService);
  for (const [name, a] of Object.entries(accounts)) {
    const { account: created } = await accountService.create(
      { ...a, password: 'correct horse battery staple' },
      'test-setup',
    );
    tokens[name] = (await tokenService.create(created.id, { name: 'test' }, 'test-setup')).token;
  }
  const server = app.getHttpServer() as { address(): { port: number } };
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    app,
    url,
    tokens,
    env: vars,
    fetch: (path, init = {}, as = 'default') => {
      const headers = new Headers(init.headers);
      if (as !== null) headers.set('authorization', `Bearer ${tokens[as]}`);
      return fetch(`${url}${path}`, { ...init, headers });
    },
    close: async () => {
      await app.close();
      await drop?.();
    },
  };
}
