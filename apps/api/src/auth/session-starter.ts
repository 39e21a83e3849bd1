import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { AccountService, SessionService, type Principal } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { AccountRow } from '@app/persistence';
import { isHttps, remoteAddressOf, SESSION_COOKIE, type AuthRequest } from './auth-request';
import { CsrfService } from './csrf.service';

/**
 * The one way a browser session begins, whoever vouched for the person (a password, an identity provider): the
 * session row, its cookie, a CSRF token, and the principal on the request for its audit row.
 */
@Injectable()
export class SessionStarter {
  constructor(
    private readonly accounts: AccountService,
    private readonly sessions: SessionService,
    private readonly csrf: CsrfService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(
    account: AccountRow,
    req: AuthRequest,
    res: Response,
  ): Promise<{ principal: Principal; csrfToken: string }> {
    const trust = this.config.auth.trustProxy;
    const { sessionId, idHash } = await this.sessions.start(account, remoteAddressOf(req, trust));
    res.cookie(SESSION_COOKIE, sessionId, {
      httpOnly: true,
      sameSite: 'strict',
      secure: isHttps(req, trust),
      path: '/',
      // A browser-session cookie: the server decides expiry (idle and absolute), the browser drops it on exit.
    });
    const principal = this.accounts.principalOf(account, 'session');
    // The audit row of this request names who signed in.
    req.principal = principal;
    req.sessionIdHash = idHash;
    return { principal, csrfToken: this.csrf.issue(req, res, sessionId) };
  }
}
