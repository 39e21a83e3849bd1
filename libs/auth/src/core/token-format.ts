import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every bearer token starts with this, so a leaked one is recognisable (secret scanners, logs). */
export const TOKEN_PREFIX = 'bioaudit_pat_';

/** 32 random bytes in base64url: 43 characters. */
const TOKEN_PATTERN = /^bioaudit_pat_[A-Za-z0-9_-]{43}$/;

/** A new bearer token (shown once) and the SHA-256 that is all the database keeps of it. */
export function generateToken(random: (n: number) => Buffer = randomBytes): { token: string; hash: string } {
  const token = `${TOKEN_PREFIX}${random(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

/**
 * SHA-256 (hex) of a token or session id. A plain hash is enough here (unlike passwords): the input is 256
 * random bits, so there is nothing to guess, and a lookup by hash must be a single indexed equality.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True when `value` has the shape of a bioaudit token (checked before any database lookup). */
export function isTokenShaped(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** Equality of two hex digests in constant time. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A new random session id (the cookie's value) and its hash (the row's key). */
export function generateSessionId(random: (n: number) => Buffer = randomBytes): { id: string; hash: string } {
  const id = random(32).toString('base64url');
  return { id, hash: hashToken(id) };
}
