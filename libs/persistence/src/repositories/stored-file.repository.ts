import type { Database } from '../data-source';

/** A file kept on disk whose bytes a row vouches for by SHA-256 (of the plaintext; the file may be sealed). */
export interface StoredFileRow {
  /** ingest_batch | case_file | case_document */
  table: 'ingest_batch' | 'case_file' | 'case_document';
  id: string;
  /** How an alert names it: batch id and file, or case number and document. */
  label: string;
  storagePath: string;
  sha256: string;
}

const PAGE = 1000;

/**
 * Every stored file a row records a SHA-256 for, a page at a time (keyset on id): the raw files of every batch
 * not discarded, the rendered case files, and the issued procedure documents.
 */
export class StoredFileRepository {
  constructor(private readonly db: Database) {}

  async *files(): AsyncGenerator<StoredFileRow[]> {
    yield* this.pages(
      'ingest_batch',
      (after) =>
        `SELECT id::text AS id, 'batch ' || id || ' ' || file_name ||
                CASE WHEN source_entry = '' THEN '' ELSE ' (' || source_entry || ')' END AS label,
                storage_path AS "storagePath", sha256
         FROM ingest_batch WHERE status <> 'discarded' AND id > ${after} ORDER BY id LIMIT ${PAGE}`,
    );
    yield* this.pages(
      'case_file',
      (after) =>
        `SELECT f.id::text AS id, 'case ' || c.case_number || ' case file ' || f.id AS label,
                f.storage_path AS "storagePath", f.sha256
         FROM case_file f JOIN "case" c ON c.id = f.case_id WHERE f.id > ${after} ORDER BY f.id LIMIT ${PAGE}`,
    );
    yield* this.pages(
      'case_document',
      (after) =>
        `SELECT d.id::text AS id, 'case ' || c.case_number || ' document ' || d.document_number || ' (' || d.kind || ')' AS label,
                d.storage_path AS "storagePath", d.sha256
         FROM case_document d JOIN "case" c ON c.id = d.case_id WHERE d.id > ${after} ORDER BY d.id LIMIT ${PAGE}`,
    );
  }

  private async *pages(
    table: StoredFileRow['table'],
    sql: (after: bigint) => string,
  ): AsyncGenerator<StoredFileRow[]> {
    let after = 0n;
    for (;;) {
      const rows = await this.db.dataSource.query<Omit<StoredFileRow, 'table'>[]>(sql(after));
      if (rows.length === 0) return;
      yield rows.map((r) => ({ ...r, table, sha256: r.sha256.trim() }));
      after = BigInt(rows[rows.length - 1].id);
      if (rows.length < PAGE) return;
    }
  }
}
