import type { CanActivate, ExecutionContext, INestApplication } from '@nestjs/common';
import type { Principal, Role } from '@app/auth';
import { loadConfig } from '@app/config';
import { SchemaService } from '@app/inspection';
import { createTestPostgresDatabase } from '@app/testing';
import { createApiApp } from '../apps/api/src/api-app';

/** A caller of the test server, as the authentication guard would resolve it. */
export function principal(
  username: string,
  roles: Role[],
  scope: { region?: string; firm?: string } = {},
): Principal {
  return {
    userId: username,
    username,
    displayName: username,
    roles,
    regionCode: scope.region ?? null,
    firmCreditCode: scope.firm ?? null,
    certificateNumber: null,
    via: 'token',
    tokenId: null,
  };
}

/**
 * Stands in for the authentication guard until the real one is wired: the caller is the principal named by
 * the `x-test-user` header (the default one without it). Policies are not checked here; scopes are, by the
 * services.
 */
class TestPrincipalGuard implements CanActivate {
  constructor(private readonly users: Record<string, Principal>) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string>; principal?: Principal }>();
    const name = req.headers['x-test-user'] ?? 'default';
    req.principal = this.users[name];
    return req.principal !== undefined;
  }
}

export interface TestServer {
  app: INestApplication;
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

/**
 * The API app as `bioaudit serve` runs it, listening on a free port, on the embedded engine in `home` or on a
 * fresh PostgreSQL database (migrated, as `bioaudit migrate` would) that `close()` drops.
 */
export async function startApiServer(
  kind: 'embedded' | 'postgres',
  home: string,
  users: Record<string, Principal>,
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
  app.useGlobalGuards(new TestPrincipalGuard(users));
  await app.get(SchemaService).migrate();
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as { address(): { port: number } };
  const address = server.address();
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      await drop?.();
    },
  };
}
