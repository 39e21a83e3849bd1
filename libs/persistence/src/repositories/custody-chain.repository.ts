import type { Database } from '../data-source';

// NB: queries cast seq to text for JavaScript; they order by `e.seq` (the bigint), never by the text alias.

/** One entry of the custody chain as stored: `payloadText` is jsonb's canonical text, the form that was hashed. */
export interface ChainEntry {
  seq: string;
  kind: string;
  entity: string;
  entityId: string | null;
  payloadText: string;
  prevHash: string;
  rowHash: string;
}

/** A table whose rows the chain records with their digest. */
export type CustodyTable =
  | 'audit_log'
  | 'ingest_batch'
  | 'case'
  | 'finding'
  | 'penalty_assessment'
  | 'case_file'
  | 'case_step'
  | 'case_document';
export const CUSTODY_TABLES: readonly CustodyTable[] = [
  'ingest_batch',
  'case',
  'finding',
  'penalty_assessment',
  'case_file',
  'case_step',
  'case_document',
  'audit_log',
];

/** A row that does not match the chain: gone, never recorded, or changed since its last entry. */
export interface RowDisagreement {
  table: CustodyTable;
  id: string;
  problem: 'missing' | 'unrecorded' | 'changed';
  seq: string | null;
}

/** What a batch holds, per kind of row: how many, and the ordered digest of their contents. */
export type BatchEvidence = Record<
  'captures' | 'consents' | 'quarantined',
  { count: number; digest: string }
>;

/** A stored file the chain vouches for: as first recorded (batch received, case file rendered). */
export interface RecordedFile {
  table: 'ingest_batch' | 'case_file';
  id: string;
  seq: string;
  sha256: string;
  storagePath: string;
  /** The row's values now (null when the row is gone). */
  current: { sha256: string; storagePath: string } | null;
}

/**
 * Reads the custody chain. Nothing here writes it: the database's triggers append an entry in the same
 * transaction as every custody row and audit_log row (migration 1764820000000), one writer at a time.
 */
export class CustodyChainRepository {
  constructor(private readonly db: Database) {}

  /** Entries in order, `pageSize` at a time (keyset pages: the chain can be long). */
  async *entries(pageSize = 2000): AsyncGenerator<ChainEntry> {
    let after = '0';
    for (;;) {
      const rows = await this.db.dataSource.query<ChainEntry[]>(
        `SELECT seq::text AS seq, kind, entity, entity_id AS "entityId", payload::text AS "payloadText",
                prev_hash AS "prevHash", row_hash AS "rowHash"
         FROM custody_event e WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`,
        [after, pageSize],
      );
      yield* rows;
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].seq;
    }
  }

  /** The last entry's sequence number and hash (null for an empty chain). */
  async head(): Promise<{ seq: string; rowHash: string } | null> {
    const [r] = await this.db.dataSource.query<{ seq: string; rowHash: string }[]>(
      `SELECT seq::text AS seq, row_hash AS "rowHash" FROM custody_event e ORDER BY e.seq DESC LIMIT 1`,
    );
    return r ?? null;
  }

  /** The entry that first recorded a row (null when the chain never saw it). */
  async firstEntryOf(entity: CustodyTable, id: string): Promise<{ seq: string; rowHash: string } | null> {
    const [r] = await this.db.dataSource.query<{ seq: string; rowHash: string }[]>(
      `SELECT e.seq::text AS seq, e.row_hash AS "rowHash" FROM custody_event e
       WHERE e.entity = $1 AND e.entity_id = $2 ORDER BY e.seq LIMIT 1`,
      [entity, id],
    );
    return r ?? null;
  }

  /** The hash of entry `seq` (null when there is none). */
  async hashAt(seq: string): Promise<string | null> {
    const [r] = await this.db.dataSource.query<{ h: string }[]>(
      `SELECT row_hash AS h FROM custody_event WHERE seq = $1`,
      [seq],
    );
    return r?.h ?? null;
  }

  /**
   * Rows of `table` that disagree with their latest chain entry, first by id: recorded but gone, present but
   * never recorded, or changed since. `firmId` limits the check to one firm's rows (audit_log: all).
   */
  async disagreements(table: CustodyTable, firmId: string | null, limit = 1): Promise<RowDisagreement[]> {
    const firmFilter = firmId === null || table === 'audit_log' ? 'true' : FIRM_OF[table];
    const rows = await this.db.dataSource.query<
      { id: string; problem: RowDisagreement['problem']; seq: string | null }[]
    >(
      `WITH recorded AS (
         SELECT DISTINCT ON (x.id) x.id, x.seq, x.h, x.firm_id, x.case_id FROM (
           -- an entry per row ({row, rowHash}), or per statement ({rows: [{id, case_id, rowHash}]})
           SELECT e.entity_id AS id, e.seq, e.payload->>'rowHash' AS h,
                  e.payload->'row'->>'firm_id' AS firm_id, e.payload->'row'->>'case_id' AS case_id
           FROM custody_event e WHERE e.entity = $1 AND e.payload ? 'row'
           UNION ALL
           SELECT r->>'id', e.seq, r->>'rowHash', NULL, r->>'case_id'
           FROM custody_event e, jsonb_array_elements(e.payload->'rows') r
           WHERE e.entity = $1 AND e.payload ? 'rows'
         ) x ORDER BY x.id, x.seq DESC
       ), actual AS (
         SELECT t.id::text AS id, custody_row_hash(t) AS h,
                ${table === 'ingest_batch' || table === 'case' ? 't.firm_id::text' : 'NULL::text'} AS firm_id,
                ${CASE_ROWS.includes(table) ? 't.case_id::text' : 'NULL::text'} AS case_id
         FROM "${table}" t
       ), joined AS (
         SELECT coalesce(a.id, r.id) AS id, r.seq::text AS seq,
                coalesce(a.firm_id, r.firm_id) AS firm_id, coalesce(a.case_id, r.case_id) AS case_id,
                CASE WHEN a.id IS NULL THEN 'missing' WHEN r.id IS NULL THEN 'unrecorded'
                     WHEN a.h <> r.h THEN 'changed' END AS problem
         FROM actual a FULL JOIN recorded r ON r.id = a.id
       )
       SELECT id, problem, seq FROM joined j
       WHERE problem IS NOT NULL AND ${firmFilter}
       ORDER BY id::bigint LIMIT $2`,
      [table, limit, ...(firmId === null || table === 'audit_log' ? [] : [firmId])],
    );
    return rows.map((r) => ({ table, ...r }));
  }

  /**
   * Files as first recorded in the chain (a batch's raw file, a rendered case file), with the row's values
   * now, in chain order. `firmId` limits to one firm's.
   */
  async recordedFiles(firmId: string | null): Promise<RecordedFile[]> {
    const rows = await this.db.dataSource.query<
      {
        table: 'ingest_batch' | 'case_file';
        id: string;
        seq: string;
        sha256: string;
        storagePath: string;
        curSha256: string | null;
        curPath: string | null;
      }[]
    >(
      `WITH first AS (
         SELECT DISTINCT ON (entity, entity_id) entity, entity_id, seq, payload->'row' AS r
         FROM custody_event WHERE entity IN ('ingest_batch', 'case_file') ORDER BY entity, entity_id, seq
       )
       SELECT f.entity AS "table", f.entity_id AS id, f.seq::text AS seq, f.r->>'sha256' AS sha256,
              f.r->>'storage_path' AS "storagePath",
              coalesce(b.sha256, cf.sha256) AS "curSha256", coalesce(b.storage_path, cf.storage_path) AS "curPath"
       FROM first f
       LEFT JOIN ingest_batch b ON f.entity = 'ingest_batch' AND b.id::text = f.entity_id
       LEFT JOIN case_file cf ON f.entity = 'case_file' AND cf.id::text = f.entity_id
       LEFT JOIN "case" c ON c.id::text = f.r->>'case_id'
       WHERE $1::text IS NULL OR f.r->>'firm_id' = $1::text OR c.firm_id::text = $1::text
       ORDER BY f.seq`,
      [firmId],
    );
    return rows.map((r) => ({
      table: r.table,
      id: r.id,
      seq: r.seq,
      sha256: r.sha256,
      storagePath: r.storagePath,
      current: r.curSha256 === null ? null : { sha256: r.curSha256, storagePath: r.curPath ?? '' },
    }));
  }

  /** For each batch, the evidence digest its latest status change recorded (batch id, entry). */
  async recordedBatchEvidence(
    firmId: string | null,
  ): Promise<{ batchId: string; seq: string; evidence: BatchEvidence }[]> {
    return this.db.dataSource.query(
      `SELECT DISTINCT ON (entity_id) entity_id AS "batchId", seq::text AS seq, payload->'evidence' AS evidence
       FROM custody_event e
       WHERE entity = 'ingest_batch' AND payload ? 'evidence'
         AND ($1::text IS NULL OR payload->'row'->>'firm_id' = $1::text)
       ORDER BY entity_id, e.seq DESC`,
      [firmId],
    );
  }

  /** What a batch holds now, digested as the chain digests it. */
  async batchEvidence(batchId: string): Promise<BatchEvidence> {
    const [r] = await this.db.dataSource.query<{ e: BatchEvidence }[]>(
      `SELECT custody_batch_evidence($1::bigint) AS e`,
      [batchId],
    );
    return r.e;
  }

  /** The SHA-256 and storage path a batch was received with, as the chain first recorded them. */
  async receivedBatch(batchId: string): Promise<{ sha256: string; storagePath: string; seq: string } | null> {
    const [r] = await this.db.dataSource.query<{ sha256: string; storagePath: string; seq: string }[]>(
      `SELECT payload->'row'->>'sha256' AS sha256, payload->'row'->>'storage_path' AS "storagePath", seq::text AS seq
       FROM custody_event e WHERE entity = 'ingest_batch' AND entity_id = $1 ORDER BY e.seq LIMIT 1`,
      [batchId],
    );
    return r ?? null;
  }
}

/** Tables whose rows belong to a case (and through it to a firm). */
const CASE_ROWS: readonly CustodyTable[] = [
  'finding',
  'penalty_assessment',
  'case_file',
  'case_step',
  'case_document',
];

/** How a row of each table belongs to a firm (a SQL condition over `j`: id, firm_id, case_id). */
const FIRM_OF: Record<Exclude<CustodyTable, 'audit_log'>, string> = {
  ingest_batch: `j.firm_id = $3`,
  case: `j.firm_id = $3`,
  finding: `EXISTS (SELECT 1 FROM "case" c WHERE c.id::text = j.case_id AND c.firm_id::text = $3)`,
  penalty_assessment: `EXISTS (SELECT 1 FROM "case" c WHERE c.id::text = j.case_id AND c.firm_id::text = $3)`,
  case_file: `EXISTS (SELECT 1 FROM "case" c WHERE c.id::text = j.case_id AND c.firm_id::text = $3)`,
  case_step: `EXISTS (SELECT 1 FROM "case" c WHERE c.id::text = j.case_id AND c.firm_id::text = $3)`,
  case_document: `EXISTS (SELECT 1 FROM "case" c WHERE c.id::text = j.case_id AND c.firm_id::text = $3)`,
};
