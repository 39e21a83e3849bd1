import type { Database } from '../data-source';
import { IngestBatchEntity } from '../entities/ingest-batch.entity';
import { CONFLICT_CODES } from './evidence.repository';

export interface NewIngestBatch {
  firmId: string;
  kind: 'firm' | 'devices' | 'captures' | 'consents';
  fileName: string;
  fileSize: number;
  sha256: string;
  format: string;
  encoding: string;
  submittedBy: string;
  submittedFrom: string;
  receivedAt: Date;
  storagePath: string;
  /** The entry inside an archive ('' for a plain file). */
  sourceEntry?: string;
  captureFormat?: string | null;
}

/** A batch's reconciled counts: read = accepted + duplicates + conflicts + skipped + rejected. */
export interface BatchCounts {
  read: number;
  accepted: number;
  /** Identical repeats of a stored record. */
  duplicates: number;
  /** Different records under a stored identity (a device's event id, a firm's consent id): quarantined. */
  conflicts: number;
  skipped: number;
  rejected: number;
}

/** A batch that is not evidence (failed, or still receiving), with why: what `ingest` and `ingest failed` list. */
export interface UnfinishedBatch {
  id: string;
  kind: string;
  fileName: string;
  sha256: string;
  status: 'receiving' | 'failed';
  /** The stable code of the failure (null while receiving). */
  code: string | null;
  message: string | null;
  receivedAt: Date;
  failedAt: Date | null;
}

/** One quarantined record, named by the firm's file, its line and the batch's SHA-256 (never a row id). */
export interface QuarantinedRow {
  fileName: string;
  batchSha256: string;
  lineNo: number;
  field: string | null;
  reasonCode: string;
  message: string;
  kind: 'rejected' | 'conflict';
}

/** Ingest batches: one per distinct file received for a firm, with its chain-of-custody facts and counts. */
type Querier = { query: (sql: string, params?: unknown[]) => Promise<unknown> };

export class IngestBatchRepository {
  constructor(private readonly db: Database) {}

  private get repo() {
    return this.db.dataSource.getRepository(IngestBatchEntity);
  }

  /** The batch that already holds these exact bytes (or archive entry) for this firm and kind, if any. */
  findByContent(
    firmId: string,
    kind: string,
    sha256: string,
    sourceEntry = '',
  ): Promise<IngestBatchEntity | null> {
    return this.repo.findOneBy({ firmId, kind, sha256, sourceEntry });
  }

  findById(id: string): Promise<IngestBatchEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** Opens a batch in `receiving` state, or returns the existing one for the same content (idempotent). */
  async open(b: NewIngestBatch): Promise<IngestBatchEntity> {
    await this.db.dataSource.query(
      `INSERT INTO ingest_batch (firm_id, kind, file_name, file_size, sha256, format, encoding, submitted_by,
         submitted_from, received_at, storage_path, status, source_entry, capture_format)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'receiving', $12, $13)
       ON CONFLICT (firm_id, kind, sha256, source_entry) DO NOTHING`,
      [
        b.firmId,
        b.kind,
        b.fileName,
        b.fileSize,
        b.sha256,
        b.format,
        b.encoding,
        b.submittedBy,
        b.submittedFrom,
        b.receivedAt,
        b.storagePath,
        b.sourceEntry ?? '',
        b.captureFormat ?? null,
      ],
    );
    return (await this.findByContent(b.firmId, b.kind, b.sha256, b.sourceEntry ?? ''))!;
  }

  /** Records that a chunk of the batch's file is stored (once: a retried chunk changes nothing). */
  async recordChunk(
    batchId: string,
    chunkNo: number,
    firstLine: number,
    read: number,
    skipped: number,
    at: Date,
  ): Promise<void> {
    await this.db.dataSource.query(
      `INSERT INTO ingest_chunk (batch_id, chunk_no, first_line, read_count, skipped_count, completed_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (batch_id, chunk_no) DO NOTHING`,
      [batchId, chunkNo, firstLine, read, skipped, at],
    );
  }

  async chunkRecorded(batchId: string, chunkNo: number): Promise<boolean> {
    const rows = await this.db.dataSource.query<unknown[]>(
      `SELECT 1 FROM ingest_chunk WHERE batch_id = $1 AND chunk_no = $2`,
      [batchId, chunkNo],
    );
    return rows.length > 0;
  }

  /** Records read and skipped over the batch's finished chunks. */
  async chunkTotals(batchId: string): Promise<{ chunks: number; read: number; skipped: number }> {
    const [r] = await this.db.dataSource.query<{ chunks: number; read: number; skipped: number }[]>(
      `SELECT count(*)::int AS chunks, COALESCE(sum(read_count), 0)::int AS read, COALESCE(sum(skipped_count), 0)::int AS skipped
       FROM ingest_chunk WHERE batch_id = $1`,
      [batchId],
    );
    return r;
  }

  /**
   * Records the reconciled counts and closes the batch: from here its rows are evidence (every evidence read
   * joins on `status = 'completed'`, so this one statement is what makes them visible). Only a receiving
   * batch completes: a batch failed meanwhile (a chunk that failed for good) stays failed.
   */
  async complete(id: string, counts: BatchCounts, at: Date): Promise<boolean> {
    return this.transition(id, ['receiving'], (m) =>
      m.query(
        `UPDATE ingest_batch SET status = 'completed', completed_at = $2, read_count = $3, accepted_count = $4,
           duplicate_count = $5, conflict_count = $6, skipped_count = $7, rejected_count = $8
         WHERE id = $1`,
        [
          id,
          at,
          counts.read,
          counts.accepted,
          counts.duplicates,
          counts.conflicts,
          counts.skipped,
          counts.rejected,
        ],
      ),
    );
  }

  /**
   * Fails a receiving batch with a stable reason code and a one-line message. In one transaction the rows it
   * had stored (captures, consents, quarantined lines, its chunk ledger) are removed and the status set, so a
   * failed batch never holds evidence and a later file carrying the same records stores them afresh. The raw
   * file and the batch row stay (chain of custody). Returns false, changing nothing, when the batch is not
   * receiving (already completed, failed or discarded): callable by any worker, any number of times.
   */
  async markFailed(batchId: string, code: string, message: string, at: Date = new Date()): Promise<boolean> {
    return this.transition(batchId, ['receiving'], async (m) => {
      await this.removeRows(m, batchId);
      await m.query(
        `UPDATE ingest_batch SET status = 'failed', failure_code = $2, failure_message = $3, failed_at = $4,
           completed_at = NULL, read_count = 0, accepted_count = 0, duplicate_count = 0, conflict_count = 0,
           skipped_count = 0, rejected_count = 0
         WHERE id = $1`,
        [batchId, code, message.slice(0, 2000), at],
      );
    });
  }

  /**
   * Re-opens a failed or discarded batch for another attempt (the same bytes received again), clearing its
   * failure. Returns false when the batch is not failed or discarded.
   */
  async reopen(batchId: string): Promise<boolean> {
    return this.transition(batchId, ['failed', 'discarded'], (m) =>
      m.query(
        `UPDATE ingest_batch SET status = 'receiving', failure_code = NULL, failure_message = NULL, failed_at = NULL
         WHERE id = $1`,
        [batchId],
      ),
    );
  }

  /**
   * Discards a failed batch, or a receiving one abandoned by a crash, so the firm can be audited without it:
   * its rows (if any) are removed with the status change, in one transaction. Returns false when the batch is
   * completed or already discarded.
   */
  async discard(batchId: string, at: Date = new Date()): Promise<boolean> {
    return this.transition(batchId, ['failed', 'receiving'], async (m) => {
      await this.removeRows(m, batchId);
      await m.query(
        `UPDATE ingest_batch SET status = 'discarded', failed_at = COALESCE(failed_at, $2),
           failure_code = COALESCE(failure_code, 'INGEST.ABANDONED'),
           failure_message = COALESCE(failure_message, 'discarded while receiving')
         WHERE id = $1`,
        [batchId, at],
      );
    });
  }

  /** Runs `apply` in one transaction if the batch, locked, is in one of `from`; true when it ran. */
  private transition(
    batchId: string,
    from: string[],
    apply: (m: Querier) => Promise<unknown>,
  ): Promise<boolean> {
    return this.db.dataSource.transaction(async (m) => {
      const locked = await m.query<{ status: string }[]>(
        `SELECT status FROM ingest_batch WHERE id = $1 FOR UPDATE`,
        [batchId],
      );
      if (locked.length === 0 || !from.includes(locked[0].status)) return false;
      await apply(m);
      return true;
    });
  }

  private async removeRows(m: Querier, batchId: string) {
    for (const table of ['capture_event', 'consent_record', 'quarantined_record', 'ingest_chunk']) {
      await m.query(`DELETE FROM ${table} WHERE batch_id = $1`, [batchId]);
    }
  }

  /** A firm's batches that are not evidence and not discarded (failed, or receiving), oldest first. */
  async unfinishedOf(firmId: string): Promise<UnfinishedBatch[]> {
    return this.unfinished(`b.firm_id = $1`, [firmId]);
  }

  /** Every failed batch (of every firm, or of one), oldest first: `bioaudit ingest failed`. */
  async failed(firmId?: string): Promise<(UnfinishedBatch & { firmCreditCode: string })[]> {
    return this.unfinished(
      firmId === undefined ? `b.status = 'failed'` : `b.status = 'failed' AND b.firm_id = $1`,
      firmId === undefined ? [] : [firmId],
    );
  }

  private async unfinished(
    where: string,
    params: unknown[],
  ): Promise<(UnfinishedBatch & { firmCreditCode: string })[]> {
    const rows = await this.db.dataSource.query<
      (Omit<UnfinishedBatch, 'receivedAt' | 'failedAt'> & {
        receivedAt: Date | string;
        failedAt: Date | string | null;
        firmCreditCode: string;
      })[]
    >(
      `SELECT b.id::text, b.kind, b.file_name AS "fileName", b.sha256, b.status, b.failure_code AS code,
              b.failure_message AS message, b.received_at AS "receivedAt", b.failed_at AS "failedAt",
              f.credit_code AS "firmCreditCode"
       FROM ingest_batch b JOIN firm f ON f.id = b.firm_id
       WHERE ${where} AND b.status IN ('receiving', 'failed') ORDER BY b.received_at, b.id`,
      params,
    );
    return rows.map((r) => ({
      ...r,
      receivedAt: new Date(r.receivedAt),
      failedAt: r.failedAt === null ? null : new Date(r.failedAt),
    }));
  }

  /** The latest completed batch of each kind for a firm: the evidence an audit rests on. */
  async latestCompleted(firmId: string): Promise<IngestBatchEntity[]> {
    return this.db.dataSource.query<IngestBatchEntity[]>(
      `SELECT DISTINCT ON (kind) id, kind FROM ingest_batch WHERE firm_id = $1 AND status = 'completed'
       ORDER BY kind, received_at DESC, id DESC`,
      [firmId],
    );
  }

  /** Completed batches of a firm, oldest first. */
  completedOf(firmId: string): Promise<IngestBatchEntity[]> {
    return this.repo.find({
      where: { firmId, status: 'completed' },
      order: { receivedAt: 'ASC', id: 'ASC' },
    });
  }

  byIds(ids: string[]): Promise<IngestBatchEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repo.createQueryBuilder('b').where('b.id IN (:...ids)', { ids }).orderBy('b.id').getMany();
  }

  /**
   * The quarantined records of these batches (rejected and conflicting), a page at a time, in a stable
   * order: file name, then line (batch id only to keep two files of one name apart). Keyset-paged on
   * (batch, line), so a listing of millions stays flat in memory.
   */
  async *quarantined(batchIds: string[], pageSize = 5000): AsyncGenerator<QuarantinedRow[]> {
    if (batchIds.length === 0) return;
    const batches = await this.db.dataSource.query<{ id: string; file_name: string }[]>(
      `SELECT id::text, file_name FROM ingest_batch WHERE id = ANY ($1::bigint[]) ORDER BY file_name, id`,
      [batchIds],
    );
    for (const b of batches) {
      let after = 0;
      for (;;) {
        const rows = await this.db.dataSource.query<QuarantinedRow[]>(
          `SELECT b.file_name AS "fileName", b.sha256 AS "batchSha256", q.line_no AS "lineNo", q.field,
                  q.reason_code AS "reasonCode", q.message,
                  CASE WHEN q.reason_code = ANY ($3::text[]) THEN 'conflict' ELSE 'rejected' END AS kind
           FROM quarantined_record q JOIN ingest_batch b ON b.id = q.batch_id
           WHERE q.batch_id = $1 AND q.line_no > $2 ORDER BY q.line_no LIMIT ${Number(pageSize)}`,
          [b.id, after, CONFLICT_CODES],
        );
        if (rows.length === 0) break;
        yield rows;
        after = rows[rows.length - 1].lineNo;
        if (rows.length < pageSize) break;
      }
    }
  }
}
