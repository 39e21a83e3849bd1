import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { isFirmInScope, scopeOf, type Principal } from '@app/auth';
import { isDomainError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { InspectionService } from '@app/inspection';
import { InspectionRunRepository, type InspectionRunRow } from '@app/persistence';
import { API_ERRORS } from '../api.errors';
import { notFound } from '../common/not-found';
import { apiError } from '../problem/problem';
import type { InspectionProgressDto, InspectionStatusDto } from './inspections.dto';
import { expandZip, receiveMultipart, receiveZipBody } from './upload-storage';

/** How often a running inspection's progress is written to its row (events go out on every change). */
const PERSIST_EVERY_MS = 1000;

type Listener = (status: InspectionStatusDto) => void;

/**
 * Inspections uploaded through the API: the upload is stored under BIOAUDIT_HOME, the run is recorded in
 * `inspection_run`, and the same InspectionService.inspect as `bioaudit inspect` runs in the background of
 * this process, one inspection at a time (with REDIS_URL the service fans chunks out to the workers). Runs a
 * restart interrupted are resumed at boot: every stage of an inspection is idempotent.
 */
@Injectable()
export class InspectionRunsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Inspections');
  private queue: Promise<void> = Promise.resolve();
  private readonly listeners = new Map<string, Set<Listener>>();
  private closing = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inspection: InspectionService,
    private readonly runs: InspectionRunRepository,
  ) {}

  private get root(): string {
    return path.join(this.config.home, 'uploads', 'inspections');
  }

  async onApplicationBootstrap(): Promise<void> {
    // A server that is not migrated yet has no table: the first request reports DB.NOT_MIGRATED instead.
    const unfinished = await this.runs.unfinished().catch(() => []);
    for (const run of unfinished) {
      if (existsSync(run.uploadPath)) this.enqueue(run.id);
    }
  }

  onApplicationShutdown(): void {
    // A run cut short by shutdown stays `running` and is resumed at the next boot, not marked failed.
    this.closing = true;
  }

  /** Receives an upload (zip body or multipart files), records the run and queues it; returns its id. */
  async start(principal: Principal, req: Request): Promise<string> {
    const id = randomUUID();
    const dir = path.join(this.root, id);
    const max = this.config.api.uploadMaxBytes;
    try {
      let folder: string;
      if (req.is('application/zip')) {
        const zipPath = path.join(dir, 'upload.zip');
        await receiveZipBody(req, zipPath, max);
        await expandZip(zipPath, path.join(dir, 'folder'));
        await rm(zipPath);
        folder = await inspectionFolderIn(path.join(dir, 'folder'));
      } else if (req.is('multipart/form-data')) {
        const files = await receiveMultipart(req, path.join(dir, 'folder'), max);
        if (files === 0) throw apiError(API_ERRORS.BAD_UPLOAD, 'the multipart upload holds no file');
        // One zip sent as a form file (a browser's file picker) is the folder zipped: expanded as a zip body is.
        const sent = await readdir(path.join(dir, 'folder'), { withFileTypes: true });
        if (sent.length === 1 && sent[0].isFile() && /\.zip$/i.test(sent[0].name)) {
          const zipPath = path.join(dir, sent[0].name);
          await rename(path.join(dir, 'folder', sent[0].name), zipPath);
          await expandZip(zipPath, path.join(dir, 'folder'));
          await rm(zipPath);
        }
        folder = await inspectionFolderIn(path.join(dir, 'folder'));
      } else {
        req.resume();
        throw apiError(
          API_ERRORS.UNSUPPORTED_MEDIA_TYPE,
          'send the inspection folder as an application/zip body or as multipart/form-data files',
        );
      }
      const firm = firmOfFolder(folder);
      if (firm !== null && !isFirmInScope(scopeOf(principal), firm)) {
        throw apiError(API_ERRORS.FORBIDDEN, `firm ${firm} is outside your scope`);
      }
      await this.runs.create({ id, uploadPath: folder, createdBy: principal.username });
      if (firm !== null) await this.runs.progress(id, { ...emptyProgress() }, firm);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    this.enqueue(id);
    return id;
  }

  /** The run as its caller sees it: 404 unless it is the caller's own upload or its firm is in scope. */
  async status(principal: Principal, id: string): Promise<InspectionStatusDto> {
    const run = await this.visibleRun(principal, id);
    return statusOf(run);
  }

  /** Progress as server-sent events: the current state, then every change, until done or failed. */
  async events(principal: Principal, id: string): Promise<Observable<{ data: InspectionStatusDto }>> {
    const first = statusOf(await this.visibleRun(principal, id));
    return new Observable((subscriber) => {
      subscriber.next({ data: first });
      if (first.status === 'done' || first.status === 'failed') {
        subscriber.complete();
        return undefined;
      }
      const listener: Listener = (s) => {
        subscriber.next({ data: s });
        if (s.status === 'done' || s.status === 'failed') subscriber.complete();
      };
      const set = this.listeners.get(id) ?? new Set<Listener>();
      set.add(listener);
      this.listeners.set(id, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) this.listeners.delete(id);
      };
    });
  }

  private async visibleRun(principal: Principal, id: string): Promise<InspectionRunRow> {
    const run = /^[0-9a-f-]{36}$/.test(id) ? await this.runs.findById(id) : null;
    const visible =
      run !== null &&
      (run.createdBy === principal.username ||
        (run.firmCreditCode !== null && isFirmInScope(scopeOf(principal), run.firmCreditCode)));
    if (!visible) throw notFound('inspection', id);
    return run;
  }

  private enqueue(id: string): void {
    this.queue = this.queue.then(() => this.run(id)).catch((e: unknown) => this.logger.error(String(e)));
  }

  private emit(status: InspectionStatusDto): void {
    for (const l of this.listeners.get(status.id) ?? []) l(status);
  }

  private async run(id: string): Promise<void> {
    const run = await this.runs.findById(id);
    if (!run || run.status === 'done' || run.status === 'failed' || this.closing) return;
    await this.runs.running(id);
    const progress: InspectionProgressDto = emptyProgress();
    let persisted = 0;
    const changed = (force = false) => {
      this.emit({ ...statusOf(run), status: 'running', progress: { ...progress } });
      const now = Date.now();
      if (force || now - persisted >= PERSIST_EVERY_MS) {
        persisted = now;
        void this.runs.progress(id, { ...progress }).catch(() => undefined);
      }
    };
    changed(true);
    try {
      const report = await this.inspection.inspect(run.uploadPath, {
        outDir: path.join(path.dirname(run.uploadPath), 'out'),
        operator: run.createdBy,
        onProgress: (kind, n) => {
          progress[kind] = n;
          changed();
        },
        onStage: (stage) => {
          progress.stage = stage;
          changed(true);
        },
      });
      // The document `bioaudit inspect --json` prints: the report as JSON.
      const result = JSON.parse(JSON.stringify(report)) as Record<string, unknown>;
      await this.runs.progress(id, { ...progress });
      await this.runs.done(id, result, report.firm.creditCode);
    } catch (error) {
      if (this.closing) return;
      const e = isDomainError(error)
        ? { code: error.code, message: error.message }
        : { code: API_ERRORS.INTERNAL, message: 'internal error' };
      if (!isDomainError(error)) this.logger.error(`inspection ${id}`, (error as Error)?.stack);
      await this.runs.failed(id, e);
    }
    const final = await this.runs.findById(id);
    if (final) this.emit(statusOf(final));
  }
}

const emptyProgress = (): InspectionProgressDto => ({ stage: null, captures: 0, consents: 0 });

function statusOf(run: InspectionRunRow): InspectionStatusDto {
  const p = run.progress as Partial<InspectionProgressDto>;
  return {
    id: run.id,
    status: run.status,
    firm: run.firmCreditCode,
    progress: { stage: p.stage ?? null, captures: p.captures ?? 0, consents: p.consents ?? 0 },
    result: (run.result as Record<string, unknown> | null) ?? null,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    updatedAt: run.updatedAt.toISOString(),
  };
}

/**
 * The inspection folder inside an upload: the upload itself when it holds firm.json, else its one
 * sub-folder (a zip of a folder keeps the folder's name as the first path part).
 */
async function inspectionFolderIn(upload: string): Promise<string> {
  if (existsSync(path.join(upload, 'firm.json'))) return upload;
  const entries = await readdir(upload, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory());
  if (entries.length === 1 && dirs.length === 1) return path.join(upload, dirs[0].name);
  return upload;
}

/** The credit code the folder's firm.json states, or null (the inspection then fails with the ingest error). */
function firmOfFolder(folder: string): string | null {
  try {
    const firm = JSON.parse(readFileSync(path.join(folder, 'firm.json'), 'utf8')) as { creditCode?: unknown };
    return typeof firm.creditCode === 'string' ? firm.creditCode : null;
  } catch {
    return null;
  }
}
