import { Injectable } from '@nestjs/common';
import type { JobDataByName, JobHandlers } from '@app/queue';
import { RegistryRepository } from '@app/persistence';
import { IngestService } from './ingest.service';
import { InspectionService } from './inspection.service';

/** The inspection pipeline as queue jobs: the same code runs on a BullMQ worker or inline. */
@Injectable()
export class InspectionJobHandlers implements JobHandlers {
  constructor(
    private readonly inspection: InspectionService,
    private readonly registry: RegistryRepository,
    private readonly ingest: IngestService,
  ) {}

  IngestChunk(data: JobDataByName['IngestChunk']) {
    return this.ingest.ingestChunk(data);
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
    return { caseNumber: audit.caseNumber, reused: audit.reused, amount: penalty.amount };
  }

  /** Nightly: audit every firm whose evidence changed since its last case (unchanged evidence reuses its case). */
  async ReauditAllFirms() {
    const results: { creditCode: string; caseNumber?: string; skipped?: string }[] = [];
    for (const creditCode of await this.registry.allFirms()) {
      try {
        const { audit } = await this.inspection.auditAndAssess(creditCode, { operator: 'scheduler' });
        results.push({ creditCode, caseNumber: audit.caseNumber });
      } catch (e) {
        results.push({ creditCode, skipped: (e as Error).message });
      }
    }
    return results;
  }
}
