import { loadConfig } from './app-config';

describe('auth configuration', () => {
  it('defaults to 30-minute idle and 12-hour sessions, 5 failures → 15 minutes locked, 90-day tokens, no proxy', () => {
    expect(loadConfig({}).auth).toEqual({
      sessionIdleMs: 30 * 60_000,
      sessionMaxMs: 12 * 3_600_000,
      maxFailedLogins: 5,
      lockoutMs: 15 * 60_000,
      loginRatePerMinute: 10,
      tokenDefaultDays: 90,
      trustProxy: false,
      csrfSecret: null,
    });
  });

  it('reads each variable', () => {
    const auth = loadConfig({
      BIOAUDIT_SESSION_IDLE_MINUTES: '10',
      BIOAUDIT_SESSION_MAX_HOURS: '8',
      BIOAUDIT_LOGIN_MAX_FAILURES: '3',
      BIOAUDIT_LOGIN_LOCKOUT_MINUTES: '60',
      BIOAUDIT_LOGIN_RATE_PER_MINUTE: '20',
      BIOAUDIT_TOKEN_DEFAULT_DAYS: '30',
      BIOAUDIT_TRUST_PROXY: 'true',
      BIOAUDIT_CSRF_SECRET: 'x'.repeat(32),
    }).auth;
    expect(auth).toEqual({
      sessionIdleMs: 600_000,
      sessionMaxMs: 8 * 3_600_000,
      maxFailedLogins: 3,
      lockoutMs: 3_600_000,
      loginRatePerMinute: 20,
      tokenDefaultDays: 30,
      trustProxy: true,
      csrfSecret: 'x'.repeat(32),
    });
  });

  it('refuses bad values, naming every variable', () => {
    let message = '';
    try {
      loadConfig({
        BIOAUDIT_SESSION_IDLE_MINUTES: '0',
        BIOAUDIT_TRUST_PROXY: 'yes',
        BIOAUDIT_CSRF_SECRET: 'short',
        BIOAUDIT_TOKEN_DEFAULT_DAYS: '1000',
      });
    } catch (e) {
      message = (e as Error).message;
    }
    for (const name of [
      'BIOAUDIT_SESSION_IDLE_MINUTES',
      'BIOAUDIT_TRUST_PROXY',
      'BIOAUDIT_CSRF_SECRET',
      'BIOAUDIT_TOKEN_DEFAULT_DAYS',
    ]) {
      expect(message).toContain(name);
    }
  });
});
