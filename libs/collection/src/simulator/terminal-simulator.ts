import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { DigestVerifier } from './digest-auth';
import { SeededRandom } from './seeded-random';

/** The search path of the ISAPI access-control event search. */
export const ACS_EVENT_PATH = '/ISAPI/AccessControl/AcsEvent?format=json';

/** Minor codes of major 5 that involve a face (the ingestion adapter's table). */
export const FACE_MINORS: readonly number[] = [75, 76, 77, 78, 80, 105, 1043];
const NON_FACE_MINORS: readonly number[] = [1, 9, 21, 22, 38];

/** One event the terminal holds. */
export interface SimulatedEvent {
  serialNo: number;
  major: number;
  minor: number;
  /** The time the terminal stamped (its own clock). */
  stampedAt: Date;
  /** From when a search can find it (an event written late is invisible until then). */
  visibleFrom: Date;
  employeeNo: string | null;
  /** Whether the ingestion adapter counts it as a face capture. */
  face: boolean;
}

/**
 * Faults a terminal shows: `timeout` (no answer), `server-error` (503), `stale-nonce` (401 with
 * stale=true to a valid digest), `truncated` (the body cut in half), `repeat-page` (the previous page's
 * bytes again), `grow` (events written late into the searched window just before answering).
 */
export type FaultKind = 'timeout' | 'server-error' | 'stale-nonce' | 'truncated' | 'repeat-page' | 'grow';

/** When a fault fires: on the listed authenticated search requests (1-based), or with a probability. */
export interface FaultRule {
  kind: FaultKind;
  onRequests?: readonly number[];
  probability?: number;
  /** `grow`: how many events are written into the window (default 3). */
  growBy?: number;
}

export interface SimulatorOptions {
  seed?: number;
  /** Events the terminal already holds, the first stamped at `from`, about `spacingMs` apart. */
  events?: number;
  from?: Date;
  spacingMs?: number;
  /** The terminal's zone, for the offsets of its times (default Asia/Shanghai). */
  zone?: string;
  username?: string;
  password?: string;
  /** The most items a page holds whatever maxResults asks (firmware caps at 30). */
  maxResultsCap?: number;
  /** The time the terminal's searches see (default the system clock): an event is found once visible. */
  now?: () => Date;
  /** How long a `timeout` fault holds the request before dropping it (default 5 s). */
  holdMs?: number;
  /** Share of face events among generated ones (default 0.6). */
  faceShare?: number;
}

/** One request the terminal received, for tests that prove what the client asked. */
export interface SimulatorRequest {
  method: string;
  url: string;
  authorized: boolean;
  /** The ordinal of an authenticated search request (what fault rules count). */
  ordinal: number | null;
  body: Record<string, unknown> | null;
}

/**
 * A face terminal on loopback speaking the ISAPI access-control event search with digest authentication:
 * seeded, deterministic events (face and not), monotonic serialNo, device-local picture URLs, a page cap, and
 * faults switched on by request count or seeded probability. Used by the specs, the demo and the benchmarks.
 */
export class TerminalSimulator {
  private readonly rand: SeededRandom;
  private faultRand: SeededRandom;
  private readonly list: SimulatedEvent[] = [];
  private readonly digest: DigestVerifier;
  private readonly cap: number;
  private readonly zone: string;
  private readonly clock: () => Date;
  private readonly holdMs: number;
  private readonly faceShare: number;
  private faults: FaultRule[] = [];
  private server: Server | null = null;
  private base = '';
  private ordinal = 0;
  private lastBody: Buffer | null = null;
  private nextSerial = 1;
  private readonly held = new Set<NodeJS.Timeout>();
  /** Authenticated searches from this ordinal on wait in `parked` until `releaseHeld()` (null: none wait). */
  private holdFrom: number | null = null;
  private readonly parked = new Set<() => void>();
  readonly requests: SimulatorRequest[] = [];

  constructor(options: SimulatorOptions = {}) {
    this.rand = new SeededRandom(options.seed ?? 1);
    this.faultRand = new SeededRandom((options.seed ?? 1) ^ 0x5eed);
    this.digest = new DigestVerifier(
      'DS-K1T-SIM',
      options.username ?? 'admin',
      options.password ?? 'sim-pass-1',
    );
    this.cap = options.maxResultsCap ?? 30;
    this.zone = options.zone ?? 'Asia/Shanghai';
    this.clock = options.now ?? (() => new Date());
    this.holdMs = options.holdMs ?? 5_000;
    this.faceShare = options.faceShare ?? 0.6;
    if ((options.events ?? 0) > 0) {
      this.addEvents(options.events!, {
        from: options.from ?? new Date('2025-03-01T00:00:00Z'),
        spacingMs: options.spacingMs ?? 60_000,
      });
    }
  }

  /**
   * Writes `count` new events (serialNo continuing), stamped from `from` about `spacingMs` apart, shifted by
   * `skewMs` (a terminal clock that is off), visible `lateByMs` after their real time (a late write).
   */
  addEvents(
    count: number,
    o: { from: Date; spacingMs?: number; skewMs?: number; lateByMs?: number; visibleFrom?: Date },
  ): SimulatedEvent[] {
    const spacing = o.spacingMs ?? 60_000;
    const out: SimulatedEvent[] = [];
    for (let i = 0; i < count; i++) {
      const real = o.from.getTime() + i * spacing + this.rand.below(Math.max(1, Math.floor(spacing / 2)));
      const face = this.rand.next() < this.faceShare;
      const minor = face ? this.rand.pick([75, 75, 75, 76, 76, 1043]) : this.rand.pick(NON_FACE_MINORS);
      const known = minor !== 76 || this.rand.next() < 0.5;
      const e: SimulatedEvent = {
        serialNo: this.nextSerial++,
        major: 5,
        minor,
        stampedAt: new Date(Math.floor((real + (o.skewMs ?? 0)) / 1000) * 1000),
        visibleFrom: o.visibleFrom ?? new Date(real + (o.lateByMs ?? 0)),
        employeeNo: known ? String(10000 + this.rand.below(500)) : null,
        face: FACE_MINORS.includes(minor),
      };
      this.list.push(e);
      out.push(e);
    }
    return out;
  }

  /** Every event the terminal holds, visible or not. */
  events(): readonly SimulatedEvent[] {
    return this.list;
  }

  /** The face events, which a collection must store exactly once each. */
  faceEvents(): SimulatedEvent[] {
    return this.list.filter((e) => e.face);
  }

  /** Replaces the fault rules; probabilities draw from a generator seeded with `seed`. */
  setFaults(rules: readonly FaultRule[], seed = 7): void {
    this.faults = [...rules];
    this.faultRand = new SeededRandom(seed);
  }

  /**
   * Leaves every authenticated search request from the `ordinal`-th on unanswered until `releaseHeld()`: a
   * collection stopped mid-window at a known page, for as long as a test needs (e.g. to kill its worker).
   */
  holdSearchesFrom(ordinal: number): void {
    this.holdFrom = ordinal;
  }

  /** Search requests waiting on `holdSearchesFrom` right now. */
  get heldSearches(): number {
    return this.parked.size;
  }

  /** Stops holding: the waiting requests whose client is still connected are answered, the others dropped. */
  releaseHeld(): void {
    this.holdFrom = null;
    const waiting = [...this.parked];
    this.parked.clear();
    for (const resume of waiting) resume();
  }

  /** How many authenticated search requests have been answered or faulted so far. */
  get searchRequests(): number {
    return this.ordinal;
  }

  /** Listens on loopback, on `port` (the demo's registered one) or any free port. */
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
    this.releaseHeld();
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const authorized = this.digest.verify(req.headers.authorization, method, url);
    const entry: SimulatorRequest = { method, url, authorized, ordinal: null, body: null };
    this.requests.push(entry);
    if (!authorized) {
      res.writeHead(401, { 'www-authenticate': this.digest.challenge(), 'content-type': 'text/plain' });
      res.end('401 Unauthorized');
      return;
    }
    if (method !== 'POST' || url !== ACS_EVENT_PATH) {
      return this.isapiError(res, 404, 'notSupport');
    }
    entry.ordinal = ++this.ordinal;
    let cond: Record<string, unknown>;
    try {
      cond = (JSON.parse(raw) as { AcsEventCond: Record<string, unknown> }).AcsEventCond;
      entry.body = cond;
    } catch {
      return this.isapiError(res, 400, 'badJsonContent');
    }
    if (this.holdFrom !== null && entry.ordinal >= this.holdFrom) {
      await new Promise<void>((resume) => this.parked.add(resume));
      // Its client went away while it waited (a killed collector): nothing to answer.
      if (req.socket.destroyed || this.server === null) return;
    }
    const fired = this.faultsFor(entry.ordinal);
    if (fired.has('timeout')) {
      const t = setTimeout(() => {
        this.held.delete(t);
        req.socket.destroy();
      }, this.holdMs);
      this.held.add(t);
      return;
    }
    if (fired.has('server-error')) return this.isapiError(res, 503, 'deviceBusy');
    if (fired.has('stale-nonce')) {
      res.writeHead(401, { 'www-authenticate': this.digest.challenge(true), 'content-type': 'text/plain' });
      res.end('401 Unauthorized');
      return;
    }
    if (fired.has('repeat-page') && this.lastBody !== null) return this.send(res, this.lastBody);
    const page = this.search(cond, fired.get('grow'));
    if (page === null) return this.isapiError(res, 400, 'badParameters');
    const body = Buffer.from(JSON.stringify(page), 'utf8');
    this.lastBody = body;
    this.send(res, fired.has('truncated') ? body.subarray(0, Math.floor(body.length / 2)) : body);
  }

  private faultsFor(ordinal: number): Map<FaultKind, FaultRule> {
    const fired = new Map<FaultKind, FaultRule>();
    for (const r of this.faults) {
      const draw = r.probability !== undefined ? this.faultRand.next() < r.probability : false;
      if (r.onRequests?.includes(ordinal) || draw) fired.set(r.kind, r);
    }
    return fired;
  }

  private search(cond: Record<string, unknown>, grow?: FaultRule): object | null {
    const position = cond.searchResultPosition;
    const max = cond.maxResults;
    const start = Date.parse(String(cond.startTime));
    const end = Date.parse(String(cond.endTime));
    if (
      typeof cond.searchID !== 'string' ||
      typeof position !== 'number' ||
      typeof max !== 'number' ||
      !Number.isFinite(start) ||
      !Number.isFinite(end)
    ) {
      return null;
    }
    const now = this.clock();
    if (grow) {
      // Written late: stamped at the start of the window (ahead of the pages already read), visible now.
      this.addEvents(grow.growBy ?? 3, { from: new Date(start), spacingMs: 1000, visibleFrom: now });
    }
    const major = Number(cond.major ?? 0);
    const minor = Number(cond.minor ?? 0);
    const matches = this.list
      .filter(
        (e) =>
          e.visibleFrom.getTime() <= now.getTime() &&
          (major === 0 || e.major === major) &&
          (minor === 0 || e.minor === minor) &&
          e.stampedAt.getTime() >= start &&
          e.stampedAt.getTime() <= end,
      )
      .sort((a, b) => a.stampedAt.getTime() - b.stampedAt.getTime() || a.serialNo - b.serialNo);
    const page = matches.slice(position, position + Math.min(max, this.cap));
    const status =
      matches.length === 0 ? 'NO MATCH' : position + page.length < matches.length ? 'MORE' : 'OK';
    return {
      AcsEvent: {
        searchID: cond.searchID,
        responseStatusStrg: status,
        numOfMatches: page.length,
        totalMatches: matches.length,
        ...(page.length > 0 ? { InfoList: page.map((e) => this.item(e)) } : {}),
      },
    };
  }

  private item(e: SimulatedEvent): Record<string, unknown> {
    const t = DateTime.fromJSDate(e.stampedAt, { zone: this.zone });
    return {
      major: e.major,
      minor: e.minor,
      time: t.toISO({ suppressMilliseconds: true }),
      ...(e.employeeNo !== null ? { employeeNoString: e.employeeNo, name: `Person ${e.employeeNo}` } : {}),
      cardReaderNo: 1,
      doorNo: 1,
      serialNo: e.serialNo,
      userType: 'normal',
      currentVerifyMode: 'cardOrFace',
      mask: 'unknown',
      pictureURL: `${this.base}/LOCALS/pic/acsLinkCap/${t.toFormat('yyyyMM')}_00/${t.toFormat('dd_HHmmss')}_${e.serialNo}.jpeg`,
    };
  }

  private send(res: ServerResponse, body: Buffer): void {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  }

  private isapiError(res: ServerResponse, status: number, sub: string): void {
    const body = JSON.stringify({
      statusCode: status >= 500 ? 3 : 4,
      statusString: 'Error',
      subStatusCode: sub,
    });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  }
}
