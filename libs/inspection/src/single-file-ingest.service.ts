import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { hashFile, plausibleWindow, type SourceFile } from '@app/ingestion';
import { AuditLogRepository, IngestBatchRepository, type IngestBatchEntity } from '@app/persistence';
import { IngestService, type FailedBatchReport } from './ingest.service';

/** Who received a file, from where, and the custody facts the audit log (and so the chain) records with it. */
export interface SingleFileReceipt {
  firmId: string;
  firmTimezone: string;
  operator: string;
  /** The batch's `submitted_from`: where the bytes came from (a terminal's URL). */
  from: string;
  /** Recorded with the receipt: device, URL, request window, fetched at, job. */
  custody: Record<string, unknown>;
}

/** What became of one file. */
export interface SingleFileOutcome {
  batch: IngestBatchEntity;
  /** The same bytes were already a completed batch: nothing was stored again. */
  resubmitted: boolean;
  /** Set when reading the file failed its batch (its rows removed, the reason kept). */
  failure: FailedBatchReport | null;
}

/**
 * One capture file into one batch, outside an inspection folder (a page fetched from a terminal): the
 * folder ingest's own steps — sealed raw copy, batch with custody, the vendor adapter, the identity rules,
 * reconciled counts — with one more audit entry carrying the custody facts of its origin. Kept apart from
 * IngestService so that one does not grow another job.
 */
@Injectable()
export class SingleFileIngestService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly ingest: IngestService,
    private readonly batches: IngestBatchRepository,
    private readonly auditLog: AuditLogRepository,
  ) {}

  /** Ingests a capture file (with its `captureFormat` and `deviceId` set); idempotent on its bytes. */
  async ingestCaptureFile(file: SourceFile, r: SingleFileReceipt): Promise<SingleFileOutcome> {
    const { sha256 } = await hashFile(file.path);
    const before = await this.batches.findByContent(r.firmId, 'captures', sha256, '');
    const failures: FailedBatchReport[] = [];
    const batch = await this.ingest.ingestFile(
      'captures',
      file,
      {
        firmId: r.firmId,
        firmTimezone: r.firmTimezone,
        operator: r.operator,
        from: r.from,
        // One small file: stored by this process, never split for the workers.
        distribute: false,
        window: plausibleWindow(this.clock.now().getTime(), this.config.ingest.futureToleranceMs),
      },
      undefined,
      failures,
    );
    await this.auditLog.append(r.operator, 'ingest.batch.fetched', 'ingest_batch', batch.id, {
      ...r.custody,
      sha256,
      fileName: file.fileName,
    });
    return { batch, resubmitted: before?.status === 'completed', failure: failures[0] ?? null };
  }

  /**
   * Keeps bytes that should have been a capture file but cannot be read as one (a page cut short): sealed
   * and registered as a batch like any received file, then failed with the reason and discarded, so the
   * bytes and why they were set aside stay in the chain of custody while nothing of them counts as evidence.
   */
  async keepUnreadable(
    file: SourceFile,
    r: SingleFileReceipt,
    reason: { code: string; message: string },
  ): Promise<IngestBatchEntity> {
    const batch = await this.ingest.openBatch(r.firmId, 'captures', file, 'json', r.operator, r.from);
    const now = this.clock.now();
    if (await this.batches.markFailed(batch.id, reason.code, reason.message, now)) {
      await this.auditLog.append(r.operator, 'ingest.batch.failed', 'ingest_batch', batch.id, reason);
    }
    if (await this.batches.discard(batch.id, now)) {
      await this.auditLog.append(r.operator, 'ingest.batch.discarded', 'ingest_batch', batch.id, reason);
    }
    await this.auditLog.append(r.operator, 'ingest.batch.fetched', 'ingest_batch', batch.id, {
      ...r.custody,
      sha256: batch.sha256,
      fileName: file.fileName,
      unreadable: reason.message,
    });
    return (await this.batches.findById(batch.id))!;
  }
}
