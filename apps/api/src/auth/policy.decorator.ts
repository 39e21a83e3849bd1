import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { PolicyAction, PolicySubject, Principal } from '@app/auth';

export const POLICY_KEY = 'bioaudit:policy';
export const PUBLIC_KEY = 'bioaudit:public';

/** The one policy a route is checked against: what it does to which kind of object. Every route has one. */
export interface RoutePolicy {
  action: PolicyAction;
  subject: PolicySubject;
}

/** Declares the route's policy; the global guard refuses a caller whose ability does not allow it (403). */
export const Policy = (action: PolicyAction, subject: PolicySubject) =>
  SetMetadata(POLICY_KEY, { action, subject } satisfies RoutePolicy);

/** A route anyone may call without signing in (health, sign-in, the OpenAPI document). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The authenticated caller, set on the request by the guard. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!req.principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return req.principal;
});
