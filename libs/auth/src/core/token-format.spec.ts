import { createHash } from 'node:crypto';
import {
  generateSessionId,
  generateToken,
  hashToken,
  isTokenShaped,
  sameDigest,
  TOKEN_PREFIX,
} from './token-format';

describe('bearer tokens', () => {
  it('are bioaudit_pat_ and 32 random bytes in base64url, stored as their SHA-256', () => {
    const bytes = Buffer.alloc(32, 0xfb);
    const { token, hash } = generateToken(() => bytes);
    expect(token).toBe(`${TOKEN_PREFIX}${bytes.toString('base64url')}`);
    expect(token).toMatch(/^bioaudit_pat_[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hash).not.toContain(bytes.toString('base64url'));
  });

  it('differ every time', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => generateToken().token));
    expect(tokens.size).toBe(100);
  });

  it('are recognised by shape before any lookup', () => {
    expect(isTokenShaped(generateToken().token)).toBe(true);
    expect(isTokenShaped('bioaudit_pat_short')).toBe(false);
    expect(isTokenShaped(`ghp_${'a'.repeat(43)}`)).toBe(false);
    expect(isTokenShaped(`${generateToken().token}x`)).toBe(false);
  });

  it('compare digests in constant time, refusing different lengths', () => {
    const h = hashToken('a');
    expect(sameDigest(h, hashToken('a'))).toBe(true);
    expect(sameDigest(h, hashToken('b'))).toBe(false);
    expect(sameDigest(h, h.slice(0, 62))).toBe(false);
  });
});

describe('session ids', () => {
  it('are 32 random bytes; the database keeps only their SHA-256', () => {
    const { id, hash } = generateSessionId(() => Buffer.alloc(32, 1));
    expect(id).toBe(Buffer.alloc(32, 1).toString('base64url'));
    expect(hash).toBe(hashToken(id));
  });
});
