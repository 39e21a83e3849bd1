import { rm, stat } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { chinaDate } from '@app/law';
import { RetentionRepository, type RetiredFileRow } from '@app/persistence';
import type { SupervisionResult } from './job-result';
import { SUPERVISION_ACTOR } from './supervision-actor';
import { terminalStates } from './terminal-states';

/** One retention run: the job's business key, recorded on what it removed. */
export type RetentionData = {
  jobId: string;
};

/**
 * Retention of closed cases' personal data: a case is retired when it is in a terminal state and more than
 * BIOAUDIT_RETENTION_DAYS days have passed since the day it closed (the latest step into that state). For each
 * retired case, by id:
 * - the sealed clear reference (subject_identity) of each pseudonym of its subjects that nothing live references
 *   — no finding of a case not retired, no capture or consent of a batch not retired — is deleted. The pseudonym
 *   stays in the findings and evidence rows, which are append-only and chained, but can no longer be re-identified
 *   (crypto-shredding);
 * - the stored raw capture and consent files of the batches only retired cases rest on are deleted from the store,
 *   unless a live row points at the same content-addressed copy. The batch rows, their SHA-256 and custody chain,
 *   the findings, case files and documents all stay.
 * What is removed is recorded first (`retention_record`, `retention_file` and the audit log, in one transaction),
 * then the files go, so no file is ever gone without its record: after a crash in between, the next run finds the
 * file still there and removes it under a new record. A run with nothing left to remove records nothing.
 */
@Injectable()
export class CaseRetention {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly retention: RetentionRepository,
  ) {}

  /** `signal`: the schedule's timeout; checked between cases (each case's removal is whole or not at all). */
  async run(data: RetentionData, signal?: AbortSignal): Promise<SupervisionResult> {
    const now = this.clock.now();
    const today = chinaDate(now.getTime());
    const days = this.config.supervision.retentionDays;
    const retired = await this.retention.retiredCases(terminalStates(), today, days);
    const caseIds = retired.map((c) => c.id);
    const batchIds = await this.retention.retiredBatches(caseIds);
    const removed: {
      case: string;
      retentionRecord: string;
      pseudonymsRemoved: number;
      filesRemoved: number;
    }[] = [];
    for (const c of retired) {
      signal?.throwIfAborted();
      const pseudonyms = await this.retention.freePseudonyms(c.id, caseIds, batchIds);
      const files: RetiredFileRow[] = [];
      for (const f of await this.retention.retiredFiles(c.id, batchIds)) {
        if (await exists(f.storagePath)) files.push(f);
      }
      const recorded = await this.retention.recordRemoval({
        caseId: c.id,
        jobId: data.jobId,
        removedAt: now,
        pseudonyms,
        files,
        actor: SUPERVISION_ACTOR,
      });
      if (!recorded) continue;
      for (const p of new Set(recorded.files.map((f) => f.storagePath))) await rm(p, { force: true });
      removed.push({
        case: c.caseNumber,
        retentionRecord: recorded.recordId,
        pseudonymsRemoved: recorded.pseudonyms.length,
        filesRemoved: recorded.files.length,
      });
    }
    return {
      summary: {
        today,
        retentionDays: days,
        retiredCases: retired.length,
        pseudonymsRemoved: removed.reduce((n, r) => n + r.pseudonymsRemoved, 0),
        filesRemoved: removed.reduce((n, r) => n + r.filesRemoved, 0),
        removed,
      },
    };
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}
