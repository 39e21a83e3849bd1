import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { POLICY_KEY, PUBLIC_KEY, type RoutePolicy } from './policy.decorator';

/** Walks an app's modules and controllers the way Nest registers them (for the route and matrix specs). */
/** A route handler as Nest registers it, with the policy the guard will check. */
export interface Route {
  controller: string;
  handler: string;
  method: string;
  /** The pattern under the global prefix, e.g. `/cases/:id/actions/:action`. */
  path: string;
  policy: RoutePolicy | null;
  public: boolean;
}

type ModuleRef = Type | { module: Type; imports?: unknown[]; controllers?: Type[] } | Promise<unknown>;

/** Every module reachable from `root` (static imports and dynamic modules). */
export function modulesOf(
  root: ModuleRef,
  seen = new Set<unknown>(),
): { module: Type; controllers: Type[] }[] {
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
export function routesOf(controllers: Type[]): Route[] {
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
          path: joinPath(Reflect.getMetadata(PATH_METADATA, c), Reflect.getMetadata(PATH_METADATA, handler)),
          policy: read<RoutePolicy>(POLICY_KEY) ?? null,
          public: read<boolean>(PUBLIC_KEY) === true,
        };
      });
  });
}

/** `/controller/method` from the two path metadata values (strings; the first of a list). */
function joinPath(...parts: unknown[]): string {
  const segments = parts
    .map((p) => (Array.isArray(p) ? (p[0] as unknown) : p))
    .filter((p): p is string => typeof p === 'string')
    .flatMap((p) => p.split('/'))
    .filter((p) => p.length > 0);
  return `/${segments.join('/')}`;
}
