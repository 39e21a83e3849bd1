import { createHash } from 'node:crypto';
import type { CaptureEventRecord, ConsentRecordInput } from '@app/common';
import type { Database } from '../data-source';
import { withBulkTransaction } from '../bulk/bulk-session';
import { csvRow, pgArray } from '../bulk/csv-encode';

/** A capture accepted by validation, with the database ids it resolves to. */
export interface CaptureToStore {
  line: number;
  key: string;
  deviceDbId: string;
  record: CaptureEventRecord;
}

export interface ConsentToStore {
  line: number;
  record: ConsentRecordInput;
}

/** An input line refused by validation, with the reason. */
export interface QuarantineToStore {
  line: number;
  code: string;
  field: string | null;
  message: string;
  raw: string;
}

const RAW_LIMIT = 64 * 1024;
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * Writes evidence rows in bulk. Each call is one transaction: COPY into a temporary staging table, then one
 * set-based INSERT … ON CONFLICT DO NOTHING, so a chunk is stored whole or not at all and re-sending it
 * (a retry, a re-run, the same file twice) adds nothing.
 */
export class EvidenceRepository {
  constructor(private readonly db: Database) {}

  async storeCaptures(
    batchId: string,
    firmId: string,
    rows: CaptureToStore[],
    rejected: QuarantineToStore[],
  ): Promise<{ inserted: number }> {
    return withBulkTransaction(this.db, async (s) => {
      let inserted = 0;
      if (rows.length > 0) {
        await s.query(`CREATE TEMP TABLE IF NOT EXISTS stage_capture (
          device_id bigint, event_key text, occurred_at timestamptz, event_type text, subject_ref text,
          match_score double precision, masked boolean, purpose text, snapshot_sha256 char(64), line_no integer
        ) ON COMMIT DELETE ROWS`);
        let csv = '';
        for (const r of rows) {
          const c = r.record;
          csv += csvRow([
            r.deviceDbId,
            r.key,
            iso(c.occurredAt),
            c.eventType,
            c.subjectRef,
            c.matchScore,
            c.masked,
            c.purpose,
            c.snapshotSha256,
            r.line,
          ]);
        }
        await s.copyIn('stage_capture', csv);
        const res = await s.query(
          `INSERT INTO capture_event (firm_id, device_id, event_key, occurred_at, event_type, subject_ref, match_score,
             masked, purpose, snapshot_sha256, batch_id, line_no)
           SELECT $1::bigint, s.device_id, s.event_key, s.occurred_at, s.event_type, s.subject_ref, s.match_score,
             s.masked, s.purpose, s.snapshot_sha256, $2::bigint, s.line_no
           FROM stage_capture s
           -- Referential integrity, set-based (capture_event has no row-level foreign keys, for speed):
           JOIN device d ON d.id = s.device_id AND d.firm_id = $1::bigint
           JOIN ingest_batch b ON b.id = $2::bigint AND b.firm_id = $1::bigint
           ORDER BY s.line_no
           ON CONFLICT (device_id, event_key) DO NOTHING`,
          [firmId, batchId],
        );
        inserted = res.rowCount;
      }
      await this.quarantine(s, batchId, rejected);
      return { inserted };
    });
  }

  async storeConsents(
    batchId: string,
    firmId: string,
    rows: ConsentToStore[],
    rejected: QuarantineToStore[],
  ): Promise<{ inserted: number }> {
    return withBulkTransaction(this.db, async (s) => {
      let inserted = 0;
      if (rows.length > 0) {
        await s.query(`CREATE TEMP TABLE IF NOT EXISTS stage_consent (
          consent_id text, subject_ref text, given_at timestamptz, purposes text[], method text, separate_consent boolean,
          guardian_consent boolean, subject_birth_date date, withdrawn_at timestamptz, expires_at timestamptz,
          notice_version text, line_no integer
        ) ON COMMIT DELETE ROWS`);
        let csv = '';
        for (const { line, record: c } of rows) {
          csv += csvRow([
            c.consentId,
            c.subjectRef,
            iso(c.givenAt),
            pgArray(c.purposes),
            c.method,
            c.separateConsent,
            c.guardianConsent,
            c.subjectBirthDate,
            iso(c.withdrawnAt),
            iso(c.expiresAt),
            c.noticeVersion,
            line,
          ]);
        }
        await s.copyIn('stage_consent', csv);
        const res = await s.query(
          `INSERT INTO consent_record (firm_id, consent_id, subject_ref, given_at, purposes, method, separate_consent,
             guardian_consent, subject_birth_date, withdrawn_at, expires_at, notice_version, batch_id, line_no)
           SELECT $1::bigint, consent_id, subject_ref, given_at, purposes, method, separate_consent, guardian_consent,
             subject_birth_date, withdrawn_at, expires_at, notice_version, $2::bigint, line_no FROM stage_consent ORDER BY line_no
           ON CONFLICT (firm_id, consent_id) DO NOTHING`,
          [firmId, batchId],
        );
        inserted = res.rowCount;
      }
      await this.quarantine(s, batchId, rejected);
      return { inserted };
    });
  }

  /** Stores refused lines of any kind of file (devices, say) in their own transaction. */
  async storeQuarantine(batchId: string, rejected: QuarantineToStore[]): Promise<void> {
    if (rejected.length === 0) return;
    await withBulkTransaction(this.db, (s) => this.quarantine(s, batchId, rejected));
  }

  private async quarantine(
    s: Parameters<Parameters<typeof withBulkTransaction>[1]>[0],
    batchId: string,
    rejected: QuarantineToStore[],
  ) {
    if (rejected.length === 0) return;
    await s.query(`CREATE TEMP TABLE IF NOT EXISTS stage_quarantine (
      line_no integer, field text, reason_code text, message text, raw_text text, raw_sha256 char(64)
    ) ON COMMIT DELETE ROWS`);
    let csv = '';
    for (const r of rejected) {
      // NUL cannot be stored in a PostgreSQL text value; the hash still covers the line as received.
      const raw = r.raw.length > RAW_LIMIT ? r.raw.slice(0, RAW_LIMIT) : r.raw;
      csv += csvRow([
        r.line,
        r.field,
        r.code,
        r.message,
        raw.replace(/\0/g, '\uFFFD'),
        createHash('sha256').update(r.raw).digest('hex'),
      ]);
    }
    await s.copyIn('stage_quarantine', csv);
    await s.query(
      `INSERT INTO quarantined_record (batch_id, line_no, field, reason_code, message, raw_text, raw_sha256)
       SELECT $1::bigint, line_no, field, reason_code, message, raw_text, raw_sha256 FROM stage_quarantine
       ON CONFLICT (batch_id, line_no) DO NOTHING`,
      [batchId],
    );
  }

  /** What the store holds for a batch: the ground truth its reconciled counts are computed from. */
  async storedCounts(
    batchId: string,
    kind: 'captures' | 'consents' | 'other',
  ): Promise<{ accepted: number; rejected: number }> {
    const table = kind === 'captures' ? 'capture_event' : kind === 'consents' ? 'consent_record' : null;
    const [q] = await this.db.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM quarantined_record WHERE batch_id = $1`,
      [batchId],
    );
    if (!table) return { accepted: 0, rejected: q.n };
    const [a] = await this.db.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${table} WHERE batch_id = $1`,
      [batchId],
    );
    return { accepted: a.n, rejected: q.n };
  }
}
