import { randomUUID } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { Clock, DomainError, isDomainError, type DeviceProfile, type FirmProfile } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  loadKeyring,
  pseudonymKeyOf,
  sealSubjectRef,
  SubjectPseudonymiser,
  type Keyring,
  type PseudonymisedRef,
} from '@app/crypto';
import {
  detectSourceEncoding,
  hashFile,
  openInspectionFolder,
  plausibleWindow,
  readCaptures,
  readConsents,
  type TimeWindow,
  type ParsedRow,
  type SourceFile,
} from '@app/ingestion';
import {
  AuditLogRepository,
  CustodyChainRepository,
  EvidenceRepository,
  IngestBatchRepository,
  RegistryRepository,
  RetentionRepository,
  SubjectIdentityRepository,
  type ConsentToStore,
  type IngestBatchEntity,
  type QuarantinedRow,
  type QuarantineToStore,
} from '@app/persistence';
import type { JobDataByName } from '@app/queue';
import { BatchRunner } from './batch-runner';
import { CHUNK } from './capture-chunks';
import { captureChunkSource } from './capture-parser';
import { linesPerChunk, splitIntoChunks } from './chunk-splitter';
import { EvidenceStore } from './evidence-store';
import type { FileCounts, IngestReport } from './inspection.types';
import { quarantined } from './quarantine-entry';

/** Reports records as they are processed, for progress bars. */
export type IngestProgress = (kind: 'captures' | 'consents', processed: number) => void;

export interface IngestOptions {
  operator?: string;
  /** Where the files came from (a host, an upload, a path), for the chain of custody. */
  submittedFrom?: string;
  onProgress?: IngestProgress;
  /**
   * Split large files into chunks for the BullMQ workers (default: when REDIS_URL is set). A job that is
   * itself running on a worker passes false: waiting for other jobs would hold its worker slot.
   */
  distribute?: boolean;
  /** Forced capture format / encoding for every capture file (`--format`, `--encoding`). */
  captures?: { format?: string; encoding?: string };
}

/** Where and as whom a file is ingested (the folder's firm, or a terminal's). */
export interface IngestTarget {
  firmId: string;
  firmTimezone: string;
  operator: string;
  from: string;
  distribute: boolean;
  window: TimeWindow;
}

/** Codes of files in captures/ that are not capture exports: refused by themselves, the rest is ingested. */
const REFUSED_BY_ITSELF: ReadonlySet<string> = new Set([
  'INGEST.UNSUPPORTED_FORMAT',
  'INGEST.FORMAT_UNDETECTED',
  'INGEST.NOT_A_REGULAR_FILE',
]);

/** Reads a file's first record (and stops): a header or format the reader cannot use throws here. */
async function firstRecord(rows: AsyncGenerator<unknown>): Promise<void> {
  try {
    await rows.next();
  } finally {
    await rows.return(undefined);
  }
}

/** A file whose batch failed during this ingest (its rows removed; re-ingesting the same bytes retries it). */
export interface FailedBatchReport {
  batch: string;
  kind: string;
  fileName: string;
  sha256: string;
  code: string;
  message: string;
}

function countsOf(b: IngestBatchEntity): FileCounts {
  return {
    read: b.readCount,
    accepted: b.acceptedCount,
    duplicates: b.duplicateCount,
    conflicts: b.conflictCount,
    skipped: b.skippedCount,
    rejected: b.rejectedCount,
  };
}

function sum(list: FileCounts[]): FileCounts {
  const total: FileCounts = { read: 0, accepted: 0, duplicates: 0, conflicts: 0, skipped: 0, rejected: 0 };
  for (const c of list) {
    total.read += c.read;
    total.accepted += c.accepted;
    total.duplicates += c.duplicates;
    total.conflicts += c.conflicts;
    total.skipped += c.skipped;
    total.rejected += c.rejected;
  }
  return total;
}

/**
 * Ingests an inspection folder: registers the firm and its devices, then streams captures and consents
 * into the store in chunks on the database's bulk path. Every file becomes an ingest batch with its hash,
 * who sent it and when; every line is stored, a duplicate, or quarantined with its reason.
 */
@Injectable()
export class IngestService {
  private readonly evidence: EvidenceStore;
  /** Encodings decided by the folder check (which reads each file whole), reused when its batch opens. */
  private readonly encodings = new WeakMap<SourceFile, string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly registry: RegistryRepository,
    private readonly batches: IngestBatchRepository,
    private readonly store: EvidenceRepository,
    private readonly auditLog: AuditLogRepository,
    private readonly runner: BatchRunner,
    private readonly custody: CustodyChainRepository,
    private readonly identities: SubjectIdentityRepository,
    private readonly retention: RetentionRepository,
  ) {
    this.evidence = EvidenceStore.forConfig(config);
  }

  async ingestFolder(
    folder: string,
    options: IngestOptions = {},
  ): Promise<IngestReport & { firm: FirmProfile; firmId: string; failedBatches: FailedBatchReport[] }> {
    const operator = options.operator ?? this.config.operator;
    const from = options.submittedFrom ?? `${os.hostname()}:${folder}`;
    const { files, firm, devices, deviceRows } = await openInspectionFolder(
      folder,
      options.captures as Parameters<typeof openInspectionFolder>[1],
    );
    // Folder-level errors refuse the inspection before any row is stored.
    await this.checkFolder(files, devices, deviceRows.length, firm.timezone);
    const firmId = await this.registry.upsertFirm(firm);
    await this.auditLog.append(operator, 'firm.registered', 'firm', firmId, { creditCode: firm.creditCode });

    const firmBatch = await this.openBatch(
      firmId,
      'firm',
      { path: files.firm, fileName: 'firm.json', format: 'jsonl', gzip: false },
      'json',
      operator,
      from,
    );
    if (firmBatch.status !== 'completed') {
      await this.batches.complete(
        firmBatch.id,
        { read: 1, accepted: 1, duplicates: 0, conflicts: 0, skipped: 0, rejected: 0 },
        this.clock.now(),
      );
    }

    const devicesBatch = await this.openBatch(firmId, 'devices', files.devices, 'csv', operator, from);
    const accepted = deviceRows
      .filter((r): r is Extract<ParsedRow<DeviceProfile>, { ok: true }> => r.ok)
      .map((r) => r.record);
    await this.registry.upsertDevices(firmId, accepted);
    if (devicesBatch.status !== 'completed') {
      const rejected = deviceRows.filter((r) => !r.ok).map((r) => quarantined(r));
      await this.store.storeQuarantine(devicesBatch.id, rejected);
      await this.batches.complete(
        devicesBatch.id,
        {
          read: deviceRows.length,
          accepted: accepted.length,
          duplicates: 0,
          conflicts: 0,
          skipped: 0,
          rejected: rejected.length,
        },
        this.clock.now(),
      );
    }

    const target = {
      firmId,
      firmTimezone: firm.timezone,
      operator,
      from,
      distribute: options.distribute ?? this.runner.distributed,
      window: plausibleWindow(this.clock.now().getTime(), this.config.ingest.futureToleranceMs),
    };
    const failedBatches: FailedBatchReport[] = [];
    const captureBatches: IngestBatchEntity[] = [];
    for (const file of files.captures) {
      captureBatches.push(await this.ingestFile('captures', file, target, options.onProgress, failedBatches));
    }
    for (const refused of files.rejectedCaptures) {
      await this.auditLog.append(operator, 'ingest.file.refused', 'firm', firmId, { ...refused });
    }
    const consentsBatch = await this.ingestFile(
      'consents',
      files.consents,
      target,
      options.onProgress,
      failedBatches,
    );
    // The audit and the case file query what was just stored: plan them on its statistics (both engines).
    await this.store.refreshStatistics();
    const done = await this.batches.byIds([firmBatch.id, devicesBatch.id, consentsBatch.id]);
    const byKind = new Map(done.map((b) => [b.kind, b]));
    const captureFiles = captureBatches.map((b) => ({
      fileName: b.fileName,
      batch: b.id,
      format: b.captureFormat ?? b.format,
      encoding: b.encoding,
      sha256: b.sha256,
      ...countsOf(b),
    }));
    return {
      firm,
      firmId,
      captures: sum(captureBatches.map(countsOf)),
      consents: countsOf(byKind.get('consents')!),
      devices: countsOf(byKind.get('devices')!),
      captureFiles,
      refusedFiles: files.rejectedCaptures.map((r) => ({
        fileName: r.fileName,
        code: r.code,
        message: r.message,
      })),
      batches: [...done, ...captureBatches]
        .sort((a, b) => Number(a.id) - Number(b.id))
        .map((b) => ({ kind: b.kind, id: b.id, fileName: b.fileName, sha256: b.sha256, status: b.status })),
      failedBatches,
    };
  }

  /**
   * Refuses a folder before anything is stored when the inspection could only be partial or wrong: a capture
   * file that cannot be read (its reader's INGEST.* code: cut, corrupt, unsafe, unattributed), no accepted
   * device in devices.csv (INGEST.NO_DEVICES), a manifest row naming a device devices.csv does not have
   * (INGEST.UNKNOWN_DEVICE_FILE), a capture or consents file whose header or format is unusable (found by
   * reading its first record).
   */
  private async checkFolder(
    files: Awaited<ReturnType<typeof openInspectionFolder>>['files'],
    devices: ReadonlyMap<string, DeviceProfile>,
    deviceRowCount: number,
    firmTimezone: string,
  ): Promise<void> {
    // A capture file that is one but cannot be read (cut, corrupt, unsafe, unattributable) would leave the
    // audit silently partial; a file that is no capture export at all (another extension, a format nobody
    // recognises, a link, a folder) is only listed as refused.
    const broken = files.rejectedCaptures.find((r) => !REFUSED_BY_ITSELF.has(r.code));
    if (broken !== undefined) {
      throw new DomainError(broken.code, broken.message, { file: broken.fileName });
    }
    if (devices.size === 0) {
      throw new DomainError(
        'INGEST.NO_DEVICES',
        deviceRowCount === 0
          ? `${files.devices.fileName} lists no device: every capture would be refused`
          : `${files.devices.fileName} has no accepted device (${deviceRowCount} row(s), all refused): every capture would be refused`,
        { file: files.devices.fileName, rows: deviceRowCount },
      );
    }
    for (const file of files.captures) {
      if (file.deviceId !== undefined && !devices.has(file.deviceId)) {
        throw new DomainError(
          'INGEST.UNKNOWN_DEVICE_FILE',
          `${file.fileName} is attributed to device ${file.deviceId}, which is not an accepted row of ${files.devices.fileName}`,
          { file: file.fileName, deviceId: file.deviceId },
        );
      }
      // Deciding the encoding reads the whole file: a cut or corrupt file is found here, before any row.
      this.encodings.set(file, await detectSourceEncoding(file));
      await firstRecord(readCaptures(file, { devices }, 1));
    }
    this.encodings.set(files.consents, await detectSourceEncoding(files.consents));
    await firstRecord(readConsents(files.consents, { firmTimezone }, 1));
  }

  /**
   * Re-hashes the stored copy of a batch's file and proves it unchanged since receipt; the check itself is
   * logged. Throws INGEST.BATCH_NOT_FOUND, or INGEST.EVIDENCE_ALTERED when the bytes differ.
   */
  async verify(batchId: string, operator = this.config.operator) {
    const batch = /^\d+$/.test(batchId) ? await this.batches.findById(batchId) : null;
    if (!batch) throw new DomainError('INGEST.BATCH_NOT_FOUND', `No ingest batch ${batchId}`, { batchId });
    // The hash and place the custody chain recorded at receipt win over the row's (which an owner could edit).
    const received = await this.custody.receivedBatch(batch.id);
    const recorded = received?.sha256 ?? batch.sha256;
    const { sha256: actual, size } = await this.evidence
      .sha256Of(received?.storagePath ?? batch.storagePath)
      .catch(() => ({ sha256: null, size: null }));
    const intact = actual === recorded && batch.sha256 === recorded && size === Number(batch.fileSize);
    // A file the retention job removed is gone by rule and on record (its hash and rows stay): said, not raised.
    const [retired] =
      actual === null && batch.sha256 === recorded ? await this.retention.retiredBatchFiles([batch.id]) : [];
    await this.auditLog.append(operator, 'ingest.batch.verified', 'ingest_batch', batch.id, {
      intact,
      actual,
      ...(retired ? { retired: retired.recordId } : {}),
    });
    const result = {
      batch: batch.id,
      fileName: batch.fileName,
      kind: batch.kind,
      receivedAt: batch.receivedAt.toISOString(),
      submittedBy: batch.submittedBy,
      storagePath: batch.storagePath,
      recordedSha256: recorded,
      actualSha256: actual,
      intact,
      retired: retired
        ? { retentionRecord: retired.recordId, case: retired.caseNumber, removedAt: retired.removedAt }
        : null,
    };
    if (!intact && !retired) {
      throw new DomainError(
        'INGEST.EVIDENCE_ALTERED',
        `Stored file of batch ${batch.id} no longer matches its recorded SHA-256`,
        result,
      );
    }
    return result;
  }

  /**
   * Failed batches, of one firm (by credit code) or of all, oldest first, with their reason: `ingest failed`.
   * Throws AUDIT.FIRM_NOT_FOUND for an unknown credit code.
   */
  async failedBatches(creditCode?: string) {
    let firmId: string | undefined;
    if (creditCode !== undefined) {
      const firm = await this.registry.findFirm(creditCode);
      if (!firm) {
        throw new DomainError(
          'AUDIT.FIRM_NOT_FOUND',
          `No firm with credit code ${creditCode} has been ingested`,
          {
            creditCode,
          },
        );
      }
      firmId = firm.id;
    }
    return (await this.batches.failed(firmId)).map((b) => ({
      batch: b.id,
      firm: b.firmCreditCode,
      kind: b.kind,
      fileName: b.fileName,
      sha256: b.sha256,
      code: b.code,
      message: b.message,
      receivedAt: b.receivedAt.toISOString(),
      failedAt: b.failedAt?.toISOString() ?? null,
    }));
  }

  /**
   * Discards a failed batch, or a receiving one an interrupted ingest left, so the firm can be audited without
   * it (its rows, if any, go with the status change; the raw file and the batch row stay). Logged. Throws
   * INGEST.BATCH_NOT_FOUND, or INGEST.BATCH_NOT_DISCARDABLE for a completed or already discarded batch.
   */
  async discard(batchId: string, operator = this.config.operator) {
    const batch = /^\d+$/.test(batchId) ? await this.batches.findById(batchId) : null;
    if (!batch) throw new DomainError('INGEST.BATCH_NOT_FOUND', `No ingest batch ${batchId}`, { batchId });
    if (!(await this.batches.discard(batch.id, this.clock.now()))) {
      throw new DomainError(
        'INGEST.BATCH_NOT_DISCARDABLE',
        `Batch ${batch.id} (${batch.fileName}) is ${batch.status}: only a failed or receiving batch can be discarded`,
        { batchId: batch.id, status: batch.status },
      );
    }
    await this.auditLog.append(operator, 'ingest.batch.discarded', 'ingest_batch', batch.id, {
      previous: { status: batch.status, code: batch.failureCode, message: batch.failureMessage },
    });
    return {
      batch: batch.id,
      kind: batch.kind,
      fileName: batch.fileName,
      sha256: batch.sha256,
      status: 'discarded',
    };
  }

  /**
   * The quarantined records of these batches, rejected and conflicting, streamed a page at a time in file
   * and line order, each named by file, line and the file's SHA-256.
   */
  quarantined(batchIds: string[], pageSize?: number): AsyncGenerator<QuarantinedRow[]> {
    return this.batches.quarantined(batchIds, pageSize);
  }

  /** A batch's reconciled counts and its quarantine (streamed); throws INGEST.BATCH_NOT_FOUND. */
  async quarantineOf(batchId: string): Promise<{
    batch: { id: string; kind: string; fileName: string; sha256: string } & FileCounts;
    records: AsyncGenerator<QuarantinedRow[]>;
  }> {
    const batch = /^\d+$/.test(batchId) ? await this.batches.findById(batchId) : null;
    if (!batch) throw new DomainError('INGEST.BATCH_NOT_FOUND', `No ingest batch ${batchId}`, { batchId });
    return {
      batch: {
        id: batch.id,
        kind: batch.kind,
        fileName: batch.fileName,
        sha256: batch.sha256,
        ...countsOf(batch),
      },
      records: this.batches.quarantined([batch.id]),
    };
  }

  /** Opens (or finds) the batch of a file's bytes, keeping the sealed raw copy; logged as received. */
  async openBatch(
    firmId: string,
    kind: 'firm' | 'devices' | 'captures' | 'consents',
    file: SourceFile,
    format: string,
    operator: string,
    from: string,
  ): Promise<IngestBatchEntity> {
    const { sha256, size } = await hashFile(file.path);
    const entry = file.zipEntry ?? '';
    const existing = await this.batches.findByContent(firmId, kind, sha256, entry);
    if (existing?.status === 'completed') {
      await this.auditLog.append(operator, 'ingest.batch.resubmitted', 'ingest_batch', existing.id, {
        fileName: file.fileName,
        sha256,
      });
      return existing;
    }
    if (existing && (existing.status === 'failed' || existing.status === 'discarded')) {
      // The same bytes again: another attempt at the failed (or discarded) batch, from a clean slate.
      if (await this.batches.reopen(existing.id)) {
        await this.auditLog.append(operator, 'ingest.batch.retried', 'ingest_batch', existing.id, {
          fileName: file.fileName,
          sha256,
          previous: { status: existing.status, code: existing.failureCode, message: existing.failureMessage },
        });
      }
    }
    const storagePath = await this.evidence.keep(file.path, sha256);
    const batch = await this.batches.open({
      firmId,
      kind,
      fileName: file.fileName,
      fileSize: size,
      sha256,
      format: file.gzip ? `${format}+gzip` : format,
      encoding: kind === 'firm' ? 'utf-8' : (this.encodings.get(file) ?? (await detectSourceEncoding(file))),
      sourceEntry: entry,
      captureFormat: kind === 'captures' ? (file.captureFormat ?? `canonical-${file.format}`) : null,
      submittedBy: operator,
      submittedFrom: from,
      receivedAt: this.clock.now(),
      storagePath,
    });
    await this.auditLog.append(operator, 'ingest.batch.received', 'ingest_batch', batch.id, {
      kind,
      fileName: file.fileName,
      entry,
      sha256,
      size,
    });
    return batch;
  }

  /**
   * One file into one batch. With Redis, a file longer than one chunk is split and its chunks are stored
   * by any number of workers; otherwise this process runs the same chunk handler over the whole file.
   */
  async ingestFile(
    kind: 'captures' | 'consents',
    file: SourceFile,
    to: IngestTarget,
    onProgress: IngestProgress | undefined,
    failures: FailedBatchReport[],
  ): Promise<IngestBatchEntity> {
    const batch = await this.openBatch(to.firmId, kind, file, file.format, to.operator, to.from);
    if (batch.status === 'completed') return batch;
    try {
      return await this.receiveFile(kind, file, batch, to, onProgress);
    } catch (error) {
      // A file that cannot be read to its end (cut, corrupt, changed) fails its batch: its rows go with the
      // status change, the reason stays. Anything else (a lost connection, a bug) leaves the batch receiving,
      // to be resumed by the next run.
      if (!isDomainError(error) || !error.code.startsWith('INGEST.')) throw error;
      if (await this.batches.markFailed(batch.id, error.code, error.message, this.clock.now())) {
        await this.auditLog.append(to.operator, 'ingest.batch.failed', 'ingest_batch', batch.id, {
          code: error.code,
          message: error.message,
        });
      }
      const failed = (await this.batches.findById(batch.id))!;
      failures.push({
        batch: failed.id,
        kind,
        fileName: failed.fileName,
        sha256: failed.sha256,
        code: failed.failureCode ?? error.code,
        message: failed.failureMessage ?? error.message,
      });
      return failed;
    }
  }

  private async receiveFile(
    kind: 'captures' | 'consents',
    file: SourceFile,
    batch: IngestBatchEntity,
    to: IngestTarget,
    onProgress?: IngestProgress,
  ): Promise<IngestBatchEntity> {
    const { firmId } = to;
    // Batch ids are only unique within one database; a Redis may outlive it, so each submission has its own id.
    const flowId = `${batch.id}-${randomUUID()}`;
    const chunk = (no: number, firstLine: number, p: string): JobDataByName['IngestChunk'] => ({
      flowId,
      batchId: batch.id,
      firmId,
      kind,
      chunkNo: no,
      firstLine,
      path: p,
      format: file.format,
      captureFormat: file.captureFormat,
      deviceId: file.deviceId,
      firmTimezone: to.firmTimezone,
    });
    if (to.distribute && !file.zipEntry) {
      const workDir = path.join(this.config.home, 'work', `batch-${batch.id}`);
      const pieces = await splitIntoChunks(file, workDir, linesPerChunk(file, this.config.jobs.chunkLines));
      const jobs = pieces.map((c) => chunk(c.chunkNo, c.firstLine, c.path));
      const poll = setInterval(() => {
        void this.batches.chunkTotals(batch.id).then((t) => onProgress?.(kind, t.read));
      }, 500);
      try {
        await this.runner.run(jobs, { flowId, batchId: batch.id, kind, chunks: jobs.length, workDir });
      } finally {
        clearInterval(poll);
      }
      return (await this.batches.findById(batch.id))!;
    }
    await this.ingestChunk(chunk(0, 1, file.path), file, onProgress);
    return this.completeBatch(batch.id, kind);
  }

  /**
   * Stores one chunk of a batch's file (the whole file when not split). Idempotent: a chunk already recorded
   * is skipped, and a chunk interrupted half-way and retried re-inserts nothing, since every row conflicts.
   * Its ledger row is written only after every row of it is stored.
   */
  async ingestChunk(
    job: JobDataByName['IngestChunk'],
    original?: SourceFile,
    onProgress?: IngestProgress,
  ): Promise<{ read: number; skipped: number }> {
    if (await this.batches.chunkRecorded(job.batchId, job.chunkNo)) return { read: 0, skipped: 0 };
    const file: SourceFile = original ?? {
      path: job.path,
      fileName: path.basename(job.path),
      format: job.format,
      gzip: false,
      encoding: 'utf-8',
      captureFormat: job.captureFormat as SourceFile['captureFormat'],
      deviceId: job.deviceId,
    };
    // Line numbers in a chunk file count from its own start (and CSV chunks repeat the header).
    const offset = original ? 0 : job.firstLine - (job.format === 'csv' ? 2 : 1);
    let read = 0;
    let skipped = 0;
    let pending: Promise<unknown> = Promise.resolve();
    // Subject references that are personal identifiers are stored as pseudonyms; their sealed clear form is
    // recorded before the rows that carry them (a new pseudonymiser per chunk: a retry records them again),
    // sealed on this thread.
    if (job.kind === 'captures') {
      const registered = await this.registry.devicesOf(job.firmId);
      // The custody digest of the batch's finished runs of rows is computed as they finish, on a connection of
      // its own beside the copies, instead of all at the batch's completion.
      const runs = await this.store.runDigests(job.batchId);
      // Parsing, validation, pseudonymisation and encoding run in a worker thread (for all but small files): this
      // thread only seals the chunk's new identities and stores it (and, on the embedded engine, runs the
      // database itself).
      const parser = captureChunkSource(
        {
          batchId: job.batchId,
          firmId: job.firmId,
          file,
          lineOffset: offset,
          devices: registered,
          window: this.windowOf(job),
        },
        () => this.pseudonymKey(),
        (await stat(file.path)).size,
      );
      try {
        for await (const c of parser.chunks()) {
          read += c.read;
          skipped += c.skipped;
          // One chunk is written while the worker parses the next: the database works while the file is read.
          await pending;
          pending = this.sealIdentities(c.identities)
            .then(() =>
              c.captures.count + c.rejected.length > 0
                ? this.store
                    .storeCaptures(job.batchId, job.firmId, c.captures, c.rejected)
                    .then(() => runs.advance())
                : undefined,
            )
            .then(() => parser.stored(c));
          // Awaited in turn; meanwhile a failure must not count as unhandled.
          pending.catch(() => undefined);
          onProgress?.('captures', read);
        }
        await pending;
      } finally {
        // A file that fails half-way fails its batch only once the chunk being stored has settled.
        await pending.catch(() => undefined);
        await parser.close();
      }
      await runs.settle();
    } else {
      const subjects = new SubjectPseudonymiser(() => this.pseudonymKey());
      const pseudonymise = (ref: string) => subjects.pseudonymise(ref);
      const ctx = { firmTimezone: job.firmTimezone, window: this.windowOf(job), pseudonymise };
      for await (const rows of readConsents(file, ctx, CHUNK)) {
        const ok: ConsentToStore[] = [];
        const bad: QuarantineToStore[] = [];
        for (const r of rows) {
          if (r.ok) ok.push({ line: r.line + offset, record: r.record });
          else bad.push({ ...quarantined(r), line: r.line + offset });
        }
        read += rows.length;
        await pending;
        pending = this.sealIdentities(subjects.drain()).then(() =>
          this.store.storeConsents(job.batchId, job.firmId, ok, bad),
        );
        onProgress?.('consents', read);
      }
    }
    await pending;
    await this.batches.recordChunk(job.batchId, job.chunkNo, job.firstLine, read, skipped, this.clock.now());
    return { read, skipped };
  }

  private subjectKey: Buffer | null = null;
  private sealingKeys: Keyring | null = null;

  /** The pseudonym key (BIOAUDIT_PSEUDONYM_KEY, or derived from the master key), loaded on first need. */
  private pseudonymKey(): Buffer {
    this.subjectKey ??= pseudonymKeyOf(this.config.keys);
    return this.subjectKey;
  }

  /** Seals the clear references newly pseudonymised into subject_identity (only authorised roles read it). */
  private async sealIdentities(fresh: PseudonymisedRef[]): Promise<void> {
    if (fresh.length === 0) return;
    this.sealingKeys ??= loadKeyring(this.config.keys);
    const keys = this.sealingKeys;
    await this.identities.record(
      fresh.map(({ pseudonym, ref }) => ({ pseudonym, sealedRef: sealSubjectRef(keys, pseudonym, ref) })),
    );
  }

  /**
   * The plausible window of a chunk's times: up to now (when the chunk is read, on whichever worker) plus the
   * configured tolerance, which also absorbs the minutes between a file's first and last chunk.
   */
  private windowOf(job: JobDataByName['IngestChunk']): TimeWindow {
    void job;
    return plausibleWindow(this.clock.now().getTime(), this.config.ingest.futureToleranceMs);
  }

  /** Closes a batch once every chunk is stored; removes the work files of a split batch. */
  async completeBatch(
    batchId: string,
    kind: 'captures' | 'consents',
    workDir?: string,
    expectedChunks = 1,
  ): Promise<IngestBatchEntity> {
    const batch = (await this.batches.findById(batchId))!;
    const { chunks } = await this.batches.chunkTotals(batchId);
    // Never close a batch on a partial ledger: its counts would no longer reconcile with the file.
    if (batch.status !== 'completed' && chunks < expectedChunks) {
      throw new Error(`batch ${batchId}: only ${chunks} of ${expectedChunks} chunks are stored`);
    }
    if (batch.status !== 'completed') await this.close(batch, kind);
    if (workDir) await rm(workDir, { recursive: true, force: true });
    return (await this.batches.findById(batchId))!;
  }

  /**
   * Counts come from what the store holds for the batch, so a resumed or retried batch still reconciles:
   * read = accepted + duplicates + conflicts + skipped + rejected, duplicates being what is left.
   */
  private async close(batch: IngestBatchEntity, kind: 'captures' | 'consents'): Promise<IngestBatchEntity> {
    const { read, skipped } = await this.batches.chunkTotals(batch.id);
    const { accepted, rejected, conflicts } = await this.store.storedCounts(batch.id, kind);
    const duplicates = read - accepted - conflicts - skipped - rejected;
    const counts = { read, accepted, duplicates, conflicts, skipped, rejected };
    await this.batches.complete(batch.id, counts, this.clock.now());
    return (await this.batches.findById(batch.id))!;
  }
}
