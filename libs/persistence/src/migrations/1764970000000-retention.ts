import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention of closed cases' personal data (issue 12): what the retention job removed and when.
 *
 * - `retention_record`: one row per case and run that removed something — the job, the instant, the pseudonyms
 *   whose sealed clear reference (subject_identity) was deleted, and how many raw files went.
 * - `retention_file`: each raw evidence file a record removed — the batch, its SHA-256 and where it was kept. The
 *   integrity sweep reads it to tell a file retention removed ("retired") from one that went missing.
 *
 * Both are append-only (the `reject_change` trigger): a record of a removal is itself never changed or removed.
 * The application role's rights (SELECT and INSERT on these, DELETE and SELECT of the pseudonym column on
 * subject_identity) are granted by application-role.ts after every migrate, not here: it revokes and re-grants
 * every table's rights each time.
 */
export class Retention1764970000000 implements MigrationInterface {
  name = 'Retention1764970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "retention_record" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "case_id" bigint NOT NULL,
        "job_id" text NOT NULL,
        "removed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "pseudonyms" text array NOT NULL,
        "pseudonyms_removed" integer NOT NULL,
        "files_removed" integer NOT NULL,
        CONSTRAINT "pk_retention_record" PRIMARY KEY ("id"),
        CONSTRAINT "fk_retention_record_case" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION);
      CREATE INDEX "idx_retention_record_case" ON "retention_record" ("case_id", "id");

      CREATE TABLE "retention_file" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "record_id" bigint NOT NULL,
        "batch_id" bigint NOT NULL,
        "sha256" character(64) NOT NULL,
        "storage_path" text NOT NULL,
        CONSTRAINT "pk_retention_file" PRIMARY KEY ("id"),
        CONSTRAINT "fk_retention_file_record" FOREIGN KEY ("record_id") REFERENCES "retention_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_retention_file_batch" FOREIGN KEY ("batch_id") REFERENCES "ingest_batch"("id") ON DELETE RESTRICT ON UPDATE NO ACTION);
      CREATE INDEX "idx_retention_file_batch" ON "retention_file" ("batch_id", "id");

      CREATE TRIGGER "trg_retention_record_append_only" BEFORE UPDATE OR DELETE ON "retention_record" FOR EACH ROW EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_retention_file_append_only" BEFORE UPDATE OR DELETE ON "retention_file" FOR EACH ROW EXECUTE FUNCTION "reject_change"();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE "retention_file";
      DROP TABLE "retention_record";
    `);
  }
}
