import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/common';
import { QUEUE_ERRORS, type JobDataByName, type JobHandlers, type JobName } from '@app/queue';
import { AuditLogRepository, IngestBatchRepository } from '@app/persistence';
import { failBatch } from './distributed-ingest-failure';
import { IngestService } from './ingest.service';
import { InspectionService } from './inspection.service';

/** The inspection pipeline as queue jobs: the same code runs on a BullMQ worker or inline. */
@Injectable()
export class InspectionJobHandlers implements JobHandlers {
  constructor(
    private readonly inspection: InspectionService,
    private readonly ingest: IngestService,
    private readonly batches: IngestBatchRepository,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async IngestChunk(data: JobDataByName['IngestChunk']) {
    // A batch already failed (its caller gave up, or another chunk failed for good) takes no more rows.
    const batch = await this.batches.findById(data.batchId);
    if (batch?.status === 'failed') {
      throw new DomainError(
        QUEUE_ERRORS.BATCH_FAILED,
        `batch ${data.batchId} has failed: chunk ${data.chunkNo} not stored`,
      );
    }
    return this.ingest.ingestChunk(data);
  }

  /** A chunk or a batch's completion that failed for good fails its batch (the flow's parent fails too). */
  async failedForGood(name: JobName, data: unknown, reason: string): Promise<void> {
    if (name !== 'IngestChunk' && name !== 'CompleteBatch') return;
    const job = data as JobDataByName['IngestChunk'] | JobDataByName['CompleteBatch'];
    const what =
      name === 'IngestChunk' ? `chunk ${(job as JobDataByName['IngestChunk']).chunkNo}` : 'completion';
    await failBatch(
      { batches: this.batches, auditLog: this.auditLog },
      'worker',
      job.batchId,
      QUEUE_ERRORS.BATCH_FAILED,
      `${what} failed for good: ${reason}`,
    );
  }

  async CompleteBatch(data: JobDataByName['CompleteBatch']) {
    const b = await this.ingest.completeBatch(data.batchId, data.kind, data.workDir, data.chunks);
    return {
      batch: b.id,
      read: b.readCount,
      accepted: b.acceptedCount,
      duplicates: b.duplicateCount,
      conflicts: b.conflictCount,
      skipped: b.skippedCount,
      rejected: b.rejectedCount,
    };
  }

  async InspectFolder(data: JobDataByName['InspectFolder'], progress: (p: number) => Promise<void>) {
    let last = 0;
    const report = await this.inspection.inspect(data.folder, {
      operator: data.operator,
      decisionDate: data.decisionDate,
      outDir: data.outDir,
      distribute: false,
      onProgress: (_kind, n) => {
        if (n - last >= 50_000) {
          last = n;
          void progress(n);
        }
      },
    });
    return { case: report.case, caseFile: report.caseFile, ingest: report.ingest };
  }

  async AuditFirm(data: JobDataByName['AuditFirm']) {
    const { audit, penalty } = await this.inspection.auditAndAssess(data.creditCode, {
      operator: data.operator,
      decisionDate: data.decisionDate,
    });
    return { caseNumber: audit.caseNumber, reused: audit.reused, amount: penalty?.amount ?? null };
  }
}
