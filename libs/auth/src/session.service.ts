import { Inject, Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { UserSessionRepository, type AccountRow } from '@app/persistence';
import { AUTH_ERRORS } from './auth.errors';
import { isSessionAlive, sessionExpiresAt, type SessionPolicy } from './core/session-expiry';
import { generateSessionId, hashToken } from './core/token-format';
import type { Principal } from './principal';
import { principalOf } from './principal-of';

const TOUCH_INTERVAL_MS = 60_000;

/** Browser sessions: a random id in a cookie, its SHA-256 in the database, idle and absolute expiry. */
@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: UserSessionRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get policy(): SessionPolicy {
    return { idleMs: this.config.auth.sessionIdleMs, absoluteMs: this.config.auth.sessionMaxMs };
  }

  /** Starts a session for a signed-in account: the cookie's value (shown to nobody else) and its hash. */
  async start(
    account: AccountRow,
    remoteAddress: string | null,
  ): Promise<{ sessionId: string; idHash: string; expiresAt: Date }> {
    const now = this.clock.now();
    // Sessions nobody signed out of are removed here, so the table holds only live ones (no scheduler needed).
    await this.purgeExpired();
    const { id, hash } = generateSessionId();
    await this.sessions.insert({
      idHash: hash,
      userId: account.id,
      createdAt: now,
      lastSeenAt: now,
      remoteAddress,
    });
    return {
      sessionId: id,
      idHash: hash,
      expiresAt: sessionExpiresAt({ createdAt: now, lastSeenAt: now }, now, this.policy),
    };
  }

  /** The principal of a session cookie; a session past its idle or absolute limit is removed (401). */
  async resolve(sessionId: string): Promise<{ principal: Principal; idHash: string }> {
    const idHash = hashToken(sessionId);
    const found = await this.sessions.byHash(idHash);
    if (!found) throw new DomainError(AUTH_ERRORS.SESSION_EXPIRED, 'no such session: sign in again');
    const now = this.clock.now();
    if (!isSessionAlive(found.session, now, this.policy)) {
      await this.sessions.delete(idHash);
      throw new DomainError(AUTH_ERRORS.SESSION_EXPIRED, 'the session has expired: sign in again');
    }
    if (found.account.disabled) {
      await this.sessions.delete(idHash);
      throw new DomainError(AUTH_ERRORS.UNAUTHENTICATED, 'the account is disabled');
    }
    // Written at most once a minute: the idle limit is counted in minutes, and a page's burst of requests
    // should not write the row each time.
    if (now.getTime() - found.session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      await this.sessions.touch(idHash, now);
    }
    return { principal: principalOf(found.account, 'session'), idHash };
  }

  /** Ends a session (signing out); unknown ids are ignored. */
  async end(sessionId: string): Promise<void> {
    await this.sessions.delete(hashToken(sessionId));
  }

  /** Removes the sessions that have expired; returns how many. */
  async purgeExpired(): Promise<number> {
    const now = this.clock.now().getTime();
    return this.sessions.deleteExpired(
      new Date(now - this.policy.idleMs),
      new Date(now - this.policy.absoluteMs),
    );
  }
}
