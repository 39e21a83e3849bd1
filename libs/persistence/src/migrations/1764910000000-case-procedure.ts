import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case as an administrative-penalty procedure (issue 10): every case is a clue (线索) of the
 * `cn-samr-general` procedure until a head files it, and moves by steps.
 *
 * - `case` gains the procedure, its state, the firm's division code (characters 3–8 of its unified social
 *   credit code: what an officer's region scopes), the docket number given at filing (立案号), the clue's
 *   dates and, for a clue entered by hand, its source and description (no evidence digest then); the party's
 *   address, which a decision must state (APL art. 59(1)) and the registry does not hold; the flags the head
 *   sets at filing (major, heavy, harm to life/health/finance) and whether the party is a legal person. The
 *   inspection lib inserts cases without knowing any of this: the defaults and a BEFORE INSERT trigger make
 *   each new row a clue dated by its `opened_at` (Beijing) with its firm's division code, so it needs no change.
 * - `case_step`: each step taken (who, with which roles, when, the date it takes effect, its input, the state
 *   before and after, the document it issued). Evidence a court reads: append-only and chained into the
 *   custody chain like findings and assessments.
 * - `case_document`: each issued document, frozen: the SHA-256 of its PDF bytes and where the sealed copy is
 *   kept. Append-only and chained; never re-rendered.
 * - `case_handler`: the current handling officers (replaced by a new `assign`; the history is in the steps).
 */
export class CaseProcedure1764910000000 implements MigrationInterface {
  name = 'CaseProcedure1764910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "case" ADD "procedure_id" text NOT NULL DEFAULT 'cn-samr-general';
      ALTER TABLE "case" ADD "state" text NOT NULL DEFAULT 'clue';
      ALTER TABLE "case" ADD "source" text NOT NULL DEFAULT 'inspection';
      ALTER TABLE "case" ADD "region_code" text;
      ALTER TABLE "case" ADD "docket_number" text;
      ALTER TABLE "case" ADD "clue_date" date;
      ALTER TABLE "case" ADD "discovery_date" date;
      ALTER TABLE "case" ADD "conduct_end_date" date;
      ALTER TABLE "case" ADD "description" text;
      ALTER TABLE "case" ADD "party_address" text;
      ALTER TABLE "case" ADD "flags" jsonb NOT NULL DEFAULT '{}';
      ALTER TABLE "case" ADD "party_kind" text NOT NULL DEFAULT 'legal-person';
      ALTER TABLE "case" ALTER COLUMN "evidence_digest" DROP NOT NULL;
      UPDATE "case" c SET
        "region_code" = substring(f."credit_code" from 3 for 6),
        "clue_date" = (c."opened_at" AT TIME ZONE 'Asia/Shanghai')::date
      FROM "firm" f WHERE f."id" = c."firm_id";
      ALTER TABLE "case" ALTER COLUMN "region_code" SET NOT NULL;
      ALTER TABLE "case" ALTER COLUMN "clue_date" SET NOT NULL;
      ALTER TABLE "case" ADD CONSTRAINT "uq_case_docket_number" UNIQUE ("docket_number");
      CREATE INDEX "idx_case_state" ON "case" ("state");
      CREATE INDEX "idx_case_region_code" ON "case" ("region_code");
      CREATE INDEX "idx_case_firm_id" ON "case" ("firm_id");

      -- A new case is a clue of its firm's region, dated the day it was opened in Beijing, whoever inserts it.
      CREATE FUNCTION "case_clue_defaults"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.region_code IS NULL THEN
          SELECT substring(f.credit_code from 3 for 6) INTO NEW.region_code FROM firm f WHERE f.id = NEW.firm_id;
        END IF;
        IF NEW.clue_date IS NULL THEN
          NEW.clue_date := (coalesce(NEW.opened_at, now()) AT TIME ZONE 'Asia/Shanghai')::date;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER "trg_case_clue_defaults" BEFORE INSERT ON "case" FOR EACH ROW EXECUTE FUNCTION "case_clue_defaults"();

      CREATE TABLE "case_document" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "case_id" bigint NOT NULL,
        "step_seq" integer NOT NULL,
        "kind" text NOT NULL,
        "document_number" text NOT NULL,
        "sha256" character(64) NOT NULL,
        "bytes" bigint NOT NULL,
        "storage_path" text NOT NULL,
        "issued_on" date NOT NULL,
        "issued_by" text NOT NULL,
        "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "uq_case_document_step" UNIQUE ("case_id", "step_seq"),
        CONSTRAINT "pk_case_document" PRIMARY KEY ("id"),
        CONSTRAINT "fk_case_document_case" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION);

      CREATE TABLE "case_step" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "case_id" bigint NOT NULL,
        "seq" integer NOT NULL,
        "action" text NOT NULL,
        "actor_id" text NOT NULL,
        "actor_roles" text array NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "date" date NOT NULL,
        "input" jsonb NOT NULL,
        "from_state" text NOT NULL,
        "to_state" text NOT NULL,
        "document_kind" text,
        "document_id" bigint,
        CONSTRAINT "uq_case_step_seq" UNIQUE ("case_id", "seq"),
        CONSTRAINT "pk_case_step" PRIMARY KEY ("id"),
        CONSTRAINT "fk_case_step_case" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_case_step_document" FOREIGN KEY ("document_id") REFERENCES "case_document"("id") ON DELETE RESTRICT ON UPDATE NO ACTION);

      CREATE TABLE "case_handler" (
        "case_id" bigint NOT NULL,
        "actor_id" text NOT NULL,
        "certificate_number" text,
        "assigned_seq" integer NOT NULL,
        CONSTRAINT "pk_case_handler" PRIMARY KEY ("case_id", "actor_id"),
        CONSTRAINT "fk_case_handler_case" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION);
      CREATE INDEX "idx_case_handler_actor_id" ON "case_handler" ("actor_id");

      CREATE TRIGGER "trg_case_step_custody" AFTER INSERT ON "case_step" FOR EACH ROW EXECUTE FUNCTION "custody_record_row"();
      CREATE TRIGGER "trg_case_document_custody" AFTER INSERT ON "case_document" FOR EACH ROW EXECUTE FUNCTION "custody_record_row"();
      CREATE TRIGGER "trg_case_step_append_only" BEFORE UPDATE OR DELETE ON "case_step" FOR EACH ROW EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_case_document_append_only" BEFORE UPDATE OR DELETE ON "case_document" FOR EACH ROW EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_case_step_no_truncate" BEFORE TRUNCATE ON "case_step" FOR EACH STATEMENT EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_case_document_no_truncate" BEFORE TRUNCATE ON "case_document" FOR EACH STATEMENT EXECUTE FUNCTION "reject_change"();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE "case_handler";
      DROP TABLE "case_step";
      DROP TABLE "case_document";
      DROP TRIGGER "trg_case_clue_defaults" ON "case";
      DROP FUNCTION "case_clue_defaults"();
      DROP INDEX "idx_case_firm_id";
      DROP INDEX "idx_case_region_code";
      DROP INDEX "idx_case_state";
      ALTER TABLE "case" DROP CONSTRAINT "uq_case_docket_number";
      ALTER TABLE "case" ALTER COLUMN "evidence_digest" SET NOT NULL;
      ALTER TABLE "case" DROP COLUMN "party_kind";
      ALTER TABLE "case" DROP COLUMN "flags";
      ALTER TABLE "case" DROP COLUMN "party_address";
      ALTER TABLE "case" DROP COLUMN "description";
      ALTER TABLE "case" DROP COLUMN "conduct_end_date";
      ALTER TABLE "case" DROP COLUMN "discovery_date";
      ALTER TABLE "case" DROP COLUMN "clue_date";
      ALTER TABLE "case" DROP COLUMN "docket_number";
      ALTER TABLE "case" DROP COLUMN "region_code";
      ALTER TABLE "case" DROP COLUMN "source";
      ALTER TABLE "case" DROP COLUMN "state";
      ALTER TABLE "case" DROP COLUMN "procedure_id";
    `);
  }
}
