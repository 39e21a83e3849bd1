import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { DomainError } from '@app/common';
import { AUTH_ERRORS } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { RequestAuditor } from '../audit-log/request-auditor';
import { remoteAddressOf, type AuthRequest } from './auth-request';

/** The throttler's name for sign-in attempts (per client address, BIOAUDIT_LOGIN_RATE_PER_MINUTE). */
export const LOGIN_THROTTLER = 'login';

/**
 * Rate-limits sign-in by client address (the proxy's view when it is trusted), answering AUTH.RATE_LIMITED
 * (429) and writing the refusal to the audit log. The account lockout is the other half: it counts per
 * account, whatever the address. The counts live in this process (one API process; behind several, each
 * counts its own).
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly auditor: RequestAuditor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(options, storage, reflector);
  }

  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const address = remoteAddressOf(req as unknown as AuthRequest, this.config.auth.trustProxy);
    return Promise.resolve(address ?? 'unknown');
  }

  protected override async throwThrottlingException(
    ctx: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const error = new DomainError(AUTH_ERRORS.RATE_LIMITED, 'too many sign-in attempts: wait a minute', {
      retryAfterSeconds: Math.ceil(detail.timeToBlockExpire),
    });
    await this.auditor.recordRefusal(ctx.switchToHttp().getRequest<AuthRequest>(), null, error);
    throw error;
  }
}
