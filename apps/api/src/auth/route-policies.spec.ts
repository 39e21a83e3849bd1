import { Controller, Get, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { APP_GUARD } from '@nestjs/core';
import { ApiModule } from '../api.module';
import { ApiAuthModule } from './api-auth.module';
import { AuthGuard } from './auth.guard';
import { POLICY_KEY, PUBLIC_KEY, type RoutePolicy } from './policy.decorator';

interface Route {
  controller: string;
  handler: string;
  method: string;
  policy: RoutePolicy | null;
  public: boolean;
}

type ModuleRef = Type | { module: Type; imports?: unknown[]; controllers?: Type[] } | Promise<unknown>;

/** Every module reachable from `root` (static imports and dynamic modules). */
function modulesOf(root: ModuleRef, seen = new Set<unknown>()): { module: Type; controllers: Type[] }[] {
  if (root instanceof Promise || root === undefined || seen.has(root)) return [];
  seen.add(root);
  const dynamic = typeof root === 'function' ? null : root;
  const module = dynamic ? dynamic.module : (root as Type);
  const imports = [
    ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, module) as ModuleRef[] | undefined) ?? []),
    ...((dynamic?.imports as ModuleRef[] | undefined) ?? []),
  ];
  const controllers = [
    ...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) as Type[] | undefined) ?? []),
    ...(dynamic?.controllers ?? []),
  ];
  return [{ module, controllers }, ...imports.flatMap((m) => modulesOf(m, seen))];
}

/** Every route handler of `controllers` with its policy, read as Nest reads it (method, then class). */
function routesOf(controllers: Type[]): Route[] {
  return controllers.flatMap((c) => {
    const proto = c.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(proto)
      .filter((name) => name !== 'constructor' && typeof proto[name] === 'function')
      .filter((name) => Reflect.getMetadata(PATH_METADATA, proto[name] as object) !== undefined)
      .map((name) => {
        const handler = proto[name] as object;
        const read = <T>(key: string) =>
          (Reflect.getMetadata(key, handler) as T | undefined) ??
          (Reflect.getMetadata(key, c) as T | undefined);
        return {
          controller: c.name,
          handler: name,
          method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number],
          policy: read<RoutePolicy>(POLICY_KEY) ?? null,
          public: read<boolean>(PUBLIC_KEY) === true,
        };
      });
  });
}

describe('every route of the API has a policy', () => {
  const modules = modulesOf(ApiModule);
  const routes = routesOf([...new Set(modules.flatMap((m) => m.controllers))]);

  it('finds the routes (the walk sees the app as Nest does)', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes).toContainEqual(
      expect.objectContaining({ controller: 'SessionController', handler: 'signIn', public: true }),
    );
    expect(routes).toContainEqual(
      expect.objectContaining({
        controller: 'AuditLogController',
        handler: 'list',
        policy: { action: 'read', subject: 'AuditLog' },
      }),
    );
  });

  it('is guarded by the global AuthGuard', () => {
    expect(modules.map((m) => m.module)).toContain(ApiAuthModule);
    const providers = Reflect.getMetadata(MODULE_METADATA.PROVIDERS, ApiAuthModule) as unknown[];
    expect(providers).toContainEqual({ provide: APP_GUARD, useClass: AuthGuard });
  });

  it('declares @Policy or @Public on every route', () => {
    const bare = routes
      .filter((r) => r.policy === null && !r.public)
      .map((r) => `${r.controller}.${r.handler}`);
    expect(bare).toEqual([]);
  });

  it('would catch a route without one', () => {
    @Controller('x')
    class Careless {
      @Get()
      forgot(): void {}
    }
    expect(routesOf([Careless])).toEqual([
      { controller: 'Careless', handler: 'forgot', method: 'GET', policy: null, public: false },
    ]);
  });
});
