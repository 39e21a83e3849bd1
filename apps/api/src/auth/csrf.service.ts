import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { doubleCsrf, type DoubleCsrfUtilities } from 'csrf-csrf';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { CSRF_COOKIE, isHttps, SESSION_COOKIE, type AuthRequest } from './auth-request';

/**
 * CSRF protection of cookie-authenticated requests (csrf-csrf's signed double submit): the token is an HMAC
 * of the session id, sent both in a cookie and in the X-CSRF-Token header; a forged cross-site request can
 * send the cookie but cannot read it to fill the header. Bearer requests carry no ambient credential and are
 * exempt.
 */
@Injectable()
export class CsrfService {
  private readonly csrf: DoubleCsrfUtilities;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // One random secret per process unless configured (several replicas must share it).
    const secret = config.auth.csrfSecret ?? randomBytes(32).toString('base64url');
    this.csrf = doubleCsrf({
      getSecret: () => secret,
      getSessionIdentifier: (req) => String((req.cookies as Record<string, string>)[SESSION_COOKIE] ?? ''),
      cookieName: CSRF_COOKIE,
      cookieOptions: { sameSite: 'strict', path: '/', secure: false, httpOnly: true },
      size: 32,
    });
  }

  /** A token for the session of `sessionId` (the request may not carry it yet: just signed in); sets the cookie. */
  issue(req: AuthRequest, res: Response, sessionId?: string): string {
    if (sessionId !== undefined) {
      req.cookies = { ...(req.cookies as Record<string, string>), [SESSION_COOKIE]: sessionId };
    }
    return this.csrf.generateCsrfToken(req, res, {
      overwrite: true,
      cookieOptions: { secure: isHttps(req, this.config.auth.trustProxy) },
    });
  }

  /** True when the request's header token matches its cookie and its session. */
  valid(req: AuthRequest): boolean {
    return this.csrf.validateRequest(req);
  }
}
