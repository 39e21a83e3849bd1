import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conflicts are counted apart from duplicates (issue 8): two different records under one identity (a device's
 * event id, a firm's consent id) are not a repeat. The second one is kept in quarantined_record under
 * `INGEST.CONFLICTING_EVENT` / `INGEST.CONFLICTING_CONSENT`, and the batch counts reconcile as
 * `read = accepted + duplicates + conflicts + skipped + rejected`. Batches completed before this migration
 * counted their conflicts as duplicates; they keep conflict_count 0 (their files can be re-read to tell).
 */
export class IngestConflicts1764700000000 implements MigrationInterface {
  name = 'IngestConflicts1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "ingest_batch" ADD "conflict_count" integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "ingest_batch" DROP COLUMN "conflict_count"`);
  }
}
