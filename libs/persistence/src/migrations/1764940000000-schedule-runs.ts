import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Schedules as code (issue 12): one row per (schedule, target, period), the run's state, attempts and alerts. */
export class ScheduleRuns1764940000000 implements MigrationInterface {
  name = 'ScheduleRuns1764940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "schedule_run" (
         "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
         "schedule" text NOT NULL, "target_key" text NOT NULL, "period" timestamptz NOT NULL,
         "state" text NOT NULL, "attempts" int NOT NULL, "last_error" text, "result" jsonb,
         "alerts" jsonb NOT NULL DEFAULT '[]', "started_at" timestamptz NOT NULL, "finished_at" timestamptz,
         CONSTRAINT "pk_schedule_run" PRIMARY KEY ("id"),
         CONSTRAINT "uq_schedule_run_key" UNIQUE ("schedule", "target_key", "period"))`,
    );
    await q.query(`CREATE INDEX "idx_schedule_run_started" ON "schedule_run" ("started_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "schedule_run"`);
  }
}
