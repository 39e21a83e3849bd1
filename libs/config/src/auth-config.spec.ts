import { describeConfig, loadConfig } from './app-config';

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
      oidc: null,
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
      oidc: null,
    });
  });

  it('configures single sign-on from the issuer and client id, with defaults for the rest', () => {
    const base = { BIOAUDIT_OIDC_ISSUER: 'https://idp.zj.gov.cn/oidc', BIOAUDIT_OIDC_CLIENT_ID: 'bioaudit' };
    expect(loadConfig(base).auth.oidc).toEqual({
      issuer: 'https://idp.zj.gov.cn/oidc',
      clientId: 'bioaudit',
      clientSecret: null,
      redirectUrl: null,
      usernameClaim: 'preferred_username',
      name: null,
      scopes: 'openid profile',
    });
    const full = loadConfig({
      ...base,
      BIOAUDIT_OIDC_CLIENT_SECRET: 's3cret',
      BIOAUDIT_OIDC_REDIRECT_URL: 'https://bioaudit.amr.example/api/auth/sso/callback',
      BIOAUDIT_OIDC_USERNAME_CLAIM: 'employee_no',
      BIOAUDIT_OIDC_NAME: '政务统一身份认证',
      BIOAUDIT_OIDC_SCOPES: 'openid profile employee',
    });
    expect(full.auth.oidc).toEqual({
      issuer: 'https://idp.zj.gov.cn/oidc',
      clientId: 'bioaudit',
      clientSecret: 's3cret',
      redirectUrl: 'https://bioaudit.amr.example/api/auth/sso/callback',
      usernameClaim: 'employee_no',
      name: '政务统一身份认证',
      scopes: 'openid profile employee',
    });
    // The secret never shows in `bioaudit config`.
    expect(JSON.stringify(describeConfig(full))).not.toContain('s3cret');
    expect(describeConfig(full).sso).toMatchObject({ clientId: 'bioaudit', clientSecret: '***' });
    // http only on a loopback address (the tests' identity provider).
    expect(loadConfig({ ...base, BIOAUDIT_OIDC_ISSUER: 'http://127.0.0.1:4000' }).auth.oidc?.issuer).toBe(
      'http://127.0.0.1:4000',
    );
  });

  it.each([
    [{ BIOAUDIT_OIDC_ISSUER: 'https://idp.example' }, 'BIOAUDIT_OIDC_CLIENT_ID'],
    [{ BIOAUDIT_OIDC_CLIENT_ID: 'bioaudit' }, 'BIOAUDIT_OIDC_ISSUER'],
    [{ BIOAUDIT_OIDC_ISSUER: 'http://idp.example', BIOAUDIT_OIDC_CLIENT_ID: 'b' }, 'BIOAUDIT_OIDC_ISSUER'],
    [
      {
        BIOAUDIT_OIDC_ISSUER: 'https://idp.example',
        BIOAUDIT_OIDC_CLIENT_ID: 'b',
        BIOAUDIT_OIDC_REDIRECT_URL: 'https://bioaudit.example/callback',
      },
      'BIOAUDIT_OIDC_REDIRECT_URL',
    ],
    [
      {
        BIOAUDIT_OIDC_ISSUER: 'https://idp.example',
        BIOAUDIT_OIDC_CLIENT_ID: 'b',
        BIOAUDIT_OIDC_SCOPES: 'profile',
      },
      'BIOAUDIT_OIDC_SCOPES',
    ],
  ])('refuses a half or wrong single sign-on setting (%j)', (env, name) => {
    expect(() => loadConfig(env)).toThrow(name);
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
