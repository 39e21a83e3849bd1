import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Inspections started through the API (issue 10): status, progress and the result document survive a restart. */
export class InspectionRuns1764920000000 implements MigrationInterface {
  name = 'InspectionRuns1764920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "inspection_run" ("id" uuid NOT NULL, "firm_credit_code" varchar(18),
         "status" text NOT NULL, "progress" jsonb NOT NULL, "result" jsonb, "error" jsonb,
         "upload_path" text NOT NULL, "created_by" text NOT NULL,
         "created_at" timestamptz NOT NULL DEFAULT now(), "updated_at" timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT "pk_inspection_run" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_inspection_run_created" ON "inspection_run" ("created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "inspection_run"`);
  }
}
