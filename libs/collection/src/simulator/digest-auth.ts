import { createHash, randomBytes } from 'node:crypto';

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

/** The parameters of an `Authorization: Digest …` header. */
export function parseDigestHeader(header: string): Record<string, string> | null {
  if (!header.startsWith('Digest ')) return null;
  const out: Record<string, string> = {};
  const re = /(\w+)=(?:"([^"]*)"|([^\s,]+))/g;
  for (let m = re.exec(header.slice(7)); m !== null; m = re.exec(header.slice(7))) {
    out[m[1]] = m[2] ?? m[3];
  }
  return out;
}

/**
 * The server side of HTTP digest authentication (RFC 7616, MD5, qop=auth), as face terminals speak it: every
 * challenge issues a fresh nonce; a response is checked against the nonces issued and the request's method
 * and URI. Test support: the terminal simulator's, never the client's (urllib does that side).
 */
export class DigestVerifier {
  private readonly nonces = new Set<string>();
  readonly opaque = randomBytes(8).toString('hex');

  constructor(
    readonly realm: string,
    private readonly username: string,
    private readonly password: string,
  ) {}

  /** A WWW-Authenticate value with a new nonce; `stale` says the old nonce expired, not the credentials. */
  challenge(stale = false): string {
    const nonce = randomBytes(16).toString('hex');
    this.nonces.add(nonce);
    if (this.nonces.size > 1000) this.nonces.delete(this.nonces.values().next().value as string);
    return `Digest realm="${this.realm}", qop="auth", nonce="${nonce}", opaque="${this.opaque}", algorithm="MD5"${stale ? ', stale="true"' : ''}`;
  }

  /** Whether the Authorization header proves the password for this method and URI. */
  verify(header: string | undefined, method: string, uri: string): boolean {
    const p = header ? parseDigestHeader(header) : null;
    if (!p || p.username !== this.username || p.realm !== this.realm || !this.nonces.has(p.nonce ?? '')) {
      return false;
    }
    if (p.uri !== uri) return false;
    const ha1 = md5(`${this.username}:${this.realm}:${this.password}`);
    const ha2 = md5(`${method.toUpperCase()}:${uri}`);
    const expected =
      p.qop === 'auth'
        ? md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`)
        : md5(`${ha1}:${p.nonce}:${ha2}`);
    return expected === p.response;
  }
}
