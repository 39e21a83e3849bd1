import type { Database } from '../data-source';
import { isoInstant } from './sql-instant';

/** A notice to a firm as its account and its page show it. */
export interface FirmNoticeRow {
  id: string;
  kind: string;
  consentId: string;
  period: string;
  ended: 'withdrawn' | 'expired';
  /** ISO 8601 instants. */
  endedAt: string;
  captures: number;
  firstCaptureAt: string;
  lastCaptureAt: string;
  message: string;
  createdAt: string;
}

export interface NewFirmNotice {
  firmId: string;
  kind: string;
  consentRecordId: string;
  period: string;
  ended: 'withdrawn' | 'expired';
  endedAt: Date;
  captures: number;
  firstCaptureAt: Date;
  lastCaptureAt: Date;
  message: string;
  createdAt: Date;
}

const iso = (col: string, as: string) => `${isoInstant(col)} AS "${as}"`;

/** Notices to firms: once per consent and period (`uq_firm_notice_consent_period`). */
export class FirmNoticeRepository {
  constructor(private readonly db: Database) {}

  /** Firms that hold a withdrawn or expired consent in a completed batch, by credit code. */
  async firmsWithEndedConsents(before: Date): Promise<{ firmId: string; creditCode: string }[]> {
    return this.db.dataSource.query(
      `SELECT f.id::text AS "firmId", f.credit_code AS "creditCode" FROM firm f
       WHERE EXISTS (SELECT 1 FROM consent_record r JOIN ingest_batch b ON b.id = r.batch_id
                     WHERE r.firm_id = f.id AND b.status = 'completed'
                       AND (r.withdrawn_at <= $1 OR r.expires_at <= $1))
       ORDER BY f.credit_code`,
      [before.toISOString()],
    );
  }

  /** Records the notice; false when this consent and period were noticed already. */
  async record(n: NewFirmNotice): Promise<boolean> {
    const rows = await this.db.dataSource.query<{ id: string }[]>(
      `INSERT INTO firm_notice (firm_id, kind, consent_record_id, period, ended, ended_at, captures, first_capture_at,
                                last_capture_at, message, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (consent_record_id, period) DO NOTHING RETURNING id::text AS id`,
      [
        n.firmId,
        n.kind,
        n.consentRecordId,
        n.period,
        n.ended,
        n.endedAt.toISOString(),
        n.captures,
        n.firstCaptureAt.toISOString(),
        n.lastCaptureAt.toISOString(),
        n.message,
        n.createdAt.toISOString(),
      ],
    );
    return rows.length > 0;
  }

  /** The firm's notices, newest first (its account's inbox and the note on its page). */
  async noticesOf(firmCreditCode: string, limit = 200): Promise<FirmNoticeRow[]> {
    const rows = await this.db.dataSource.query<FirmNoticeRow[]>(
      `SELECT n.id::text AS id, n.kind, r.consent_id AS "consentId", n.period, n.ended, ${iso('n.ended_at', 'endedAt')},
              n.captures, ${iso('n.first_capture_at', 'firstCaptureAt')}, ${iso('n.last_capture_at', 'lastCaptureAt')},
              n.message, ${iso('n.created_at', 'createdAt')}
       FROM firm_notice n JOIN firm f ON f.id = n.firm_id JOIN consent_record r ON r.id = n.consent_record_id
       WHERE f.credit_code = $1 ORDER BY n.id DESC LIMIT ${Math.max(1, Math.min(500, limit))}`,
      [firmCreditCode],
    );
    return rows.map((r) => ({ ...r, captures: Number(r.captures) }));
  }
}
