import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { DigestVerifier } from './digest-auth';
import { SeededRandom } from './seeded-random';

/** The path of the recordFinder CGI. */
export const RECORD_FINDER_PATH = '/cgi-bin/recordFinder.cgi';

/** `Method` as the CGI reports it: 15 is a face; 6 (card) and 21 (fingerprint, as one simulator maps it) are not. */
export const DAHUA_FACE_METHOD = 15;
const OTHER_METHODS: readonly number[] = [6, 6, 21, 0];

/** One access-control record the terminal holds. */
export interface DahuaSimulatedRecord {
  recNo: number;
  method: number;
  /** The real instant of the event (whole seconds). */
  at: Date;
  /** `CreateTime`: the terminal's wall clock (its zone, plus any skew) counted as if it were UTC. */
  createTime: number;
  /** Whether the record carries `CreateTimeRealUTC` (newer firmware). */
  realUtc: boolean;
  /** From when a search can find it (a record written late is invisible until then). */
  visibleFrom: Date;
  userId: string | null;
  status: 0 | 1;
  /** Whether the ingestion adapter counts it as a face capture (Method 15). */
  face: boolean;
}

/** Faults as the ISAPI simulator's, where they apply to a CGI: no answer, 503, a stale nonce, a cut body. */
export type DahuaFaultKind = 'timeout' | 'server-error' | 'stale-nonce' | 'truncated';

/** When a fault fires: on the listed authenticated find requests (1-based), or with a probability. */
export interface DahuaFaultRule {
  kind: DahuaFaultKind;
  onRequests?: readonly number[];
  probability?: number;
}

export interface DahuaSimulatorOptions {
  seed?: number;
  /** Records the terminal already holds, the first at `from`, about `spacingMs` apart. */
  records?: number;
  from?: Date;
  spacingMs?: number;
  /** The terminal's zone: CreateTime counts its wall clock (default Asia/Shanghai). */
  zone?: string;
  username?: string;
  password?: string;
  /** The most records an answer holds whatever `count` asks, without saying so (default 100). */
  countCap?: number;
  /** The time the terminal's searches see (default the system clock). */
  now?: () => Date;
  /** How long a `timeout` fault holds the request before dropping it (default 5 s). */
  holdMs?: number;
  /** Share of face records among generated ones (default 0.6). */
  faceShare?: number;
}

/** One request the terminal received, for tests that prove what the client asked. */
export interface DahuaSimulatorRequest {
  method: string;
  url: string;
  authorized: boolean;
  /** The ordinal of an authenticated find request (what fault rules count). */
  ordinal: number | null;
  /** The RecNos of the records the answer held (whole or cut), null when there was no answer of records. */
  answered: number[] | null;
}

/**
 * A Dahua face terminal on loopback answering `GET /cgi-bin/recordFinder.cgi?action=find&name=AccessControlCardRec`
 * with digest authentication, as plain `found=N` / `records[i].Field=value` text (CRLF), oldest first, no
 * offset: seeded records (Method 15 faces, card and fingerprint), monotonic RecNo, CreateTime on the device's
 * wall clock, CreateTimeRealUTC on some, device-local snapshot URLs, a silent `count` cap, and faults by
 * request number or seeded probability. Used by the specs.
 */
export class DahuaTerminalSimulator {
  private readonly rand: SeededRandom;
  private faultRand: SeededRandom;
  private readonly list: DahuaSimulatedRecord[] = [];
  private readonly digest: DigestVerifier;
  private readonly cap: number;
  private readonly zone: string;
  private readonly clock: () => Date;
  private readonly holdMs: number;
  private readonly faceShare: number;
  private faults: DahuaFaultRule[] = [];
  private server: Server | null = null;
  private base = '';
  private ordinal = 0;
  private nextRecNo = 1001;
  private readonly held = new Set<NodeJS.Timeout>();
  readonly requests: DahuaSimulatorRequest[] = [];

  constructor(options: DahuaSimulatorOptions = {}) {
    this.rand = new SeededRandom(options.seed ?? 1);
    this.faultRand = new SeededRandom((options.seed ?? 1) ^ 0x5eed);
    this.digest = new DigestVerifier(
      'Login to DH-ASI-SIM',
      options.username ?? 'admin',
      options.password ?? 'sim-pass-1',
    );
    this.cap = options.countCap ?? 100;
    this.zone = options.zone ?? 'Asia/Shanghai';
    this.clock = options.now ?? (() => new Date());
    this.holdMs = options.holdMs ?? 5_000;
    this.faceShare = options.faceShare ?? 0.6;
    if ((options.records ?? 0) > 0) {
      this.addRecords(options.records!, {
        from: options.from ?? new Date('2025-03-01T00:00:00Z'),
        spacingMs: options.spacingMs ?? 60_000,
      });
    }
  }

  /**
   * Writes `count` new records (RecNo continuing) from `from` about `spacingMs` apart (0: all in one second),
   * on a clock `skewMs` off, visible `lateByMs` after their time; `face` forces every one to be a face or not.
   */
  addRecords(
    count: number,
    o: { from: Date; spacingMs?: number; skewMs?: number; lateByMs?: number; face?: boolean },
  ): DahuaSimulatedRecord[] {
    const spacing = o.spacingMs ?? 60_000;
    const out: DahuaSimulatedRecord[] = [];
    for (let i = 0; i < count; i++) {
      const real = o.from.getTime() + i * spacing + this.rand.below(Math.max(1, Math.floor(spacing / 2)));
      const at = new Date(Math.floor(real / 1000) * 1000);
      const face = o.face ?? this.rand.next() < this.faceShare;
      const method = face ? DAHUA_FACE_METHOD : this.rand.pick(OTHER_METHODS);
      const known = !face || this.rand.next() < 0.8;
      const stamped = DateTime.fromMillis(at.getTime() + (o.skewMs ?? 0), { zone: this.zone });
      const r: DahuaSimulatedRecord = {
        recNo: this.nextRecNo++,
        method,
        at,
        createTime: stamped.toSeconds() + stamped.offset * 60,
        realUtc: this.rand.next() < 0.5,
        visibleFrom: new Date(real + (o.lateByMs ?? 0)),
        userId: known ? String(2000 + this.rand.below(300)) : null,
        status: known ? 1 : 0,
        face,
      };
      this.list.push(r);
      out.push(r);
    }
    return out;
  }

  /** Every record the terminal holds, visible or not. */
  records(): readonly DahuaSimulatedRecord[] {
    return this.list;
  }

  /** The face records (Method 15), which a collection must store exactly once each. */
  faceRecords(): DahuaSimulatedRecord[] {
    return this.list.filter((r) => r.face);
  }

  /** Replaces the fault rules; probabilities draw from a generator seeded with `seed`. */
  setFaults(rules: readonly DahuaFaultRule[], seed = 7): void {
    this.faults = [...rules];
    this.faultRand = new SeededRandom(seed);
  }

  /** How many authenticated find requests have been answered or faulted so far. */
  get findRequests(): number {
    return this.ordinal;
  }

  /** Listens on loopback, on `port` or any free port. */
  async start(port = 0): Promise<{ url: string }> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    this.server = server;
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url: this.base };
  }

  get url(): string {
    return this.base;
  }

  async stop(): Promise<void> {
    for (const t of this.held) clearTimeout(t);
    this.held.clear();
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for await (const _ of req) {
      // A GET has no body; drain whatever came.
    }
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const authorized = this.digest.verify(req.headers.authorization, method, url);
    const entry: DahuaSimulatorRequest = { method, url, authorized, ordinal: null, answered: null };
    this.requests.push(entry);
    if (!authorized) {
      res.writeHead(401, { 'www-authenticate': this.digest.challenge(), 'content-type': 'text/plain' });
      res.end('Error\r\nUnauthorized!\r\n');
      return;
    }
    const q = new URL(url, 'http://terminal');
    if (
      method !== 'GET' ||
      q.pathname !== RECORD_FINDER_PATH ||
      q.searchParams.get('action') !== 'find' ||
      q.searchParams.get('name') !== 'AccessControlCardRec'
    ) {
      return this.error(res, 400, 'Bad Request!');
    }
    entry.ordinal = ++this.ordinal;
    const fired = this.faultsFor(entry.ordinal);
    if (fired.has('timeout')) {
      const t = setTimeout(() => {
        this.held.delete(t);
        req.socket.destroy();
      }, this.holdMs);
      this.held.add(t);
      return;
    }
    if (fired.has('server-error')) return this.error(res, 503, 'Service Unavailable');
    if (fired.has('stale-nonce')) {
      res.writeHead(401, { 'www-authenticate': this.digest.challenge(true), 'content-type': 'text/plain' });
      res.end('Error\r\nUnauthorized!\r\n');
      return;
    }
    const page = this.find(q.searchParams);
    if (page === null) return this.error(res, 400, 'Bad Request!');
    entry.answered = page.map((r) => r.recNo);
    const bytes = Buffer.from(this.text(page), 'utf8');
    this.send(res, fired.has('truncated') ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes);
  }

  private faultsFor(ordinal: number): Set<DahuaFaultKind> {
    const fired = new Set<DahuaFaultKind>();
    for (const r of this.faults) {
      const draw = r.probability !== undefined ? this.faultRand.next() < r.probability : false;
      if (r.onRequests?.includes(ordinal) || draw) fired.add(r.kind);
    }
    return fired;
  }

  private find(p: URLSearchParams): DahuaSimulatedRecord[] | null {
    const num = (k: string, dflt: number): number | null => {
      const v = p.get(k);
      if (v === null) return dflt;
      return /^\d+$/.test(v) ? Number(v) : null;
    };
    const start = num('StartTime', 0);
    const end = num('EndTime', Number.MAX_SAFE_INTEGER);
    const count = num('count', 1024);
    if (start === null || end === null || count === null) return null;
    const now = this.clock().getTime();
    return this.list
      .filter((r) => r.visibleFrom.getTime() <= now && r.createTime >= start && r.createTime <= end)
      .sort((a, b) => a.createTime - b.createTime || a.recNo - b.recNo)
      .slice(0, Math.min(count, this.cap));
  }

  private text(page: DahuaSimulatedRecord[]): string {
    const lines = [`found=${page.length}`];
    page.forEach((r, i) => {
      for (const [k, v] of this.fields(r)) lines.push(`records[${i}].${k}=${v}`);
    });
    return `${lines.join('\r\n')}\r\n`;
  }

  private fields(r: DahuaSimulatedRecord): [string, string | number][] {
    const wall = DateTime.fromSeconds(r.createTime, { zone: 'UTC' });
    return [
      ['AttendanceState', 0],
      ['CardName', r.userId === null ? '' : `Person ${r.userId}`],
      ['CardNo', r.method === 6 ? `00000${r.recNo}` : ''],
      ['CardType', 0],
      ['CreateTime', r.createTime],
      ...(r.realUtc ? ([['CreateTimeRealUTC', r.at.getTime() / 1000]] as [string, number][]) : []),
      ['Door', 0],
      ['ErrorCode', r.status === 1 ? 0 : 16],
      ['Mask', r.face ? 'false' : ''],
      ['Method', r.method],
      ['Password', ''],
      ['ReaderID', 1],
      ['RecNo', r.recNo],
      ['Status', r.status],
      ['Type', 'Entry'],
      [
        'URL',
        r.face
          ? `/SnapShotFilePath/${wall.toFormat('yyyy-MM-dd/HH/mm')}/${r.userId ?? 'stranger'}_${r.recNo}.jpg`
          : '',
      ],
      ['UserID', r.userId ?? ''],
      ['UserType', 0],
    ];
  }

  private send(res: ServerResponse, body: Buffer): void {
    res.writeHead(200, { 'content-type': 'text/plain;charset=utf-8', 'content-length': body.length });
    res.end(body);
  }

  private error(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(`Error\r\n${text}\r\n`);
  }
}
