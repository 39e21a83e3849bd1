import type { DeviceSecret } from '../credential-seal';
import type { RecordFinderQuery } from '../core/dahua-record-pager';
import { DigestTransport, terminalBaseUrl, type FetchedPage } from '../http/digest-transport';

/** The CGI the client asks: only this path, on the registered base URL only. */
export const RECORD_FINDER_CGI = '/cgi-bin/recordFinder.cgi';

/**
 * Asks one Dahua terminal for access-control records
 * (`GET /cgi-bin/recordFinder.cgi?action=find&name=AccessControlCardRec&StartTime=…&EndTime=…&count=N`) over
 * HTTP digest, through the transport the ISAPI client uses (one fresh handshake on a stale nonce,
 * COLLECT.AUTH_REJECTED / DEVICE_UNREACHABLE / DEVICE_ERROR). Snapshot `URL`s in records are never requested.
 * A 200 returns its bytes unparsed.
 */
export class DahuaClient {
  private readonly transport: DigestTransport;
  readonly base: string;

  constructor(
    baseUrl: string,
    private readonly username: string,
    secret: DeviceSecret,
    timeoutMs: number,
  ) {
    this.base = terminalBaseUrl(baseUrl);
    this.transport = new DigestTransport(username, secret, timeoutMs);
  }

  /** The exact URL of one query (also the custody's `url`). */
  urlOf(q: RecordFinderQuery): string {
    return `${this.base}${RECORD_FINDER_CGI}?action=find&name=AccessControlCardRec&StartTime=${q.startTime}&EndTime=${q.endTime}&count=${q.count}`;
  }

  findPage(q: RecordFinderQuery, now: () => Date): Promise<FetchedPage> {
    return this.transport.fetch(this.urlOf(q), { method: 'GET' }, now);
  }

  toJSON(): { url: string; username: string } {
    return { url: this.base, username: this.username };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `DahuaClient(${this.username} @ ${this.base})`;
  }
}
