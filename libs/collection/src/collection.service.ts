import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { Clock, isDomainError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { CaptureFormat, SourceFile } from '@app/ingestion';
import { SingleFileIngestService, type SingleFileReceipt } from '@app/inspection';
import { AuditLogRepository, DeviceEndpointRepository, type EndpointRow } from '@app/persistence';
import { CollectionKeys } from './collection-keys';
import { COLLECTION_ERRORS, CollectionError } from './collection.errors';
import { readAcsEventPage, type AcsEventPage } from './core/acs-event-page';
import {
  deviceTime,
  rangeToCollect,
  splittable,
  splitWindow,
  type CollectionWindow,
} from './core/collection-window';
import { deviceClockSeconds } from './core/dahua-clock';
import { readDahuaRecordPage, type DahuaRecordPage } from './core/dahua-record-page';
import { RecordFinderPager, type RecordFinderQuery } from './core/dahua-record-pager';
import { searchIdOf } from './core/search-id';
import { WindowPass } from './core/window-pass';
import { openCredential, type DeviceSecret } from './credential-seal';
import type { DahuaClient } from './dahua/dahua-client';
import { DahuaClientFactory } from './dahua/dahua-client.factory';
import type { FetchedPage } from './http/digest-transport';
import type { IsapiClient } from './isapi/isapi-client';
import { IsapiClientFactory } from './isapi/isapi-client.factory';

/** Items a page asks for; terminals cap it (30 on most firmware) and say how many they sent. */
const PAGE_SIZE = 30;
/** Paging passes over one window before its results are declared inconsistent. */
const MAX_PASSES = 3;
/** Repeated pages tolerated within one pass before it is abandoned for a fresh pass. */
const MAX_REPEATS = 3;
/** Pages of one pass, against a terminal that says MORE for ever. */
const MAX_PAGES = 100_000;
/** Records a Dahua recordFinder page asks for (`count`); firmware may send fewer (RecordFinderPager). */
const DAHUA_PAGE_SIZE = 100;

/** The exact shape a schedule target returns (libs/schedules' ScheduleTargetResult). */
export interface CollectionResult {
  summary: Record<string, unknown>;
  alerts?: { code: string; object: string; message: string }[];
}

/** Counts of one run, per device. */
interface Tally {
  windows: number;
  pages: number;
  unreadablePages: number;
  repeatedPages: number;
  passes: number;
  fetched: number;
  stored: number;
  duplicates: number;
  conflicts: number;
  skipped: number;
  rejected: number;
  /** Batches the pages became (new or already held), and the first and last of their ids. */
  batches: number;
  firstBatch: string | null;
  lastBatch: string | null;
}

/** A terminal's client, by the protocol it is collected over. */
type Terminal =
  | { protocol: 'hikvision-isapi'; client: IsapiClient }
  | { protocol: 'dahua-cgi'; client: DahuaClient };

/** A page's reading: the page, or why its bytes are not one. */
type Reading<P> = { ok: true; page: P } | { ok: false; reason: string };

interface RunContext {
  ep: EndpointRow;
  terminal: Terminal;
  /** Dahua: the page size a terminal showed it caps `count` at, carried from window to window of the run. */
  dahuaPageSize: number;
  jobId: string | null;
  /** Aborted when the schedule's attempt times out: no further page is asked for (the one in hand is stored). */
  signal: AbortSignal | null;
  workDir: string;
  tally: Tally;
}

/**
 * Collects a registered terminal's event log over its own interface. Each window (from the cursor less the
 * overlap to now less the settle margin) is paged until the terminal says it is done (ISAPI: by position;
 * Dahua recordFinder: by time, from each page's last CreateTime); every page is kept raw and registered as a
 * batch with its custody, parsed by the ingestion adapter and deduplicated by the identity rules (serialNo,
 * RecNo per device), all through SingleFileIngestService. The cursor moves to a window's end only after a
 * whole pass over it is stored, so a failure or a crash mid-window re-asks that window and the identity rules
 * absorb what was stored before.
 */
@Injectable()
export class CollectionService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly keys: CollectionKeys,
    private readonly endpointsRepo: DeviceEndpointRepository,
    private readonly auditLog: AuditLogRepository,
    private readonly intake: SingleFileIngestService,
    private readonly clients: IsapiClientFactory,
    private readonly dahuaClients: DahuaClientFactory,
  ) {}

  /** One schedule target per enabled endpoint. */
  async endpoints(): Promise<
    { key: string; data: { endpointId: string; creditCode: string; deviceId: string } }[]
  > {
    return (await this.endpointsRepo.list(undefined, true)).map((e) => ({
      key: `endpoint-${e.id}`,
      // The firm and device too, so `schedules run collect --firm` finds a firm's terminals and a run names them.
      data: { endpointId: e.id, creditCode: e.firmCreditCode, deviceId: e.deviceCode },
    }));
  }

  /** Collects one endpoint now; throws (after recording the reason on the endpoint) when the run fails. */
  async collectDevice(
    endpointId: string,
    options: { jobId?: string; now?: Date; signal?: AbortSignal } = {},
  ): Promise<CollectionResult> {
    const ep = await this.endpointsRepo.find(endpointId);
    if (!ep) {
      throw new CollectionError(COLLECTION_ERRORS.ENDPOINT_NOT_FOUND, `No terminal endpoint ${endpointId}`, {
        endpointId,
      });
    }
    const now = options.now ?? this.clock.now();
    const tally: Tally = {
      windows: 0,
      pages: 0,
      unreadablePages: 0,
      repeatedPages: 0,
      passes: 0,
      fetched: 0,
      stored: 0,
      duplicates: 0,
      conflicts: 0,
      skipped: 0,
      rejected: 0,
      batches: 0,
      firstBatch: null,
      lastBatch: null,
    };
    const workDir = path.join(this.config.home, 'work', `collect-${ep.id}-${randomUUID()}`);
    const operator = this.config.operator;
    try {
      const secret = openCredential(
        this.keys.keyring,
        { deviceId: ep.deviceDbId, baseUrl: ep.baseUrl },
        { sealed: ep.passwordSealed, keyId: ep.passwordKeyId },
        ep.id,
      );
      const ctx: RunContext = {
        ep,
        terminal: this.terminalOf(ep, secret),
        dahuaPageSize: DAHUA_PAGE_SIZE,
        jobId: options.jobId ?? null,
        signal: options.signal ?? null,
        workDir,
        tally,
      };
      await mkdir(workDir, { recursive: true, mode: 0o700 });
      const range = rangeToCollect(
        { cursor: toDate(ep.cursorAt), since: toDate(ep.sinceAt) },
        now,
        this.config.collection,
      );
      if (range !== null) await this.collectRange(ctx, range);
    } catch (e) {
      const code = isDomainError(e) ? e.code : 'COLLECT.FAILED';
      const message = (e as Error).message;
      await this.endpointsRepo.recordFailure(ep.id, `${code}: ${message}`, this.clock.now());
      await this.auditLog.append(operator, 'device_endpoint.collection_failed', 'device_endpoint', ep.id, {
        code,
        message,
        jobId: options.jobId ?? null,
        ...this.summaryOf(ep, tally),
      });
      throw e;
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
    const after = (await this.endpointsRepo.find(ep.id))!;
    const summary = { ...this.summaryOf(ep, tally), cursor: toDate(after.cursorAt)?.toISOString() ?? null };
    await this.auditLog.append(operator, 'device_endpoint.collected', 'device_endpoint', ep.id, {
      jobId: options.jobId ?? null,
      ...summary,
    });
    const quarantined = tally.conflicts + tally.rejected;
    return {
      summary,
      ...(quarantined > 0
        ? {
            alerts: [
              {
                code: 'COLLECT.QUARANTINED',
                object: `DeviceEndpoint:${ep.id}`,
                message: `${ep.deviceCode} of ${ep.firmCreditCode}: ${tally.conflicts} conflicting and ${tally.rejected} rejected event(s) quarantined (bioaudit ingest quarantine)`,
              },
            ],
          }
        : {}),
    };
  }

  private terminalOf(ep: EndpointRow, secret: DeviceSecret): Terminal {
    switch (ep.protocol) {
      case 'hikvision-isapi':
        return { protocol: ep.protocol, client: this.clients.create(ep.baseUrl, ep.username, secret) };
      case 'dahua-cgi':
        return { protocol: ep.protocol, client: this.dahuaClients.create(ep.baseUrl, ep.username, secret) };
      default:
        throw new CollectionError(
          COLLECTION_ERRORS.BAD_INPUT,
          `${ep.deviceCode}: endpoint protocol ${JSON.stringify(ep.protocol)} is not one bioaudit collects over`,
          { endpoint: ep.id, field: 'vendor' },
        );
    }
  }

  private summaryOf(ep: EndpointRow, t: Tally): Record<string, unknown> {
    return { endpoint: ep.id, firm: ep.firmCreditCode, device: ep.deviceCode, ...t };
  }

  /**
   * Collects a window and moves the cursor to its end. A window longer than maxWindowMs whose first page does
   * not hold all of it is split in halves, oldest first: an empty stretch of months costs one request, and a
   * failure re-asks at most one window's worth next time.
   */
  private async collectRange(ctx: RunContext, w: CollectionWindow): Promise<void> {
    const canSplit = splittable(w, this.config.collection);
    const t = ctx.terminal;
    const verdict =
      t.protocol === 'dahua-cgi'
        ? await this.collectDahuaWindow(ctx, t.client, w, canSplit)
        : await this.collectWindow(ctx, t.client, w, canSplit);
    if (verdict === 'split') {
      for (const half of splitWindow(w)) await this.collectRange(ctx, half);
      return;
    }
    ctx.tally.windows += 1;
    await this.endpointsRepo.advanceCursor(ctx.ep.id, w.end, this.clock.now());
  }

  /**
   * Pages through one window until a pass sees all of it (at most MAX_PASSES passes); a `splittable` window
   * whose first page says MORE is handed back to be split (that page stays stored: its events are evidence).
   */
  private async collectWindow(
    ctx: RunContext,
    client: IsapiClient,
    w: CollectionWindow,
    canSplit: boolean,
  ): Promise<'done' | 'split'> {
    let why = '';
    for (let pass = 1; pass <= MAX_PASSES; pass++) {
      ctx.tally.passes += 1;
      const searchID = searchIdOf(ctx.ep.id, w, pass);
      const tracker = new WindowPass();
      for (let pages = 0; pages < MAX_PAGES; pages++) {
        const page = await this.fetchPage(ctx, client, w, searchID, tracker.position);
        const verdict = tracker.accept(page);
        if (canSplit && pages === 0 && verdict !== 'done') return 'split';
        if (verdict === 'done') break;
        if (verdict === 'again') {
          ctx.tally.repeatedPages += 1;
          if (tracker.repeats > MAX_REPEATS) break;
        }
      }
      if (tracker.whole()) return 'done';
      why = tracker.describe();
    }
    throw new CollectionError(
      COLLECTION_ERRORS.INCONSISTENT_RESULTS,
      `${ctx.ep.deviceCode}: no consistent pass over ${w.start.toISOString()} – ${w.end.toISOString()} in ${MAX_PASSES} tries (${why}); the cursor stays`,
      { endpoint: ctx.ep.id, window: { start: w.start.toISOString(), end: w.end.toISOString() } },
    );
  }

  /**
   * Pages through one window of a Dahua recordFinder by time (RecordFinderPager): each page from the last
   * record's CreateTime of the one before, inclusive, until a page brings no new RecNo. A `splittable` window
   * whose first page is full is handed back to be split (that page stays stored). A full page of records all
   * seen already (more records in one second than a page holds) fails the window: COLLECT.INCONSISTENT_RESULTS,
   * the cursor stays, nothing is skipped.
   */
  private async collectDahuaWindow(
    ctx: RunContext,
    client: DahuaClient,
    w: CollectionWindow,
    canSplit: boolean,
  ): Promise<'done' | 'split'> {
    ctx.tally.passes += 1;
    const zone = ctx.ep.deviceTimezone;
    const pager = new RecordFinderPager(
      deviceClockSeconds(w.start, zone),
      deviceClockSeconds(w.end, zone),
      DAHUA_PAGE_SIZE,
      ctx.dahuaPageSize,
    );
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const query = pager.query;
      const page = await this.fetchDahuaPage(ctx, client, w, query, pages);
      const verdict = pager.accept(page);
      ctx.dahuaPageSize = pager.pageSize;
      if (canSplit && pages === 0 && page.found >= pager.pageSize) return 'split';
      if (verdict === 'done') return 'done';
      if (verdict === 'stuck') {
        throw new CollectionError(
          COLLECTION_ERRORS.INCONSISTENT_RESULTS,
          `${ctx.ep.deviceCode}: a full page (${page.found} records) of records already seen at device second ${query.startTime}: more records share that second than a page holds, and a second cannot be narrowed; the cursor stays (${w.start.toISOString()} – ${w.end.toISOString()})`,
          {
            endpoint: ctx.ep.id,
            window: { start: w.start.toISOString(), end: w.end.toISOString() },
            second: query.startTime,
            found: page.found,
          },
        );
      }
    }
    throw new CollectionError(
      COLLECTION_ERRORS.INCONSISTENT_RESULTS,
      `${ctx.ep.deviceCode}: ${MAX_PAGES} pages over ${w.start.toISOString()} – ${w.end.toISOString()} without an end; the cursor stays`,
      { endpoint: ctx.ep.id, window: { start: w.start.toISOString(), end: w.end.toISOString() } },
    );
  }

  /** One ISAPI AcsEvent page, stored (storePage). */
  private async fetchPage(
    ctx: RunContext,
    client: IsapiClient,
    w: CollectionWindow,
    searchID: string,
    position: number,
  ): Promise<AcsEventPage> {
    const zone = ctx.ep.deviceTimezone;
    const cond = {
      searchID,
      searchResultPosition: position,
      maxResults: PAGE_SIZE,
      major: 5,
      minor: 0,
      startTime: deviceTime(w.start, zone),
      endTime: deviceTime(w.end, zone),
    };
    return this.storePage(ctx, {
      fetch: () => client.searchPage(cond, () => this.clock.now()),
      read: readAcsEventPage,
      count: (p) => p.numOfMatches,
      fileName: `acs-event-${ctx.ep.deviceCode}-${cond.startTime}-${cond.endTime}-${searchID.slice(0, 8)}-p${position}.json`,
      format: 'jsonl',
      captureFormat: 'hikvision-acs-search',
      custody: { window: { start: cond.startTime, end: cond.endTime }, searchID, position },
      where: `page at position ${position}`,
      details: { position },
    });
  }

  /** One Dahua recordFinder page, stored (storePage); `index` counts the window's pages. */
  private async fetchDahuaPage(
    ctx: RunContext,
    client: DahuaClient,
    w: CollectionWindow,
    q: RecordFinderQuery,
    index: number,
  ): Promise<DahuaRecordPage> {
    const zone = ctx.ep.deviceTimezone;
    return this.storePage(ctx, {
      fetch: () => client.findPage(q, () => this.clock.now()),
      read: readDahuaRecordPage,
      count: (p) => p.found,
      fileName: `record-finder-${ctx.ep.deviceCode}-${q.startTime}-${q.endTime}-c${q.count}.txt`,
      format: 'csv',
      captureFormat: 'dahua-recordfinder',
      custody: {
        window: { start: deviceTime(w.start, zone), end: deviceTime(w.end, zone) },
        query: { ...q },
        page: index,
      },
      where: `page from device second ${q.startTime}`,
      details: { startTime: q.startTime },
    });
  }

  /**
   * One page, stored: tried up to `pageAttempts` times on timeouts, 5xx and unreadable bodies (each
   * unreadable body kept as a discarded batch with its reason), then the run fails with the last reason.
   */
  private async storePage<P>(
    ctx: RunContext,
    p: {
      fetch: () => Promise<FetchedPage>;
      read: (body: Buffer) => Reading<P>;
      count: (page: P) => number;
      fileName: string;
      format: SourceFile['format'];
      captureFormat: CaptureFormat;
      custody: Record<string, unknown>;
      where: string;
      details: Record<string, unknown>;
    },
  ): Promise<P> {
    const { ep, tally } = ctx;
    let last: CollectionError | null = null;
    // A timed-out attempt stops here, between pages, so it never collects beside the retry that replaces it.
    ctx.signal?.throwIfAborted();
    for (let attempt = 1; attempt <= this.config.collection.pageAttempts; attempt++) {
      if (attempt > 1) await sleep(this.config.collection.retryDelayMs * 2 ** (attempt - 2));
      let fetched;
      try {
        fetched = await p.fetch();
      } catch (e) {
        if (
          e instanceof CollectionError &&
          (e.code === COLLECTION_ERRORS.DEVICE_UNREACHABLE || e.code === COLLECTION_ERRORS.DEVICE_ERROR)
        ) {
          last = e;
          continue;
        }
        throw e;
      }
      tally.pages += 1;
      const file: SourceFile = {
        path: path.join(ctx.workDir, `${randomUUID()}${path.extname(p.fileName)}`),
        fileName: p.fileName,
        format: p.format,
        gzip: false,
        encoding: 'utf-8',
        captureFormat: p.captureFormat,
        deviceId: ep.deviceCode,
      };
      await writeFile(file.path, fetched.body, { mode: 0o600 });
      const receipt: SingleFileReceipt = {
        firmId: ep.firmId,
        firmTimezone: ep.deviceTimezone,
        operator: this.config.operator,
        from: fetched.url,
        custody: {
          endpoint: ep.id,
          device: ep.deviceCode,
          url: fetched.url,
          protocol: ep.protocol,
          ...p.custody,
          attempt,
          fetchedAt: fetched.fetchedAt.toISOString(),
          jobId: ctx.jobId,
        },
      };
      try {
        const read = p.read(fetched.body);
        if (!read.ok) {
          tally.unreadablePages += 1;
          const kept = await this.intake.keepUnreadable(file, receipt, {
            code: COLLECTION_ERRORS.PAGE_UNREADABLE,
            message: read.reason,
          });
          last = new CollectionError(
            COLLECTION_ERRORS.PAGE_UNREADABLE,
            `${ep.deviceCode}: ${p.where} is unreadable (${read.reason}); its bytes are batch ${kept.id}`,
            { endpoint: ep.id, batch: kept.id, ...p.details },
          );
          continue;
        }
        const outcome = await this.intake.ingestCaptureFile(file, receipt);
        if (outcome.failure) {
          throw new CollectionError(
            COLLECTION_ERRORS.PAGE_UNREADABLE,
            `${ep.deviceCode}: ${p.where} failed its batch ${outcome.failure.batch} (${outcome.failure.code}: ${outcome.failure.message})`,
            { endpoint: ep.id, batch: outcome.failure.batch, ...p.details },
          );
        }
        tally.fetched += p.count(read.page);
        tally.batches += 1;
        tally.firstBatch ??= outcome.batch.id;
        tally.lastBatch = outcome.batch.id;
        if (!outcome.resubmitted) {
          tally.stored += outcome.batch.acceptedCount;
          tally.duplicates += outcome.batch.duplicateCount;
          tally.conflicts += outcome.batch.conflictCount;
          tally.skipped += outcome.batch.skippedCount;
          tally.rejected += outcome.batch.rejectedCount;
        }
        return read.page;
      } finally {
        await rm(file.path, { force: true });
      }
    }
    throw last!;
  }
}

function toDate(v: Date | string | null): Date | null {
  return v === null ? null : new Date(v);
}
