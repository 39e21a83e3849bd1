import type { Database } from '../data-source';

export type EvaluationRunKind = 'comparisons' | 'trial-log';

/** A run as listed: everything but the report. */
export interface EvaluationRunSummary {
  id: string;
  kind: EvaluationRunKind;
  createdBy: string;
  regionCode: string | null;
  createdAt: Date;
  fileName: string;
  fileBytes: number;
  fileSha256: string;
  threshold: number | null;
  verdict: string | null;
  vendor: string | null;
  device: string | null;
}

/** A stored run with its claim, its files and the whole report. */
export interface EvaluationRunRow extends EvaluationRunSummary {
  storagePath: string;
  attachments: { name: string; bytes: number; sha256: string }[];
  claim: unknown;
  report: Record<string, unknown>;
}

export type NewEvaluationRun = Omit<EvaluationRunRow, 'id'>;

const SUMMARY = `id::text AS id, kind, created_by AS "createdBy", region_code AS "regionCode",
  created_at AS "createdAt", file_name AS "fileName", file_bytes::float8 AS "fileBytes",
  file_sha256 AS "fileSha256", threshold, verdict, vendor, device`;
const FULL = `${SUMMARY}, storage_path AS "storagePath", attachments, claim, report`;

/**
 * Where a run is visible: an officer with a region sees the runs of accounts of its region (their region code
 * starts with it); without one, every run. Runs of bureau-wide accounts (no region) are the bureau's.
 */
export interface EvaluationRunScope {
  regionPrefix?: string;
}

/** Evaluation runs: appended once, listed newest first, read back for the report. */
export class EvaluationRunRepository {
  constructor(private readonly db: Database) {}

  async add(run: NewEvaluationRun): Promise<string> {
    const [row] = await this.db.dataSource.query<{ id: string }[]>(
      `INSERT INTO evaluation_run (kind, created_by, region_code, created_at, file_name, file_bytes, file_sha256,
         storage_path, attachments, claim, threshold, verdict, vendor, device, report)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id::text AS id`,
      [
        run.kind,
        run.createdBy,
        run.regionCode,
        run.createdAt,
        run.fileName,
        run.fileBytes,
        run.fileSha256,
        run.storagePath,
        JSON.stringify(run.attachments),
        run.claim === null || run.claim === undefined ? null : JSON.stringify(run.claim),
        run.threshold,
        run.verdict,
        run.vendor,
        run.device,
        JSON.stringify(run.report),
      ],
    );
    return row.id;
  }

  /** Runs in `scope`, newest first, at most `limit`; the next page starts `before` the last id. */
  async list(q: EvaluationRunScope & { before?: string; limit: number }): Promise<EvaluationRunSummary[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (q.before !== undefined) where.push(`id < ${param(q.before)}::bigint`);
    if (q.regionPrefix !== undefined) where.push(`region_code LIKE ${param(likePrefix(q.regionPrefix))}`);
    return this.db.dataSource.query<EvaluationRunSummary[]>(
      `SELECT ${SUMMARY} FROM evaluation_run ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id DESC LIMIT ${param(q.limit)}`,
      params,
    );
  }

  /** The run `id` if it is in `scope`, else null (out of scope reads as absent). */
  async find(id: string, scope: EvaluationRunScope): Promise<EvaluationRunRow | null> {
    const params: unknown[] = [id];
    let where = 'id = $1::bigint';
    if (scope.regionPrefix !== undefined) {
      params.push(likePrefix(scope.regionPrefix));
      where += ' AND region_code LIKE $2';
    }
    const rows = await this.db.dataSource.query<EvaluationRunRow[]>(
      `SELECT ${FULL} FROM evaluation_run WHERE ${where}`,
      params,
    );
    return rows[0] ?? null;
  }
}

/** A LIKE pattern for "starts with", the prefix's own wildcards escaped. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
