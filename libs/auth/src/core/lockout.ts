/** How many wrong passwords in a row lock an account, and for how long. */
export interface LockoutPolicy {
  maxFailures: number;
  lockoutMs: number;
}

/** The lockout fields of an account. */
export interface LoginState {
  failedLogins: number;
  lockedUntil: Date | null;
}

/** True while the account is locked at `now`. */
export function isLocked(state: LoginState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/**
 * The state after a wrong password: one more failure; the Nth failure in a row locks the account for the
 * lockout period and starts the count again (so the next lock needs N more failures after it ends).
 */
export function afterFailure(state: LoginState, now: Date, policy: LockoutPolicy): LoginState {
  const failures = state.failedLogins + 1;
  if (failures >= policy.maxFailures) {
    return { failedLogins: 0, lockedUntil: new Date(now.getTime() + policy.lockoutMs) };
  }
  return { failedLogins: failures, lockedUntil: state.lockedUntil };
}

/** The state after a successful sign-in: no failures, no lock. */
export function afterSuccess(): LoginState {
  return { failedLogins: 0, lockedUntil: null };
}
