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

  /** Records the reconciled counts and closes the batch. */
  async complete(id: string, counts: BatchCounts, at: Date): Promise<void> {
    await this.repo.update(
      { id },
      {
        status: 'completed',
        completedAt: at,
        readCount: counts.read,
        acceptedCount: counts.accepted,
        duplicateCount: counts.duplicates,
        conflictCount: counts.conflicts,
        skippedCount: counts.skipped,
        rejectedCount: counts.rejected,
      },
    );
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
