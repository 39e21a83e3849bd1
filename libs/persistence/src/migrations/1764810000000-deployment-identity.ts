import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deployment's identity (issue 9): one row with a random UUID, made once, when this migration first runs
 * on the database. The BullMQ key prefix derives from it, and every job payload carries it.
 */
export class DeploymentIdentity1764810000000 implements MigrationInterface {
  name = 'DeploymentIdentity1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "deployment" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL,
         CONSTRAINT "pk_deployment" PRIMARY KEY ("id"))`,
    );
    await q.query(`INSERT INTO "deployment" ("id", "created_at") VALUES (gen_random_uuid(), now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "deployment"`);
  }
}
