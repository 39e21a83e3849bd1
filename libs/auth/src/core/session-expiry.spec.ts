import { isSessionAlive, sessionExpiresAt } from './session-expiry';

const policy = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
const t0 = new Date('2026-11-30T00:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe('session expiry', () => {
  it('ends a session unused for the idle period', () => {
    const s = { createdAt: t0, lastSeenAt: at(10) };
    expect(isSessionAlive(s, at(39), policy)).toBe(true);
    expect(isSessionAlive(s, at(40), policy)).toBe(false);
  });

  it('ends a session at the absolute limit however busy', () => {
    const s = { createdAt: t0, lastSeenAt: at(12 * 60 - 1) };
    expect(isSessionAlive(s, at(12 * 60 - 1), policy)).toBe(true);
    expect(isSessionAlive(s, at(12 * 60), policy)).toBe(false);
  });

  it('tells when the session ends if unused: the idle limit, capped by the absolute one', () => {
    expect(sessionExpiresAt({ createdAt: t0, lastSeenAt: t0 }, t0, policy)).toEqual(at(30));
    expect(sessionExpiresAt({ createdAt: t0, lastSeenAt: at(700) }, at(700), policy)).toEqual(at(720));
  });
});
