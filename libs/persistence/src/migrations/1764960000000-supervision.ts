import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The supervision jobs (issue 12): what each one decided, keyed so that a run repeated or overlapping does its
 * work once.
 *
 * - `reaudit_difference`: a re-audit's new findings by reason against the firm's previous audit; one row per
 *   audit case (`uq_reaudit_difference_case`).
 * - `supervision_clue`: the clue a re-audit opened for a firm; at most one unreleased per firm
 *   (`uq_supervision_clue_open`, partial), released when the clue's case reaches a terminal state.
 * - `deadline_task`: a statutory window near or past, for the case's handlers and the head; once per window and
 *   kind (`uq_deadline_task_window`).
 * - `firm_notice`: a consent that ended while the firm kept capturing the same subject; once per consent and
 *   month (`uq_firm_notice_consent_period`).
 */
export class Supervision1764960000000 implements MigrationInterface {
  name = 'Supervision1764960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "reaudit_difference" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "firm_id" bigint NOT NULL,
        "case_id" bigint NOT NULL,
        "previous_case_id" bigint,
        "new_findings" jsonb NOT NULL,
        "new_total" integer NOT NULL,
        "threshold" integer NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_reaudit_difference_case" UNIQUE ("case_id"),
        CONSTRAINT "pk_reaudit_difference" PRIMARY KEY ("id"),
        CONSTRAINT "fk_reaudit_difference_firm" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_reaudit_difference_case" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_reaudit_difference_previous_case" FOREIGN KEY ("previous_case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION);
      CREATE INDEX "idx_reaudit_difference_firm" ON "reaudit_difference" ("firm_id", "id");

      CREATE TABLE "supervision_clue" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "firm_id" bigint NOT NULL,
        "case_id" bigint NOT NULL,
        "audit_case_id" bigint NOT NULL,
        "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "released_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_supervision_clue" PRIMARY KEY ("id"),
        CONSTRAINT "fk_supervision_clue_firm" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_supervision_clue_case" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_supervision_clue_audit_case" FOREIGN KEY ("audit_case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION);
      CREATE UNIQUE INDEX "uq_supervision_clue_open" ON "supervision_clue" ("firm_id") WHERE released_at IS NULL;

      CREATE TABLE "deadline_task" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "case_id" bigint NOT NULL,
        "deadline_id" text NOT NULL,
        "due" date NOT NULL,
        "kind" text NOT NULL,
        "label" jsonb NOT NULL,
        "basis" text NOT NULL,
        "holder" text NOT NULL,
        "assignees" text array NOT NULL,
        "raised_on" date NOT NULL,
        "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "uq_deadline_task_window" UNIQUE ("case_id", "deadline_id", "due", "kind"),
        CONSTRAINT "pk_deadline_task" PRIMARY KEY ("id"),
        CONSTRAINT "fk_deadline_task_case" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION);
      CREATE INDEX "idx_deadline_task_due" ON "deadline_task" ("due");

      CREATE TABLE "firm_notice" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "firm_id" bigint NOT NULL,
        "kind" text NOT NULL,
        "consent_record_id" bigint NOT NULL,
        "period" text NOT NULL,
        "ended" text NOT NULL,
        "ended_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "captures" integer NOT NULL,
        "first_capture_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_capture_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "message" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "uq_firm_notice_consent_period" UNIQUE ("consent_record_id", "period"),
        CONSTRAINT "pk_firm_notice" PRIMARY KEY ("id"),
        CONSTRAINT "fk_firm_notice_firm" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_firm_notice_consent_record" FOREIGN KEY ("consent_record_id") REFERENCES "consent_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION);
      CREATE INDEX "idx_firm_notice_firm" ON "firm_notice" ("firm_id", "id");
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE "firm_notice";
      DROP TABLE "deadline_task";
      DROP TABLE "supervision_clue";
      DROP TABLE "reaudit_difference";
    `);
  }
}
