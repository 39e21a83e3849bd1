import { HttpClient } from 'urllib';
import { COLLECTION_ERRORS, CollectionError } from '../collection.errors';
import type { DeviceSecret } from '../credential-seal';

/** A page as received: the raw bytes (evidence, whatever they hold) and when. */
export interface FetchedPage {
  url: string;
  status: number;
  body: Buffer;
  fetchedAt: Date;
}

/** One request a terminal client makes: the method, and the body of a POST. */
export interface TerminalRequest {
  method: 'GET' | 'POST';
  content?: Buffer;
  headers?: Record<string, string>;
}

/**
 * Checks a terminal's base URL: http or https, a host and optional port, nothing else (no credentials, path,
 * query or fragment), so the one URL a client builds from it cannot point anywhere but the terminal.
 * Returns the normalised origin; throws COLLECT.BAD_INPUT naming `--url`.
 */
export function terminalBaseUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new CollectionError(COLLECTION_ERRORS.BAD_INPUT, `--url ${JSON.stringify(raw)} is not a URL`, {
      field: 'url',
    });
  }
  if (
    (u.protocol !== 'http:' && u.protocol !== 'https:') ||
    u.username ||
    u.password ||
    u.search ||
    u.hash ||
    u.pathname !== '/'
  ) {
    throw new CollectionError(
      COLLECTION_ERRORS.BAD_INPUT,
      '--url must be http(s)://host[:port] with no path, query or user',
      { field: 'url' },
    );
  }
  return u.origin;
}

/**
 * HTTP digest transport shared by the terminal clients (urllib does the handshake). Redirects are not followed
 * and nothing is retried here (the collector retries pages). A 401 to a digest answer (a nonce gone stale
 * between challenge and answer) gets one fresh handshake; a second 401 is COLLECT.AUTH_REJECTED. Timeouts and
 * connection failures are COLLECT.DEVICE_UNREACHABLE, other non-200 statuses COLLECT.DEVICE_ERROR; a 200
 * returns its bytes unparsed.
 */
export class DigestTransport {
  readonly #secret: DeviceSecret;
  private readonly http: HttpClient;

  constructor(
    readonly username: string,
    secret: DeviceSecret,
    private readonly timeoutMs: number,
  ) {
    this.#secret = secret;
    this.http = new HttpClient({ connect: { timeout: timeoutMs } });
  }

  async fetch(url: string, req: TerminalRequest, now: () => Date): Promise<FetchedPage> {
    let res = await this.once(url, req);
    if (res.status === 401) res = await this.once(url, req);
    if (res.status === 401) {
      throw new CollectionError(
        COLLECTION_ERRORS.AUTH_REJECTED,
        `${url} refused the credentials of ${this.username} after a fresh digest handshake`,
        { url },
      );
    }
    if (res.status !== 200) {
      throw new CollectionError(
        COLLECTION_ERRORS.DEVICE_ERROR,
        `${url} answered HTTP ${res.status}${res.status >= 300 && res.status < 400 ? ' (redirects are not followed)' : ''}`,
        { url, status: res.status },
      );
    }
    return { url, status: res.status, body: res.body, fetchedAt: now() };
  }

  private async once(url: string, req: TerminalRequest): Promise<{ status: number; body: Buffer }> {
    try {
      const res = await this.http.request<Buffer>(url, {
        method: req.method,
        ...(req.content !== undefined ? { content: req.content } : {}),
        ...(req.headers !== undefined ? { headers: req.headers } : {}),
        digestAuth: `${this.username}:${this.#secret.reveal()}`,
        timeout: this.timeoutMs,
        followRedirect: false,
        maxRedirects: 0,
        retry: 0,
        socketErrorRetry: 0,
        dataType: 'buffer',
      });
      return { status: res.status, body: Buffer.isBuffer(res.data) ? res.data : Buffer.from(res.data ?? '') };
    } catch (e) {
      const err = e as Error & { code?: string };
      const timedOut = /timeout/i.test(err.name) || /timeout/i.test(err.message);
      throw new CollectionError(
        COLLECTION_ERRORS.DEVICE_UNREACHABLE,
        `${url} ${timedOut ? `did not answer within ${this.timeoutMs} ms` : `could not be reached (${err.code ?? err.name})`}`,
        { url, timedOut },
      );
    }
  }

  toJSON(): { username: string } {
    return { username: this.username };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `DigestTransport(${this.username})`;
  }
}
