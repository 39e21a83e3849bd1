import type { Database } from '../data-source';
import { isoInstant } from './sql-instant';

/** A case in a terminal state whose retention has run out. */
export interface RetiredCaseRow {
  id: string;
  caseNumber: string;
  /** The Beijing day of the step that brought the case to its terminal state. */
  closedOn: string;
}

/** A raw evidence file that only retired cases rest on, as kept in the store. */
export interface RetiredFileRow {
  batchId: string;
  sha256: string;
  storagePath: string;
}

/** What one removal for one case is recorded as. */
export interface RetentionRemoval {
  caseId: string;
  jobId: string;
  removedAt: Date;
  /** Pseudonyms whose sealed identity to delete (those already gone are left out of the record). */
  pseudonyms: readonly string[];
  /** Files about to be removed from the store (recorded before they go: never a file gone without its record). */
  files: readonly RetiredFileRow[];
  /** Who the audit log names. */
  actor: string;
}

/** A removal as written: what was actually deleted. */
export interface RecordedRemoval {
  recordId: string;
  pseudonyms: string[];
  files: RetiredFileRow[];
}

/** The retention record that removed a batch's raw file (the latest, when a file was recorded twice). */
export interface RetiredBatchRow {
  batchId: string;
  recordId: string;
  caseNumber: string;
  /** ISO 8601 instant. */
  removedAt: string;
}

/** Kinds of batch whose raw files hold data subjects' references (firm and device files describe the firm). */
const PERSONAL_KINDS = ['captures', 'consents'];

/**
 * Retention of closed cases' personal data: which cases are past retention, what only they rest on (pseudonyms,
 * raw files), and the append-only record of each removal. A batch is retired when every case resting on it
 * (`case_evidence`) is retired; a batch no case rests on yet is live evidence and is never retired.
 */
export class RetentionRepository {
  constructor(private readonly db: Database) {}

  /**
   * Cases in one of `terminalStates` whose closing day (the Beijing day of the latest step into a terminal state)
   * is more than `days` days before `today`. A terminal case without such a step has no known closing day and is
   * kept. By id.
   */
  async retiredCases(
    terminalStates: readonly string[],
    today: string,
    days: number,
  ): Promise<RetiredCaseRow[]> {
    return this.db.dataSource.query<RetiredCaseRow[]>(
      `SELECT c.id::text AS id, c.case_number AS "caseNumber", s.closed_on::text AS "closedOn"
       FROM "case" c
       JOIN LATERAL (SELECT max(date) AS closed_on FROM case_step
                     WHERE case_id = c.id AND to_state = ANY ($1::text[])) s ON s.closed_on IS NOT NULL
       WHERE c.state = ANY ($1::text[]) AND s.closed_on + $3::integer < $2::date
       ORDER BY c.id`,
      [terminalStates, today, days],
    );
  }

  /** Batches every case resting on which is one of `retiredCaseIds`. */
  async retiredBatches(retiredCaseIds: readonly string[]): Promise<string[]> {
    if (retiredCaseIds.length === 0) return [];
    const rows = await this.db.dataSource.query<{ id: string }[]>(
      `SELECT batch_id::text AS id FROM case_evidence GROUP BY batch_id
       HAVING bool_and(case_id = ANY ($1::bigint[])) ORDER BY batch_id`,
      [retiredCaseIds],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The pseudonyms of a retired case (its findings' subjects and the subjects of the capture and consent rows of
   * the batches it rests on) that still have a sealed identity and that nothing live references: no finding of a
   * case not retired, no capture or consent row of a batch not retired. The pseudonyms without an identity left
   * are dropped first, so a case with nothing left to remove costs no look-up of the live rows (which scans them:
   * capture_event has no index on subject_ref, kept so for the bulk path).
   */
  async freePseudonyms(
    caseId: string,
    retiredCaseIds: readonly string[],
    retiredBatchIds: readonly string[],
  ): Promise<string[]> {
    const candidates = await this.db.dataSource.query<{ p: string }[]>(
      `SELECT u.p FROM (
         SELECT subject_ref AS p FROM finding WHERE case_id = $1 AND subject_ref LIKE 'psn:%'
         UNION
         SELECT r.subject_ref FROM capture_event r JOIN case_evidence e ON e.batch_id = r.batch_id
         WHERE e.case_id = $1 AND r.subject_ref LIKE 'psn:%'
         UNION
         SELECT r.subject_ref FROM consent_record r JOIN case_evidence e ON e.batch_id = r.batch_id
         WHERE e.case_id = $1 AND r.subject_ref LIKE 'psn:%') u
       WHERE EXISTS (SELECT 1 FROM subject_identity s WHERE s.pseudonym = u.p)`,
      [caseId],
    );
    if (candidates.length === 0) return [];
    const rows = await this.db.dataSource.query<{ p: string }[]>(
      `SELECT c.p FROM unnest($1::text[]) AS c(p)
       WHERE NOT EXISTS (SELECT 1 FROM finding f WHERE f.subject_ref = c.p AND f.case_id <> ALL ($2::bigint[]))
         AND NOT EXISTS (SELECT 1 FROM capture_event r WHERE r.subject_ref = c.p AND r.batch_id <> ALL ($3::bigint[]))
         AND NOT EXISTS (SELECT 1 FROM consent_record r WHERE r.subject_ref = c.p AND r.batch_id <> ALL ($3::bigint[]))
       ORDER BY c.p`,
      [candidates.map((c) => c.p), retiredCaseIds, retiredBatchIds],
    );
    return rows.map((r) => r.p);
  }

  /**
   * The raw capture and consent files of a retired case's retired batches whose stored copy no live row points
   * at: the store is content-addressed, so a path shared with a batch not retired (the same bytes received for
   * another firm or case), a case file, a document or an evaluation run's file is kept. Every retired batch sharing such a path is listed.
   */
  async retiredFiles(caseId: string, retiredBatchIds: readonly string[]): Promise<RetiredFileRow[]> {
    const rows = await this.db.dataSource.query<RetiredFileRow[]>(
      `WITH mine AS (
         SELECT DISTINCT b.storage_path FROM ingest_batch b JOIN case_evidence e ON e.batch_id = b.id
         WHERE e.case_id = $1 AND b.kind = ANY ($3::text[]) AND b.status <> 'discarded'
           AND b.id = ANY ($2::bigint[]))
       SELECT b.id::text AS "batchId", b.sha256, b.storage_path AS "storagePath"
       FROM mine m JOIN ingest_batch b ON b.storage_path = m.storage_path AND b.status <> 'discarded'
       WHERE NOT EXISTS (SELECT 1 FROM ingest_batch o WHERE o.storage_path = m.storage_path
                           AND o.status <> 'discarded' AND o.id <> ALL ($2::bigint[]))
         AND NOT EXISTS (SELECT 1 FROM case_file f WHERE f.storage_path = m.storage_path)
         AND NOT EXISTS (SELECT 1 FROM case_document d WHERE d.storage_path = m.storage_path)
         AND NOT EXISTS (SELECT 1 FROM evaluation_run r WHERE r.storage_path = m.storage_path
                           OR r.attachments @> jsonb_build_array(jsonb_build_object('sha256', b.sha256)))
       ORDER BY b.id`,
      [caseId, retiredBatchIds, PERSONAL_KINDS],
    );
    return rows.map((r) => ({ ...r, sha256: r.sha256.trim() }));
  }

  /**
   * In one transaction: deletes the sealed identities, writes the record and its files, and logs the removal
   * (ids and counts only). Nothing is written when nothing is left to remove (a pseudonym deleted meanwhile by an
   * overlapping run is not counted twice). Null when nothing was recorded.
   */
  async recordRemoval(r: RetentionRemoval): Promise<RecordedRemoval | null> {
    return this.db.dataSource.transaction(async (m) => {
      const deleted =
        r.pseudonyms.length === 0
          ? []
          : await m.query<{ pseudonym: string }[]>(
              // A SELECT over the DELETE: TypeORM returns a bare DELETE's rows as [rows, count] on PostgreSQL.
              `WITH gone AS (DELETE FROM subject_identity WHERE pseudonym = ANY ($1::text[]) RETURNING pseudonym)
               SELECT pseudonym FROM gone`,
              [r.pseudonyms],
            );
      const pseudonyms = deleted.map((d) => d.pseudonym).sort();
      if (pseudonyms.length === 0 && r.files.length === 0) return null;
      const [{ id }] = await m.query<{ id: string }[]>(
        `INSERT INTO retention_record (case_id, job_id, removed_at, pseudonyms, pseudonyms_removed, files_removed)
         VALUES ($1, $2, $3, $4::text[], $5, $6) RETURNING id::text AS id`,
        [r.caseId, r.jobId, r.removedAt.toISOString(), pseudonyms, pseudonyms.length, r.files.length],
      );
      if (r.files.length > 0) {
        await m.query(
          `INSERT INTO retention_file (record_id, batch_id, sha256, storage_path)
           SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[])`,
          [
            id,
            r.files.map((f) => f.batchId),
            r.files.map((f) => f.sha256),
            r.files.map((f) => f.storagePath),
          ],
        );
      }
      await m.query(
        `INSERT INTO audit_log (actor, action, entity, entity_id, details) VALUES ($1, 'retention.removed', 'case', $2, $3)`,
        [
          r.actor,
          r.caseId,
          JSON.stringify({
            retentionRecord: id,
            jobId: r.jobId,
            pseudonymsRemoved: pseudonyms.length,
            files: r.files.map((f) => ({ batchId: f.batchId, sha256: f.sha256 })),
          }),
        ],
      );
      return { recordId: id, pseudonyms, files: [...r.files] };
    });
  }

  /** Of `batchIds`, those whose raw file a retention record removed, with that record. */
  async retiredBatchFiles(batchIds: readonly string[]): Promise<RetiredBatchRow[]> {
    if (batchIds.length === 0) return [];
    return this.db.dataSource.query<RetiredBatchRow[]>(
      `SELECT DISTINCT ON (f.batch_id) f.batch_id::text AS "batchId", r.id::text AS "recordId",
              c.case_number AS "caseNumber",
              ${isoInstant('r.removed_at')} AS "removedAt"
       FROM retention_file f JOIN retention_record r ON r.id = f.record_id JOIN "case" c ON c.id = r.case_id
       WHERE f.batch_id = ANY ($1::bigint[])
       ORDER BY f.batch_id, r.id DESC`,
      [batchIds],
    );
  }
}
