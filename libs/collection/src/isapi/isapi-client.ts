import type { DeviceSecret } from '../credential-seal';
import { DigestTransport, terminalBaseUrl, type FetchedPage } from '../http/digest-transport';

/** The search path: the only path the client ever requests, on the registered base URL only. */
export const ACS_EVENT_SEARCH = '/ISAPI/AccessControl/AcsEvent?format=json';

/** The search condition of one page (`AcsEventCond`). */
export interface AcsEventCond {
  searchID: string;
  searchResultPosition: number;
  maxResults: number;
  major: number;
  minor: number;
  startTime: string;
  endTime: string;
}

export { terminalBaseUrl };
export type { FetchedPage };

/**
 * Asks one terminal for AcsEvent search pages over HTTP digest (the shared DigestTransport: one fresh
 * handshake on a stale nonce, COLLECT.AUTH_REJECTED / DEVICE_UNREACHABLE / DEVICE_ERROR otherwise). Redirects
 * are not followed and picture URLs in events are never requested: only `<baseUrl>/ISAPI/AccessControl/AcsEvent`.
 * A 200 returns its bytes unparsed.
 */
export class IsapiClient {
  private readonly transport: DigestTransport;
  readonly url: string;

  constructor(
    baseUrl: string,
    private readonly username: string,
    secret: DeviceSecret,
    timeoutMs: number,
  ) {
    this.url = `${terminalBaseUrl(baseUrl)}${ACS_EVENT_SEARCH}`;
    this.transport = new DigestTransport(username, secret, timeoutMs);
  }

  searchPage(cond: AcsEventCond, now: () => Date): Promise<FetchedPage> {
    return this.transport.fetch(
      this.url,
      {
        method: 'POST',
        content: Buffer.from(JSON.stringify({ AcsEventCond: cond }), 'utf8'),
        headers: { 'content-type': 'application/json' },
      },
      now,
    );
  }

  toJSON(): { url: string; username: string } {
    return { url: this.url, username: this.username };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `IsapiClient(${this.username} @ ${this.url})`;
  }
}
