import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Vendor exports arrive as several files, some inside one zip archive: a batch is now one file or one
 * archive entry (identity: firm, kind, SHA-256 of what was received, entry name). Large files are ingested
 * in chunks, possibly on several workers; `ingest_chunk` records each chunk's progress so a retried or
 * resumed batch still reconciles. Batches also record records skipped as non-face events.
 */
export class BatchEntriesAndChunks1764165600000 implements MigrationInterface {
  name = 'BatchEntriesAndChunks1764165600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "ingest_batch" ADD "source_entry" text NOT NULL DEFAULT '';
      ALTER TABLE "ingest_batch" ADD "capture_format" text;
      ALTER TABLE "ingest_batch" DROP CONSTRAINT "uq_ingest_batch_content";
      ALTER TABLE "ingest_batch" ADD CONSTRAINT "uq_ingest_batch_content" UNIQUE ("firm_id", "kind", "sha256", "source_entry");

      CREATE TABLE "ingest_chunk" (
        "batch_id" bigint NOT NULL,
        "chunk_no" integer NOT NULL,
        "first_line" integer NOT NULL,
        "read_count" integer NOT NULL,
        "skipped_count" integer NOT NULL,
        "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_ingest_chunk" PRIMARY KEY ("batch_id", "chunk_no"));
      ALTER TABLE "ingest_chunk" ADD CONSTRAINT "fk_ingest_chunk_batch" FOREIGN KEY ("batch_id") REFERENCES "ingest_batch"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE "ingest_chunk";
      ALTER TABLE "ingest_batch" DROP CONSTRAINT "uq_ingest_batch_content";
      ALTER TABLE "ingest_batch" ADD CONSTRAINT "uq_ingest_batch_content" UNIQUE ("firm_id", "kind", "sha256");
      ALTER TABLE "ingest_batch" DROP COLUMN "capture_format";
      ALTER TABLE "ingest_batch" DROP COLUMN "source_entry";
    `);
  }
}
