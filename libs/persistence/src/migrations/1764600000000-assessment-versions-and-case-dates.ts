import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case's dates (clue/discovery, filing, decision) are facts of the case, and a new date is a new
 * assessment: `penalty_assessment` gains the three dates, whether the decision date was the machine's
 * clock, and a version per case (1, 2, …). The old key (case, rulebook, rulebook version) made a second
 * decision date silently return the first assessment; the new key is (case, version), so every version
 * keeps its own facts and trace. Existing rows become versions in the order they were stored, dated by
 * the facts document they were computed from (its decisionDate, else the case's).
 */
export class AssessmentVersionsAndCaseDates1764600000000 implements MigrationInterface {
  name = 'AssessmentVersionsAndCaseDates1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "penalty_assessment" ADD "version" integer;
      ALTER TABLE "penalty_assessment" ADD "decision_date" date;
      ALTER TABLE "penalty_assessment" ADD "discovery_date" date;
      ALTER TABLE "penalty_assessment" ADD "filing_date" date;
      ALTER TABLE "penalty_assessment" ADD "decision_date_from_clock" boolean NOT NULL DEFAULT false;
      UPDATE "penalty_assessment" p SET
        "version" = v.n,
        "decision_date" = COALESCE((p."facts"->>'decisionDate')::date, c."decision_date")
      FROM (SELECT "id", row_number() OVER (PARTITION BY "case_id" ORDER BY "id")::integer AS n
            FROM "penalty_assessment") v, "case" c
      WHERE v."id" = p."id" AND c."id" = p."case_id";
      ALTER TABLE "penalty_assessment" ALTER COLUMN "version" SET NOT NULL;
      ALTER TABLE "penalty_assessment" ALTER COLUMN "decision_date" SET NOT NULL;
      ALTER TABLE "penalty_assessment" DROP CONSTRAINT "uq_penalty_assessment_case_rulebook";
      ALTER TABLE "penalty_assessment" ADD CONSTRAINT "uq_penalty_assessment_case_version" UNIQUE ("case_id", "version");
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // Only the first version of each case fits the old key; later versions cannot be kept.
    await q.query(`
      DELETE FROM "penalty_assessment" WHERE "version" > 1;
      ALTER TABLE "penalty_assessment" DROP CONSTRAINT "uq_penalty_assessment_case_version";
      ALTER TABLE "penalty_assessment" ADD CONSTRAINT "uq_penalty_assessment_case_rulebook" UNIQUE ("case_id", "rulebook", "rulebook_version");
      ALTER TABLE "penalty_assessment" DROP COLUMN "decision_date_from_clock";
      ALTER TABLE "penalty_assessment" DROP COLUMN "filing_date";
      ALTER TABLE "penalty_assessment" DROP COLUMN "discovery_date";
      ALTER TABLE "penalty_assessment" DROP COLUMN "decision_date";
      ALTER TABLE "penalty_assessment" DROP COLUMN "version";
    `);
  }
}
