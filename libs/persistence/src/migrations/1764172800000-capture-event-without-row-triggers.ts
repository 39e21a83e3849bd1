import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * capture_event is the one table that takes millions of rows per file. Its two foreign keys cost 37 % of
 * the embedded bulk load (PGlite runs each as a per-row trigger: 44.6k vs 70.9k rows/s measured on
 * 200,000 rows). Referential integrity is kept set-based instead: the bulk merge inserts only rows whose
 * device belongs to the firm and whose batch exists (EvidenceRepository.storeCaptures), devices and
 * batches are never deleted, and the table is append-only.
 */
export class CaptureEventWithoutRowTriggers1764172800000 implements MigrationInterface {
  name = 'CaptureEventWithoutRowTriggers1764172800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "capture_event" DROP CONSTRAINT "fk_capture_event_device";
      ALTER TABLE "capture_event" DROP CONSTRAINT "fk_capture_event_batch";
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "capture_event" ADD CONSTRAINT "fk_capture_event_device" FOREIGN KEY ("device_id") REFERENCES "device"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;
      ALTER TABLE "capture_event" ADD CONSTRAINT "fk_capture_event_batch" FOREIGN KEY ("batch_id") REFERENCES "ingest_batch"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;
    `);
  }
}
