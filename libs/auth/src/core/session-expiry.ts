/** How long a browser session lives: since its last use, and at most since it began. */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

/** The times of a session that decide whether it is still alive. */
export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
}

/** True while the session is alive at `now` (neither idle too long nor older than the absolute limit). */
export function isSessionAlive(s: SessionTimes, now: Date, policy: SessionPolicy): boolean {
  const t = now.getTime();
  return t - s.lastSeenAt.getTime() < policy.idleMs && t - s.createdAt.getTime() < policy.absoluteMs;
}

/** When the session ends if unused from `now` on: the idle limit, capped by the absolute one. */
export function sessionExpiresAt(s: SessionTimes, now: Date, policy: SessionPolicy): Date {
  return new Date(Math.min(now.getTime() + policy.idleMs, s.createdAt.getTime() + policy.absoluteMs));
}
