import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, concatMap, from, mergeMap, throwError, type Observable } from 'rxjs';
import type { PolicySubject } from '@app/auth';
import { SAFE_METHODS, type AuthRequest } from '../auth/auth-request';
import { POLICY_KEY, type RoutePolicy } from '../auth/policy.decorator';
import { AUDIT_READ_KEY } from './audit-read.decorator';
import { RequestAuditor } from './request-auditor';

/**
 * Audits every request that changes anything (any method but GET, HEAD, OPTIONS) and every read of a route
 * marked @AuditRead: one row when the handler has answered (ok) or failed (refused/error), written before
 * the response leaves. Refusals by the guard are written by the guard (guards run before interceptors).
 */
@Injectable()
export class AuditLogInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly auditor: RequestAuditor,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<AuthRequest>();
    const targets = [ctx.getHandler(), ctx.getClass()];
    const readSubject = this.reflector.getAllAndOverride<PolicySubject | undefined>(AUDIT_READ_KEY, targets);
    if (SAFE_METHODS.has(req.method) && readSubject === undefined) return next.handle();
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY_KEY, targets);
    const subject = readSubject ?? policy?.subject ?? 'Route';
    return next.handle().pipe(
      concatMap((body: unknown) => from(this.auditor.record(req, subject, null).then(() => body))),
      // The handler's own error is the answer, whether or not its audit row could be written.
      catchError((error: unknown) =>
        from(this.auditor.record(req, subject, error).catch(() => undefined)).pipe(
          mergeMap(() => throwError(() => error)),
        ),
      ),
    );
  }
}
