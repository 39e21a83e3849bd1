import type { Database } from '../data-source';
import { CONFLICT_CODES } from './evidence.repository';
import type { BatchCounts, QuarantinedRow } from './ingest-batch.repository';
import { scopeCondition, type FirmScope } from './firm-scope';

export interface FirmSummaryRow {
  creditCode: string;
  name: string;
  region: string;
  timezone: string;
  registeredAt: Date;
}

export interface SiteRow {
  siteCode: string;
  name: string;
  siteType: string;
  faceOnlyAccess: boolean;
}

export interface DeviceRow {
  deviceCode: string;
  siteCode: string;
  vendor: string;
  model: string;
  declaredPurpose: string | null;
  timezone: string;
}

/** One month of a firm's captures (in the firm's time zone) and how many of them a capture finding names. */
export interface CoverageMonthRow {
  /** YYYY-MM */
  month: string;
  captures: number;
  /** Captures named by at least one capture finding (no valid consent covered them). */
  flagged: number;
}

/** Batches of one kind and status and their summed counts. */
export interface BatchSummaryRow extends BatchCounts {
  kind: string;
  status: string;
  batches: number;
}

/** An ingest batch with its chain-of-custody facts and reconciled counts. */
export interface BatchRow extends BatchCounts {
  id: string;
  firmCreditCode: string;
  kind: string;
  fileName: string;
  sourceEntry: string;
  fileSize: number;
  sha256: string;
  format: string;
  captureFormat: string | null;
  encoding: string;
  submittedBy: string;
  submittedFrom: string;
  receivedAt: Date;
  completedAt: Date | null;
  status: string;
  failureCode: string | null;
  failureMessage: string | null;
}

const BATCH_COLUMNS = `b.id::text AS id, f.credit_code AS "firmCreditCode", b.kind, b.file_name AS "fileName",
  b.source_entry AS "sourceEntry", b.file_size::float8 AS "fileSize", b.sha256, b.format,
  b.capture_format AS "captureFormat", b.encoding, b.submitted_by AS "submittedBy",
  b.submitted_from AS "submittedFrom", b.received_at AS "receivedAt", b.completed_at AS "completedAt", b.status,
  b.failure_code AS "failureCode", b.failure_message AS "failureMessage", b.read_count AS read,
  b.accepted_count AS accepted, b.duplicate_count AS duplicates, b.conflict_count AS conflicts,
  b.skipped_count AS skipped, b.rejected_count AS rejected`;

/** Read-only views of firms, their registry and their batches for the API, always within a caller's scope. */
export class RegistryQueryRepository {
  constructor(private readonly db: Database) {}

  /** Firms in scope after `afterCreditCode`, by credit code (the unique key is the keyset). */
  firmsPage(scope: FirmScope, afterCreditCode: string | null, limit: number): Promise<FirmSummaryRow[]> {
    const s = scopeCondition(scope, 'f', 3);
    return this.db.dataSource.query(
      `SELECT f.credit_code AS "creditCode", f.name, f.region, f.timezone, f.created_at AS "registeredAt"
       FROM firm f WHERE f.credit_code > $1 AND ${s.sql} ORDER BY f.credit_code LIMIT $2`,
      [afterCreditCode ?? '', limit, ...s.params],
    );
  }

  async firm(scope: FirmScope, creditCode: string): Promise<(FirmSummaryRow & { id: string }) | null> {
    const s = scopeCondition(scope, 'f', 2);
    const [row] = await this.db.dataSource.query<(FirmSummaryRow & { id: string })[]>(
      `SELECT f.id::text AS id, f.credit_code AS "creditCode", f.name, f.region, f.timezone,
              f.created_at AS "registeredAt"
       FROM firm f WHERE f.credit_code = $1 AND ${s.sql}`,
      [creditCode, ...s.params],
    );
    return row ?? null;
  }

  sitesOf(firmId: string): Promise<SiteRow[]> {
    return this.db.dataSource.query(
      `SELECT site_code AS "siteCode", name, site_type AS "siteType", face_only_access AS "faceOnlyAccess"
       FROM site WHERE firm_id = $1 ORDER BY site_code`,
      [firmId],
    );
  }

  devicesOf(firmId: string): Promise<DeviceRow[]> {
    return this.db.dataSource.query(
      `SELECT d.device_code AS "deviceCode", s.site_code AS "siteCode", d.vendor, d.model,
              d.declared_purpose AS "declaredPurpose", d.timezone
       FROM device d JOIN site s ON s.id = d.site_id WHERE d.firm_id = $1 ORDER BY d.device_code`,
      [firmId],
    );
  }

  batchSummaryOf(firmId: string): Promise<BatchSummaryRow[]> {
    return this.db.dataSource.query(
      `SELECT kind, status, count(*)::int AS batches, COALESCE(sum(read_count), 0)::int AS read,
              COALESCE(sum(accepted_count), 0)::int AS accepted, COALESCE(sum(duplicate_count), 0)::int AS duplicates,
              COALESCE(sum(conflict_count), 0)::int AS conflicts, COALESCE(sum(skipped_count), 0)::int AS skipped,
              COALESCE(sum(rejected_count), 0)::int AS rejected
       FROM ingest_batch WHERE firm_id = $1 GROUP BY kind, status ORDER BY kind, status`,
      [firmId],
    );
  }

  /** A firm's batches after `afterId`, oldest first (the primary key is the keyset). */
  batchesOf(firmId: string, afterId: string | null, limit: number): Promise<BatchRow[]> {
    return this.db.dataSource.query(
      `SELECT ${BATCH_COLUMNS} FROM ingest_batch b JOIN firm f ON f.id = b.firm_id
       WHERE b.firm_id = $1 AND b.id > $2 ORDER BY b.id LIMIT $3`,
      [firmId, afterId ?? '0', limit],
    );
  }

  async batch(scope: FirmScope, id: string): Promise<BatchRow | null> {
    const s = scopeCondition(scope, 'f', 2);
    const [row] = await this.db.dataSource.query<BatchRow[]>(
      `SELECT ${BATCH_COLUMNS} FROM ingest_batch b JOIN firm f ON f.id = b.firm_id
       WHERE b.id = $1 AND ${s.sql}`,
      [id, ...s.params],
    );
    return row ?? null;
  }

  /** A batch's quarantined records after input line `afterLine`, by line (unique per batch: the keyset). */
  quarantinePage(batchId: string, afterLine: number, limit: number): Promise<QuarantinedRow[]> {
    return this.db.dataSource.query(
      `SELECT b.file_name AS "fileName", b.sha256 AS "batchSha256", q.line_no AS "lineNo",
              q.field, q.reason_code AS "reasonCode", q.message,
              CASE WHEN q.reason_code = ANY ($4::text[]) THEN 'conflict' ELSE 'rejected' END AS kind
       FROM quarantined_record q JOIN ingest_batch b ON b.id = q.batch_id
       WHERE q.batch_id = $1 AND q.line_no > $2 ORDER BY q.line_no LIMIT $3`,
      [batchId, afterLine, limit, CONFLICT_CODES],
    );
  }

  /**
   * A firm's captures per calendar month in `timezone`, with how many of them any capture finding names
   * (counted once however many findings or cases name them); the rest were covered by a valid consent.
   */
  coverageOf(firmId: string, timezone: string): Promise<CoverageMonthRow[]> {
    return this.db.dataSource.query(
      `WITH flagged AS (
         SELECT DISTINCT unnest(fi.capture_ids) AS capture_id
         FROM finding fi JOIN "case" c ON c.id = fi.case_id
         WHERE c.firm_id = $1 AND fi.kind = 'capture'
       )
       SELECT to_char(ce.occurred_at AT TIME ZONE $2, 'YYYY-MM') AS month, count(*)::int AS captures,
              count(fl.capture_id)::int AS flagged
       FROM capture_event ce LEFT JOIN flagged fl ON fl.capture_id = ce.id
       WHERE ce.firm_id = $1 GROUP BY 1 ORDER BY 1`,
      [firmId, timezone],
    );
  }
}
