import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subject pseudonyms (issue 9, "Minimise"): stored rows hold `psn:` pseudonyms instead of subject references
 * that are personal identifiers; this table keeps each pseudonym's clear reference sealed (AES-256-GCM under
 * the master key), written at ingest, read only by `bioaudit reidentify` (the application role may INSERT
 * only: application-role.ts).
 */
export class SubjectIdentity1764830000000 implements MigrationInterface {
  name = 'SubjectIdentity1764830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "subject_identity" ("pseudonym" text NOT NULL, "sealed_ref" text NOT NULL,
         "created_at" timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT "pk_subject_identity" PRIMARY KEY ("pseudonym"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "subject_identity"`);
  }
}
