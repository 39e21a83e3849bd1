import { afterFailure, afterSuccess, isLocked, type LoginState } from './lockout';

const policy = { maxFailures: 3, lockoutMs: 15 * 60_000 };
const t0 = new Date('2026-11-30T08:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe('lockout', () => {
  it('locks on the Nth wrong password in a row, for the lockout period', () => {
    let s: LoginState = afterSuccess();
    s = afterFailure(s, t0, policy);
    s = afterFailure(s, t0, policy);
    expect(s).toEqual({ failedLogins: 2, lockedUntil: null });
    expect(isLocked(s, t0)).toBe(false);
    s = afterFailure(s, at(1), policy);
    expect(s).toEqual({ failedLogins: 0, lockedUntil: at(16) });
    expect(isLocked(s, at(15))).toBe(true);
    expect(isLocked(s, at(16))).toBe(false);
  });

  it('needs N more failures after a lock ends to lock again', () => {
    let s: LoginState = { failedLogins: 0, lockedUntil: at(16) };
    s = afterFailure(s, at(20), policy);
    expect(isLocked(s, at(20))).toBe(false);
    s = afterFailure(afterFailure(s, at(20), policy), at(21), policy);
    expect(s.lockedUntil).toEqual(at(36));
  });

  it('starts again from nothing after a successful sign-in', () => {
    expect(afterSuccess()).toEqual({ failedLogins: 0, lockedUntil: null });
  });
});
