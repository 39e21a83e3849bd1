import { Injectable } from '@nestjs/common';
import {
  AuditLogRepository,
  RetentionRepository,
  StoredFileRepository,
  type StoredFileRow,
} from '@app/persistence';
import type { SupervisionAlert, SupervisionResult } from './job-result';
import { StoredFileDigest } from './stored-file-digest';
import { SUPERVISION_ACTOR } from './supervision-actor';
import { SUPERVISION_ALERTS } from './supervision.errors';

/** A raw file the retention job removed, as the sweep names it. */
export interface RetiredFile {
  object: string;
  retentionRecord: string;
  case: string;
  removedAt: string;
}

/**
 * Evidence integrity sweep: re-hashes every stored raw evidence file, rendered case file and issued case
 * document against the SHA-256 its row records. A mismatch, a file that no longer authenticates or a missing
 * file is an alert naming the object; nothing is repaired, rewritten or re-rendered — the bytes stay as found
 * for whoever investigates. A raw file that is gone because the retention job removed it (a `retention_file` row
 * names its batch) is reported as retired, with its retention record, not as missing. One run covers the whole
 * store (it does not fan out).
 */
@Injectable()
export class IntegritySweep {
  constructor(
    private readonly files: StoredFileRepository,
    private readonly digest: StoredFileDigest,
    private readonly auditLog: AuditLogRepository,
    private readonly retention: RetentionRepository,
  ) {}

  async run(): Promise<SupervisionResult> {
    const alerts: SupervisionAlert[] = [];
    const retired: RetiredFile[] = [];
    const checked = { ingest_batch: 0, case_file: 0, case_document: 0 };
    let intact = 0;
    for await (const page of this.files.files()) {
      const missing: StoredFileRow[] = [];
      for (const f of page) {
        checked[f.table]++;
        const found = await this.digest.check(f.storagePath, f.sha256);
        if (found.state === 'intact') {
          intact++;
        } else if (found.state === 'missing') {
          missing.push(f);
        } else {
          const what = found.actual.startsWith('KEYS.')
            ? `does not authenticate (${found.actual})`
            : `hashes to ${found.actual}`;
          alerts.push({
            code: SUPERVISION_ALERTS.EVIDENCE_ALTERED,
            object: f.label,
            message: `${f.label}: the stored file ${f.storagePath} ${what}, recorded sha256 ${f.sha256}`,
          });
        }
      }
      // Asked after the re-hash: a file the retention job removes meanwhile was recorded before it went.
      const records = new Map(
        (
          await this.retention.retiredBatchFiles(
            missing.filter((f) => f.table === 'ingest_batch').map((f) => f.id),
          )
        ).map((r) => [r.batchId, r]),
      );
      for (const f of missing) {
        const record = f.table === 'ingest_batch' ? records.get(f.id) : undefined;
        if (record) {
          retired.push({
            object: f.label,
            retentionRecord: record.recordId,
            case: record.caseNumber,
            removedAt: record.removedAt,
          });
          continue;
        }
        alerts.push({
          code: SUPERVISION_ALERTS.EVIDENCE_MISSING,
          object: f.label,
          message: `${f.label}: the stored file ${f.storagePath} is missing (recorded sha256 ${f.sha256})`,
        });
      }
    }
    const summary = {
      rawFiles: checked.ingest_batch,
      caseFiles: checked.case_file,
      caseDocuments: checked.case_document,
      intact,
      altered: alerts.filter((a) => a.code === SUPERVISION_ALERTS.EVIDENCE_ALTERED).length,
      missing: alerts.filter((a) => a.code === SUPERVISION_ALERTS.EVIDENCE_MISSING).length,
      retired: retired.length,
      ...(retired.length > 0 ? { retiredFiles: retired } : {}),
    };
    await this.auditLog.append(SUPERVISION_ACTOR, 'evidence.swept', 'stored_file', null, {
      rawFiles: summary.rawFiles,
      caseFiles: summary.caseFiles,
      caseDocuments: summary.caseDocuments,
      intact: summary.intact,
      altered: summary.altered,
      missing: summary.missing,
      retired: summary.retired,
      objects: alerts.map((a) => a.object),
    });
    return alerts.length > 0 ? { summary, alerts } : { summary };
  }
}
