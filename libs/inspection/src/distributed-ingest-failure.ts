import type { AuditLogRepository, IngestBatchRepository } from '@app/persistence';

/**
 * A batch whose chunks could not all be stored (a chunk failed for good, the workers never finished): the
 * batch is marked failed, so it is not evidence, and the reason goes to the audit log. Called by the worker
 * that saw the failure and by the caller that waited for it; the second call changes nothing.
 */
export async function failBatch(
  repos: { batches: IngestBatchRepository; auditLog: AuditLogRepository },
  actor: string,
  batchId: string,
  code: string,
  message: string,
): Promise<void> {
  // markFailed changes only a receiving batch, under a row lock: of concurrent callers, one logs.
  if (!(await repos.batches.markFailed(batchId, code, message))) return;
  await repos.auditLog.append(actor, 'ingest.batch.failed', 'ingest_batch', batchId, { code, message });
}
