import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@app/common';
import { abilityFor, AUTH_ERRORS, SessionService, TokenService, type Principal } from '@app/auth';
import { RequestAuditor } from '../audit-log/request-auditor';
import { SAFE_METHODS, SESSION_COOKIE, type AuthRequest } from './auth-request';
import { CsrfService } from './csrf.service';
import { POLICY_KEY, PUBLIC_KEY, type RoutePolicy } from './policy.decorator';

/**
 * The global guard: every route is @Public or checked against its @Policy with the caller's ability.
 * Credentials: `Authorization: Bearer <token>` (exempt from CSRF), else the session cookie (unsafe methods
 * need the CSRF token). No credentials: 401; the roles do not allow it: 403; a route without a policy is
 * refused for everyone (403, logged as the bug it is). Every refusal is written to the audit log.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly csrf: CsrfService,
    private readonly auditor: RequestAuditor,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<AuthRequest>();
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets)) return true;
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY_KEY, targets) ?? null;
    const refuse = async (error: DomainError): Promise<never> => {
      await this.auditor.recordRefusal(req, policy, error);
      throw error;
    };

    let principal: Principal | null;
    try {
      principal = await this.authenticate(req);
    } catch (e) {
      return refuse(e as DomainError);
    }
    if (!principal) {
      return refuse(
        new DomainError(AUTH_ERRORS.UNAUTHENTICATED, 'sign in, or send Authorization: Bearer <token>'),
      );
    }
    req.principal = principal;
    if (principal.via === 'session' && !SAFE_METHODS.has(req.method) && !this.csrf.valid(req)) {
      return refuse(
        new DomainError(
          AUTH_ERRORS.CSRF_INVALID,
          'missing or wrong X-CSRF-Token header (get one from GET /api/session/csrf)',
        ),
      );
    }
    if (!policy) {
      this.logger.error(`${req.method} ${req.originalUrl}: the route declares no @Policy; refused`);
      return refuse(new DomainError(AUTH_ERRORS.NO_POLICY, 'this route is not available'));
    }
    if (!abilityFor(principal).can(policy.action, policy.subject)) {
      return refuse(
        new DomainError(
          AUTH_ERRORS.FORBIDDEN,
          `your roles (${principal.roles.join(', ') || 'none'}) may not ${policy.action} ${policy.subject}`,
          { action: policy.action, subject: policy.subject },
        ),
      );
    }
    return true;
  }

  /** The principal of the request's bearer token or session cookie; null when it carries neither. */
  private async authenticate(req: AuthRequest): Promise<Principal | null> {
    const header = req.headers.authorization;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!m) {
        throw new DomainError(
          AUTH_ERRORS.UNAUTHENTICATED,
          'the Authorization header must be "Bearer <token>"',
        );
      }
      return this.tokens.resolve(m[1]);
    }
    const sessionId = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (typeof sessionId === 'string' && sessionId.length > 0) {
      const { principal, idHash } = await this.sessions.resolve(sessionId);
      req.sessionIdHash = idHash;
      return principal;
    }
    return null;
  }
}
