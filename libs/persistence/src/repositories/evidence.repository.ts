import { createHash } from 'node:crypto';
import type { ConsentRecordInput } from '@app/common';
import type { Database } from '../data-source';
import { withBulkTransaction, type BulkSession } from '../bulk/bulk-session';
import { encodeCaptures, type CaptureToStore, type EncodedCaptures } from '../bulk/capture-encoding';

export type { CaptureToStore } from '../bulk/capture-encoding';
import { csvRow, copyInstant, pgArray } from '../bulk/csv-encode';

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
  /** What is kept of the line: its redacted form (@app/ingestion redactQuarantinedLine), not its personal fields. */
  raw: string;
  /** SHA-256 (hex) of the line as received, proving it against the stored raw file; absent: of `raw`. */
  rawSha256?: string;
}

const RAW_LIMIT = 64 * 1024;

/**
 * Quarantine codes of conflicts (the same strings as @app/ingestion's CONFLICT_REASONS, which persistence
 * may not import): a record whose identity is already stored with other content.
 */
export const CONFLICTING_EVENT = 'INGEST.CONFLICTING_EVENT';
export const CONFLICTING_CONSENT = 'INGEST.CONFLICTING_CONSENT';
export const CONFLICT_CODES: readonly string[] = [CONFLICTING_EVENT, CONFLICTING_CONSENT];

const iso = (ms: number | null): string | null => (ms === null ? null : copyInstant(ms));

/** Lines of a chunk the merge did not store: only these can be conflicts. */
const UNSTORED_TABLE = `CREATE TEMP TABLE IF NOT EXISTS stage_unstored (line_no integer) ON COMMIT DELETE ROWS`;

/** What one bulk store did: rows newly stored, and records kept in quarantine as conflicts. */
export interface StoreResult {
  inserted: number;
  conflicts: number;
  /** How the rows went in: copied straight into the table (all new), or merged from staging. */
  path: 'copy' | 'merge';
}
/** capture_event's columns as written, in the order of the encoded rows. */
const CAPTURE_COLUMNS =
  'firm_id, device_id, event_key, occurred_at, event_type, subject_ref, match_score, masked, purpose, ' +
  'snapshot_sha256, batch_id, line_no';

/** A unique violation (SQLSTATE 23505) of the capture identity: the copy met a repeat. Both drivers set `code`. */
function isIdentityViolation(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string; message?: string };
  return (
    err?.code === '23505' &&
    (err.constraint === 'uq_capture_event_identity' ||
      (err.message ?? '').includes('uq_capture_event_identity'))
  );
}

/**
 * Writes evidence rows in bulk. Each call is one transaction, so a chunk is stored whole or not at all and
 * re-sending it (a retry, a re-run, the same file twice) adds nothing. Captures whose identities are new are
 * copied straight into capture_event; any other chunk (and every consent chunk) is copied into a temporary
 * staging table and merged by one set-based INSERT … ON CONFLICT DO NOTHING.
 */
export class EvidenceRepository {
  constructor(private readonly db: Database) {}

  /** `captures`: the rows, or as `encodeCaptures` encoded them (the ingest encodes a chunk before its turn). */
  async storeCaptures(
    batchId: string,
    firmId: string,
    captures: CaptureToStore[] | EncodedCaptures,
    rejected: QuarantineToStore[],
  ): Promise<StoreResult> {
    const chunk = Array.isArray(captures) ? encodeCaptures(batchId, firmId, captures) : captures;
    const { csv, count } = chunk;
    return withBulkTransaction(this.db, async (s) => {
      let inserted = 0;
      let conflicts = 0;
      let path: StoreResult['path'] = 'merge';
      if (count > 0 && (await this.copyNewCaptures(s, batchId, firmId, chunk))) {
        inserted = count;
        path = 'copy';
      } else if (count > 0) {
        await s.query(`CREATE TEMP TABLE IF NOT EXISTS stage_capture (
          firm_id bigint, device_id bigint, event_key text, occurred_at timestamptz, event_type text, subject_ref text,
          match_score double precision, masked boolean, purpose text, snapshot_sha256 char(64), batch_id bigint,
          line_no integer
        ) ON COMMIT DELETE ROWS`);
        await s.copyIn('stage_capture', csv);
        await s.query(UNSTORED_TABLE);
        // The merge notes, server-side, which staged lines it did not store (repeats of a stored identity).
        const unstored = await s.query(
          `WITH stored AS (
             INSERT INTO capture_event (firm_id, device_id, event_key, occurred_at, event_type, subject_ref, match_score,
               masked, purpose, snapshot_sha256, batch_id, line_no)
             SELECT $1::bigint, s.device_id, s.event_key, s.occurred_at, s.event_type, s.subject_ref, s.match_score,
               s.masked, s.purpose, s.snapshot_sha256, $2::bigint, s.line_no
             FROM stage_capture s
             -- Referential integrity, set-based (capture_event has no row-level foreign keys, for speed):
             JOIN device d ON d.id = s.device_id AND d.firm_id = $1::bigint
             JOIN ingest_batch b ON b.id = $2::bigint AND b.firm_id = $1::bigint
             ORDER BY s.line_no
             ON CONFLICT (device_id, event_key) DO NOTHING
             RETURNING line_no)
           INSERT INTO stage_unstored (line_no)
           SELECT s.line_no FROM stage_capture s WHERE NOT EXISTS (SELECT 1 FROM stored WHERE stored.line_no = s.line_no)`,
          [firmId, batchId],
        );
        inserted = count - unstored.rowCount;
      }
      // Every staged row stored: no repeat, so no conflict to look for (the common case, kept cheap).
      if (inserted < count) {
        // A staged record that was not stored and differs from the one stored under its (device, event id)
        // is a conflict, not a duplicate: kept in quarantine with its canonical form, naming the first field
        // that differs and where the stored record came from. Set-based, like the merge. A retried chunk finds
        // its own rows (same batch and line) and its conflicts already quarantined: it adds nothing.
        const conflict = await s.query(
          `INSERT INTO quarantined_record (batch_id, line_no, field, reason_code, message, raw_text, raw_sha256)
           SELECT $1::bigint, x.line_no, x.field, '${CONFLICTING_EVENT}',
             format('event id %s of device %s is already stored with a different %s (%s line %s)',
                    x.event_key, x.device_code, x.field, x.kept_file, x.kept_line),
             x.raw, encode(sha256(convert_to(x.raw, 'UTF8')), 'hex')
           FROM (
             SELECT s.line_no, s.event_key, d.device_code, b.file_name AS kept_file, c.line_no AS kept_line,
               CASE
                 WHEN c.occurred_at IS DISTINCT FROM s.occurred_at THEN 'occurredAt'
                 WHEN c.event_type IS DISTINCT FROM s.event_type THEN 'eventType'
                 WHEN c.subject_ref IS DISTINCT FROM s.subject_ref THEN 'subjectRef'
                 WHEN c.match_score IS DISTINCT FROM s.match_score THEN 'matchScore'
                 WHEN c.masked IS DISTINCT FROM s.masked THEN 'masked'
                 WHEN c.purpose IS DISTINCT FROM s.purpose THEN 'purpose'
                 WHEN c.snapshot_sha256 IS DISTINCT FROM s.snapshot_sha256 THEN 'snapshotSha256'
               END AS field,
               json_build_object('eventId', s.event_key, 'deviceId', d.device_code,
                 'occurredAt', to_char(s.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'eventType', s.event_type, 'subjectRef', s.subject_ref, 'matchScore', s.match_score,
                 'masked', s.masked, 'purpose', s.purpose, 'snapshotSha256', s.snapshot_sha256)::text AS raw
             FROM stage_capture s
             JOIN stage_unstored u ON u.line_no = s.line_no
             -- LIMIT 1 keeps this a lookup by the unique index: without statistics (PGlite never analyses),
             -- a plain join was planned as a hash join over the whole table, once per chunk.
             CROSS JOIN LATERAL (SELECT * FROM capture_event c
                                 WHERE c.device_id = s.device_id AND c.event_key = s.event_key LIMIT 1) c
             JOIN device d ON d.id = s.device_id
             JOIN ingest_batch b ON b.id = c.batch_id
             WHERE NOT (c.batch_id = $1::bigint AND c.line_no = s.line_no)
           ) x
           WHERE x.field IS NOT NULL
           ORDER BY x.line_no
           ON CONFLICT (batch_id, line_no) DO NOTHING`,
          [batchId],
        );
        conflicts = conflict.rowCount;
      }
      await this.quarantine(s, batchId, rejected);
      return { inserted, conflicts, path };
    });
  }

  /**
   * The fast path: `COPY` straight into capture_event, when the chunk's identities are new. Nearly every chunk
   * of a first submission is; a re-run, an overlapping collection window or a repeated event is not. A probe of
   * the chunk's first and last identity sends the evident repeats to the merge without trying; a repeat the
   * probe cannot see (in the middle of the chunk, or twice within it) makes the unique index refuse the copy,
   * which is undone to its savepoint, and the chunk goes the merge's way — the same rows stored either way.
   * The probe also holds the merge's referential checks: every device and the batch are the firm's.
   */
  private async copyNewCaptures(
    s: BulkSession,
    batchId: string,
    firmId: string,
    chunk: EncodedCaptures,
  ): Promise<boolean> {
    const { devices, first, last } = chunk;
    if (!first || !last) return false;
    const [probe] = (
      await s.query<{ devices: number; batch: boolean; seen: boolean }>(
        `SELECT (SELECT count(*) FROM device WHERE id = ANY ($1::bigint[]) AND firm_id = $2::bigint)::int AS devices,
                EXISTS (SELECT 1 FROM ingest_batch WHERE id = $3::bigint AND firm_id = $2::bigint) AS batch,
                EXISTS (SELECT 1 FROM capture_event
                        WHERE (device_id = $4::bigint AND event_key = $5::text)
                           OR (device_id = $6::bigint AND event_key = $7::text)) AS seen`,
        [devices, firmId, batchId, first.deviceDbId, first.key, last.deviceDbId, last.key],
      )
    ).rows;
    if (probe.devices !== devices.length || !probe.batch || probe.seen) return false;
    await s.query('SAVEPOINT direct_copy');
    try {
      await s.copyIn(`capture_event (${CAPTURE_COLUMNS})`, chunk.csv);
    } catch (e) {
      if (!isIdentityViolation(e)) throw e;
      await s.query('ROLLBACK TO SAVEPOINT direct_copy');
      return false;
    }
    await s.query('RELEASE SAVEPOINT direct_copy');
    return true;
  }

  async storeConsents(
    batchId: string,
    firmId: string,
    rows: ConsentToStore[],
    rejected: QuarantineToStore[],
  ): Promise<StoreResult> {
    return withBulkTransaction(this.db, async (s) => {
      let inserted = 0;
      let conflicts = 0;
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
        await s.query(UNSTORED_TABLE);
        const unstored = await s.query(
          `WITH stored AS (
             INSERT INTO consent_record (firm_id, consent_id, subject_ref, given_at, purposes, method, separate_consent,
               guardian_consent, subject_birth_date, withdrawn_at, expires_at, notice_version, batch_id, line_no)
             SELECT $1::bigint, consent_id, subject_ref, given_at, purposes, method, separate_consent, guardian_consent,
               subject_birth_date, withdrawn_at, expires_at, notice_version, $2::bigint, line_no FROM stage_consent ORDER BY line_no
             ON CONFLICT (firm_id, consent_id) DO NOTHING
             RETURNING line_no)
           INSERT INTO stage_unstored (line_no)
           SELECT s.line_no FROM stage_consent s WHERE NOT EXISTS (SELECT 1 FROM stored WHERE stored.line_no = s.line_no)`,
          [firmId, batchId],
        );
        inserted = rows.length - unstored.rowCount;
      }
      if (inserted < rows.length) {
        // As for captures: a different record under a stored consent id is a conflict, kept and flagged.
        const conflict = await s.query(
          `INSERT INTO quarantined_record (batch_id, line_no, field, reason_code, message, raw_text, raw_sha256)
           SELECT $2::bigint, x.line_no, x.field, '${CONFLICTING_CONSENT}',
             format('consent id %s is already stored with a different %s (%s line %s)',
                    x.consent_id, x.field, x.kept_file, x.kept_line),
             x.raw, encode(sha256(convert_to(x.raw, 'UTF8')), 'hex')
           FROM (
             SELECT s.line_no, s.consent_id, b.file_name AS kept_file, r.line_no AS kept_line,
               CASE
                 WHEN r.subject_ref IS DISTINCT FROM s.subject_ref THEN 'subjectRef'
                 WHEN r.given_at IS DISTINCT FROM s.given_at THEN 'givenAt'
                 WHEN r.purposes IS DISTINCT FROM s.purposes THEN 'purposes'
                 WHEN r.method IS DISTINCT FROM s.method THEN 'method'
                 WHEN r.separate_consent IS DISTINCT FROM s.separate_consent THEN 'separateConsent'
                 WHEN r.guardian_consent IS DISTINCT FROM s.guardian_consent THEN 'guardianConsent'
                 WHEN r.subject_birth_date IS DISTINCT FROM s.subject_birth_date THEN 'subjectBirthDate'
                 WHEN r.withdrawn_at IS DISTINCT FROM s.withdrawn_at THEN 'withdrawnAt'
                 WHEN r.expires_at IS DISTINCT FROM s.expires_at THEN 'expiresAt'
                 WHEN r.notice_version IS DISTINCT FROM s.notice_version THEN 'noticeVersion'
               END AS field,
               json_build_object('consentId', s.consent_id, 'subjectRef', s.subject_ref,
                 'givenAt', to_char(s.given_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'purposes', s.purposes, 'method', s.method, 'separateConsent', s.separate_consent,
                 'guardianConsent', s.guardian_consent, 'subjectBirthDate', s.subject_birth_date,
                 'withdrawnAt', to_char(s.withdrawn_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'expiresAt', to_char(s.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'noticeVersion', s.notice_version)::text AS raw
             FROM stage_consent s
             JOIN stage_unstored u ON u.line_no = s.line_no
             CROSS JOIN LATERAL (SELECT * FROM consent_record r
                                 WHERE r.firm_id = $1::bigint AND r.consent_id = s.consent_id LIMIT 1) r
             JOIN ingest_batch b ON b.id = r.batch_id
             WHERE NOT (r.batch_id = $2::bigint AND r.line_no = s.line_no)
           ) x
           WHERE x.field IS NOT NULL
           ORDER BY x.line_no
           ON CONFLICT (batch_id, line_no) DO NOTHING`,
          [firmId, batchId],
        );
        conflicts = conflict.rowCount;
      }
      await this.quarantine(s, batchId, rejected);
      return { inserted, conflicts, path: 'merge' };
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
        r.rawSha256 ?? createHash('sha256').update(r.raw).digest('hex'),
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

  /**
   * Hashes, ahead of the batch's completion, the runs of its captures that are finished (migration
   * 1764985000000): the digest the completion records is then mostly read, not computed, after the last row.
   * `fromRun` is where the previous call stopped (`startRun` before the first chunk); returns where the next
   * starts. Safe to call at any time and from any worker: a run whose rows change afterwards is hashed again.
   */
  async digestFinishedRuns(batchId: string, fromRun: number): Promise<number> {
    // The embedded engine runs on this process's one thread: hashing ahead overlaps nothing there, and the
    // completion's check of the cached runs would be extra work (measured: docs/benchmarks.md).
    if (this.db.embedded) return fromRun;
    const [r] = await this.db.dataSource.query<{ next: string }[]>(
      `SELECT custody_digest_runs('capture_event', $1::bigint, $2::bigint)::text AS next`,
      [batchId, fromRun],
    );
    return Number(r.next);
  }

  /**
   * A batch's run digests kept up as it is stored: `advance()` after each stored chunk hashes what has finished,
   * one call at a time beside the copies; `settle()` waits for the last and throws what failed. Nothing to do on
   * the embedded engine (see digestFinishedRuns).
   */
  async runDigests(batchId: string): Promise<RunDigests> {
    return new RunDigests(this, batchId, this.db.embedded ? null : await this.startRun());
  }

  /** The digest run the next capture stored will fall in (before a batch's first chunk). */
  async startRun(): Promise<number> {
    const [r] = await this.db.dataSource.query<{ run: string }[]>(
      `SELECT (coalesce(pg_sequence_last_value(pg_get_serial_sequence('capture_event', 'id')::regclass), 0) / 65536)::text AS run`,
    );
    return Number(r.run);
  }

  /**
   * Refreshes the planner's statistics of the evidence tables after an ingest. The server's autovacuum does
   * this in its own time; the embedded PGlite never does, and without statistics it planned the case's
   * finding lookups as bitmap scans of every capture of a finding instead of an index scan that stops at the
   * first match (0.1 s → 1 s on the demo's case). Sampled: about a second for a million captures.
   */
  async refreshStatistics(): Promise<void> {
    await this.db.dataSource.query(`ANALYZE capture_event, consent_record, quarantined_record`);
  }

  /** What the store holds for a batch: the ground truth its reconciled counts are computed from. */
  async storedCounts(
    batchId: string,
    kind: 'captures' | 'consents' | 'other',
  ): Promise<{ accepted: number; rejected: number; conflicts: number }> {
    const table = kind === 'captures' ? 'capture_event' : kind === 'consents' ? 'consent_record' : null;
    const [q] = await this.db.dataSource.query<{ rejected: number; conflicts: number }[]>(
      `SELECT count(*) FILTER (WHERE reason_code <> ALL ($2::text[]))::int AS rejected,
              count(*) FILTER (WHERE reason_code = ANY ($2::text[]))::int AS conflicts
       FROM quarantined_record WHERE batch_id = $1`,
      [batchId, CONFLICT_CODES],
    );
    if (!table) return { accepted: 0, ...q };
    const [a] = await this.db.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${table} WHERE batch_id = $1`,
      [batchId],
    );
    return { accepted: a.n, ...q };
  }
}

/** See EvidenceRepository.runDigests. */
export class RunDigests {
  private running: Promise<void> | null = null;
  private failure: Error | null = null;

  constructor(
    private readonly store: EvidenceRepository,
    private readonly batchId: string,
    /** Where the next call starts; null where nothing is hashed ahead. */
    private run: number | null,
  ) {}

  advance(): void {
    if (this.run === null || this.running) return;
    this.running = this.store
      .digestFinishedRuns(this.batchId, this.run)
      .then((next) => void (this.run = next))
      .catch((e: unknown) => void (this.failure ??= e instanceof Error ? e : new Error(String(e))))
      .finally(() => (this.running = null));
  }

  async settle(): Promise<void> {
    await this.running;
    if (this.failure) throw this.failure;
  }
}
