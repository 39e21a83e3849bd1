import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evaluation runs kept (issue 11): the vendor's file by name, size and SHA-256 (its sealed copy in the evidence
 * store), the claim, threshold, verdict and the whole report, who ran it and when. Append-only (the
 * `reject_change` trigger); the application role's SELECT and INSERT are granted by application-role.ts.
 */
export class EvaluationRuns1764995000000 implements MigrationInterface {
  name = 'EvaluationRuns1764995000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "evaluation_run" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "kind" text NOT NULL,
        "created_by" text NOT NULL,
        "region_code" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "file_name" text NOT NULL,
        "file_bytes" bigint NOT NULL,
        "file_sha256" character(64) NOT NULL,
        "storage_path" text NOT NULL,
        "attachments" jsonb NOT NULL,
        "claim" jsonb,
        "threshold" double precision,
        "verdict" text,
        "vendor" text,
        "device" text,
        "report" jsonb NOT NULL,
        CONSTRAINT "pk_evaluation_run" PRIMARY KEY ("id"));
      CREATE INDEX "idx_evaluation_run_region" ON "evaluation_run" ("region_code", "id");
      CREATE TRIGGER "trg_evaluation_run_append_only" BEFORE UPDATE OR DELETE ON "evaluation_run" FOR EACH ROW EXECUTE FUNCTION "reject_change"();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "evaluation_run"`);
  }
}
