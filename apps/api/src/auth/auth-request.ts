import type { Request } from 'express';
import type { Principal } from '@app/auth';

/** A request as the guard leaves it: the caller, and the session it came with (when it came with one). */
export interface AuthRequest extends Request {
  principal?: Principal;
  /** SHA-256 of the session cookie's id, when the caller is signed in by session. */
  sessionIdHash?: string;
  /** Set once the request's audit row is written (a refusal by a guard), so it is not written twice. */
  audited?: boolean;
  /** On a sign-in request: how the person signs in (the audit row says so). */
  signInMethod?: 'password' | 'sso';
  /** A single sign-on refused after the identity provider named someone: the name it gave (for the audit row). */
  claimedUsername?: string;
}

/** The name of the browser session cookie (HttpOnly, SameSite=Strict, Secure over https). */
export const SESSION_COOKIE = 'bioaudit_session';
/** The CSRF cookie of the double-submit pattern; the token goes back in the X-CSRF-Token header. */
export const CSRF_COOKIE = 'bioaudit_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/**
 * The single sign-on transaction (state, nonce, PKCE verifier) between leaving for the identity provider and its
 * callback: HttpOnly, SameSite=Lax (the callback is a cross-site navigation, which a Strict cookie would miss),
 * only sent to the SSO routes, ten minutes.
 */
export const SSO_COOKIE = 'bioaudit_sso';
export const SSO_COOKIE_PATH = '/api/auth/sso';

/** Methods that change nothing: no CSRF token needed, no audit row unless the route reads personal data. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The client's address. With one trusted reverse proxy (BIOAUDIT_TRUST_PROXY=true), the last entry of
 * X-Forwarded-For — the address the proxy itself saw; the entries before it are whatever the client sent.
 * Otherwise the socket's peer, whatever the headers say.
 */
export function remoteAddressOf(req: Request, trustProxy: boolean): string | null {
  if (trustProxy) {
    const xff = req.headers['x-forwarded-for'];
    const value = Array.isArray(xff) ? xff.join(',') : xff;
    const last = value
      ?.split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
      .pop();
    if (last) return last;
  }
  return req.socket?.remoteAddress ?? null;
}

/** Whether the client reached us over https (the proxy's X-Forwarded-Proto only when it is trusted). */
export function isHttps(req: Request, trustProxy: boolean): boolean {
  if (req.protocol === 'https') return true;
  if (!trustProxy) return false;
  const proto = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim();
  return first === 'https';
}
