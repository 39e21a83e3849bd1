/**
 * Error codes of @app/auth. Each code's intended HTTP status is in AUTH_ERROR_STATUS (the API's one mapping
 * table reads it; the CLI maps the codes to exit codes).
 */
export const AUTH_ERRORS = {
  /** No credentials, or a bearer token / session cookie that matches nothing (401). */
  UNAUTHENTICATED: 'AUTH.UNAUTHENTICATED',
  /**
   * Sign-in or password change refused: unknown user, wrong password, disabled or locked account — one message
   * for all, so the answer never tells whether an account exists (401).
   */
  BAD_CREDENTIALS: 'AUTH.BAD_CREDENTIALS',
  /** A bearer token past its expiry (401). */
  TOKEN_EXPIRED: 'AUTH.TOKEN_EXPIRED',
  /** A bearer token that was revoked (401). */
  TOKEN_REVOKED: 'AUTH.TOKEN_REVOKED',
  /** A session past its idle or absolute expiry, or signed out (401). */
  SESSION_EXPIRED: 'AUTH.SESSION_EXPIRED',
  /** The caller's roles do not allow the route's action on its subject (403). */
  FORBIDDEN: 'AUTH.FORBIDDEN',
  /** A route that declares no policy: refused for everyone, never let through (403; a bug, logged). */
  NO_POLICY: 'AUTH.NO_POLICY',
  /** A cookie-authenticated unsafe request without a valid CSRF token (403). */
  CSRF_INVALID: 'AUTH.CSRF_INVALID',
  /** An account or token that does not exist or is outside the caller's scope (404). */
  NOT_FOUND: 'AUTH.NOT_FOUND',
  /** The username is already taken (409). */
  USERNAME_TAKEN: 'AUTH.USERNAME_TAKEN',
  /** Roles, region, firm or certificate that break the account rules (docs/api.md "Roles") (422). */
  INVALID_ACCOUNT: 'AUTH.INVALID_ACCOUNT',
  /** A new password shorter than the minimum or equal to the username (422). */
  WEAK_PASSWORD: 'AUTH.WEAK_PASSWORD',
  /** A token lifetime that is not `<n>d`, `<n>h` or `<n>m` within the allowed range (422; CLI: usage). */
  BAD_DURATION: 'AUTH.BAD_DURATION',
  /** Too many sign-in attempts from this address in the window (429). */
  RATE_LIMITED: 'AUTH.RATE_LIMITED',
  /** Single sign-on is not configured (BIOAUDIT_OIDC_ISSUER, BIOAUDIT_OIDC_CLIENT_ID) (404). */
  SSO_NOT_CONFIGURED: 'AUTH.SSO_NOT_CONFIGURED',
  /**
   * A single sign-on callback that does not belong to a sign-in this browser started: no or an expired
   * transaction, a state that differs, a callback used twice (400).
   */
  SSO_STATE_INVALID: 'AUTH.SSO_STATE_INVALID',
  /** The identity provider refused (the person cancelled), or its answer failed validation (401). */
  SSO_REFUSED: 'AUTH.SSO_REFUSED',
  /** The identity provider named a person with no bioaudit account (accounts are made by an admin, never by SSO) (403). */
  SSO_NO_ACCOUNT: 'AUTH.SSO_NO_ACCOUNT',
  /** The identity provider named a person whose bioaudit account is disabled (403). */
  SSO_ACCOUNT_DISABLED: 'AUTH.SSO_ACCOUNT_DISABLED',
  /** The identity provider cannot be reached (its discovery document or token endpoint) (503). */
  SSO_UNAVAILABLE: 'AUTH.SSO_UNAVAILABLE',
} as const;
export type AuthErrorCode = (typeof AUTH_ERRORS)[keyof typeof AUTH_ERRORS];

/** The HTTP status each code is meant to produce (one entry per code, so a new code does not compile unmapped). */
export const AUTH_ERROR_STATUS: Readonly<Record<AuthErrorCode, number>> = {
  'AUTH.UNAUTHENTICATED': 401,
  'AUTH.BAD_CREDENTIALS': 401,
  'AUTH.TOKEN_EXPIRED': 401,
  'AUTH.TOKEN_REVOKED': 401,
  'AUTH.SESSION_EXPIRED': 401,
  'AUTH.FORBIDDEN': 403,
  'AUTH.NO_POLICY': 403,
  'AUTH.CSRF_INVALID': 403,
  'AUTH.NOT_FOUND': 404,
  'AUTH.USERNAME_TAKEN': 409,
  'AUTH.INVALID_ACCOUNT': 422,
  'AUTH.WEAK_PASSWORD': 422,
  'AUTH.BAD_DURATION': 422,
  'AUTH.RATE_LIMITED': 429,
  'AUTH.SSO_NOT_CONFIGURED': 404,
  'AUTH.SSO_STATE_INVALID': 400,
  'AUTH.SSO_REFUSED': 401,
  'AUTH.SSO_NO_ACCOUNT': 403,
  'AUTH.SSO_ACCOUNT_DISABLED': 403,
  'AUTH.SSO_UNAVAILABLE': 503,
};

/** True for a code of this catalogue. */
export function isAuthErrorCode(code: string): code is AuthErrorCode {
  return Object.prototype.hasOwnProperty.call(AUTH_ERROR_STATUS, code);
}
