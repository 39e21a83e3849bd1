import { Inject, Injectable, Logger } from '@nestjs/common';
import { isDomainError } from '@app/common';
import { AUTH_ERROR_STATUS, isAuthErrorCode, type PolicySubject } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { AuditLogRepository } from '@app/persistence';
import { remoteAddressOf, type AuthRequest } from '../auth/auth-request';
import type { RoutePolicy } from '../auth/policy.decorator';
import { problemOf } from '../problem/problem';

/** Writes one audit_log row per audited request: who, with which roles, what, on which object, from where, how it ended. */
@Injectable()
export class RequestAuditor {
  private readonly logger = new Logger('AuditLog');

  constructor(
    private readonly auditLog: AuditLogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The status `error` is answered with: the API's one table (problemOf); AUTH.* codes by their catalogue's
   * intended status, which the table carries too once it lists them.
   */
  status(error: unknown): number {
    if (isDomainError(error) && isAuthErrorCode(error.code)) return AUTH_ERROR_STATUS[error.code];
    return problemOf(error, '').status;
  }

  /** `ok`, `refused:<4xx>` or `error:<5xx>`. */
  outcomeOf(error: unknown): string {
    if (error === null) return 'ok';
    const status = this.status(error);
    return status < 500 ? `refused:${status}` : `error:${status}`;
  }

  /**
   * Appends the request's row. `subject` is the route's policy subject (or its @AuditRead subject).
   * Errors writing the row propagate: a change that cannot be audited must not be reported as done.
   */
  async record(req: AuthRequest, subject: PolicySubject | 'Route', error: unknown): Promise<void> {
    if (req.audited) return;
    req.audited = true;
    const params = { ...(req.params ?? {}) } as Record<string, string>;
    const principal = req.principal ?? null;
    const details: Record<string, unknown> = { params };
    if (principal) details.via = principal.via;
    if (principal?.tokenId) details.tokenId = principal.tokenId;
    if (error !== null) {
      details.status = this.status(error);
      if (isDomainError(error)) details.code = error.code;
    }
    if (req.signInMethod) details.method = req.signInMethod;
    // A failed sign-in has no principal: the name it claimed (or its identity provider named) is what the log can show.
    const body = req.body as { username?: unknown } | undefined;
    const claimed = req.claimedUsername ?? body?.username;
    if (!principal && typeof claimed === 'string') details.claimedUsername = claimed.slice(0, 200);
    await this.auditLog.appendRequest({
      actor: principal?.username ?? 'anonymous',
      actorRoles: principal?.roles ?? [],
      action: `${req.method} ${routeOf(req)}`,
      entity: subject,
      entityId: params.id ?? Object.values(params)[0] ?? null,
      details,
      remoteAddress: remoteAddressOf(req, this.config.auth.trustProxy),
      outcome: this.outcomeOf(error),
    });
  }

  /** Like `record`, but a failure to write is logged instead of thrown (a refusal is already the answer). */
  async recordRefusal(req: AuthRequest, policy: RoutePolicy | null, error: unknown): Promise<void> {
    try {
      await this.record(req, policy?.subject ?? 'Route', error);
    } catch (e) {
      this.logger.error(`cannot write the audit row of a refused ${req.method} ${routeOf(req)}`, e as Error);
    }
  }
}

/** The route's pattern (`/api/cases/:id/actions/:action`), never the concrete path with its ids. */
export function routeOf(req: AuthRequest): string {
  const route = (req as { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl ?? ''}${route.path}`;
  return (req.originalUrl ?? req.url).split('?')[0];
}
