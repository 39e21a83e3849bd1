import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batches with a life cycle (issue 9): `receiving` -> `completed` | `failed`, and a failed (or abandoned
 * receiving) batch may be `discarded`. A failed batch records why (a stable code, a message) and when; its
 * rows are removed in the same transaction, so only completed batches are ever evidence.
 */
export class BatchLifeCycle1764800000000 implements MigrationInterface {
  name = 'BatchLifeCycle1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "ingest_batch" ADD "failure_code" text;
      ALTER TABLE "ingest_batch" ADD "failure_message" text;
      ALTER TABLE "ingest_batch" ADD "failed_at" timestamptz;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "ingest_batch" DROP COLUMN "failed_at";
      ALTER TABLE "ingest_batch" DROP COLUMN "failure_message";
      ALTER TABLE "ingest_batch" DROP COLUMN "failure_code";
    `);
  }
}
