import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema. Reviewed by hand: evidence tables (capture_event, consent_record, quarantined_record)
 * and the audit log are append-only, enforced by triggers; money is numeric(20,2) with a currency; every
 * instant is timestamptz.
 */
export class InitialSchema1764158400000 implements MigrationInterface {
  name = 'InitialSchema1764158400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "firm" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "credit_code" character varying(18) NOT NULL,
        "name" text NOT NULL,
        "region" text NOT NULL,
        "timezone" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_firm_credit_code" UNIQUE ("credit_code"),
        CONSTRAINT "pk_firm" PRIMARY KEY ("id"));

      CREATE TABLE "site" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "firm_id" bigint NOT NULL,
        "site_code" text NOT NULL,
        "name" text NOT NULL,
        "site_type" text NOT NULL,
        "face_only_access" boolean NOT NULL,
        CONSTRAINT "uq_site_firm_code" UNIQUE ("firm_id", "site_code"),
        CONSTRAINT "pk_site" PRIMARY KEY ("id"));
      CREATE INDEX "idx_site_face_only" ON "site" ("face_only_access") WHERE face_only_access;

      CREATE TABLE "device" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "firm_id" bigint NOT NULL,
        "site_id" bigint NOT NULL,
        "device_code" text NOT NULL,
        "vendor" text NOT NULL,
        "model" text NOT NULL,
        "declared_purpose" text,
        "timezone" text NOT NULL,
        CONSTRAINT "uq_device_firm_code" UNIQUE ("firm_id", "device_code"),
        CONSTRAINT "pk_device" PRIMARY KEY ("id"));

      CREATE TABLE "ingest_batch" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "firm_id" bigint NOT NULL,
        "kind" text NOT NULL,
        "file_name" text NOT NULL,
        "file_size" bigint NOT NULL,
        "sha256" character(64) NOT NULL,
        "format" text NOT NULL,
        "encoding" text NOT NULL,
        "submitted_by" text NOT NULL,
        "submitted_from" text NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "completed_at" TIMESTAMP WITH TIME ZONE,
        "storage_path" text NOT NULL,
        "status" text NOT NULL,
        "read_count" integer NOT NULL DEFAULT '0',
        "accepted_count" integer NOT NULL DEFAULT '0',
        "duplicate_count" integer NOT NULL DEFAULT '0',
        "skipped_count" integer NOT NULL DEFAULT '0',
        "rejected_count" integer NOT NULL DEFAULT '0',
        CONSTRAINT "uq_ingest_batch_content" UNIQUE ("firm_id", "kind", "sha256"),
        CONSTRAINT "pk_ingest_batch" PRIMARY KEY ("id"));

      CREATE TABLE "capture_event" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "firm_id" bigint NOT NULL,
        "device_id" bigint NOT NULL,
        "event_key" text NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "event_type" text NOT NULL,
        "subject_ref" text,
        "match_score" double precision,
        "masked" boolean,
        "purpose" text,
        "snapshot_sha256" character(64),
        "batch_id" bigint NOT NULL,
        "line_no" integer NOT NULL,
        CONSTRAINT "uq_capture_event_identity" UNIQUE ("device_id", "event_key"),
        CONSTRAINT "pk_capture_event" PRIMARY KEY ("id"));
      CREATE INDEX "idx_capture_event_batch_line" ON "capture_event" ("batch_id", "line_no");
      CREATE INDEX "idx_capture_event_firm" ON "capture_event" ("firm_id", "id");

      CREATE TABLE "consent_record" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "firm_id" bigint NOT NULL,
        "consent_id" text NOT NULL,
        "subject_ref" text NOT NULL,
        "given_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "purposes" text array NOT NULL,
        "method" text NOT NULL,
        "separate_consent" boolean NOT NULL,
        "guardian_consent" boolean NOT NULL,
        "subject_birth_date" date,
        "withdrawn_at" TIMESTAMP WITH TIME ZONE,
        "expires_at" TIMESTAMP WITH TIME ZONE,
        "notice_version" text,
        "batch_id" bigint NOT NULL,
        "line_no" integer NOT NULL,
        CONSTRAINT "uq_consent_record_identity" UNIQUE ("firm_id", "consent_id"),
        CONSTRAINT "pk_consent_record" PRIMARY KEY ("id"));
      CREATE INDEX "idx_consent_record_batch_line" ON "consent_record" ("batch_id", "line_no");
      CREATE INDEX "idx_consent_record_subject" ON "consent_record" ("firm_id", "subject_ref");

      CREATE TABLE "quarantined_record" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "batch_id" bigint NOT NULL,
        "line_no" integer NOT NULL,
        "field" text,
        "reason_code" text NOT NULL,
        "message" text NOT NULL,
        "raw_text" text NOT NULL,
        "raw_sha256" character(64) NOT NULL,
        CONSTRAINT "uq_quarantined_record_line" UNIQUE ("batch_id", "line_no"),
        CONSTRAINT "pk_quarantined_record" PRIMARY KEY ("id"));

      CREATE TABLE "case" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "case_number" text NOT NULL,
        "firm_id" bigint NOT NULL,
        "evidence_digest" character(64) NOT NULL,
        "decision_date" date NOT NULL,
        "status" text NOT NULL,
        "summary" jsonb NOT NULL,
        "opened_by" text NOT NULL,
        "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_case_number" UNIQUE ("case_number"),
        CONSTRAINT "pk_case" PRIMARY KEY ("id"));

      CREATE TABLE "case_evidence" (
        "case_id" bigint NOT NULL,
        "batch_id" bigint NOT NULL,
        CONSTRAINT "pk_case_evidence" PRIMARY KEY ("case_id", "batch_id"));

      CREATE TABLE "finding" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "case_id" bigint NOT NULL,
        "kind" text NOT NULL,
        "reason" text NOT NULL,
        "subject_ref" text,
        "device_id" bigint,
        "site_id" bigint NOT NULL,
        "purpose" text,
        "capture_count" integer NOT NULL,
        "first_at" TIMESTAMP WITH TIME ZONE,
        "last_at" TIMESTAMP WITH TIME ZONE,
        "capture_ids" bigint array NOT NULL,
        "consent_ids" bigint array NOT NULL,
        CONSTRAINT "pk_finding" PRIMARY KEY ("id"));
      CREATE INDEX "idx_finding_case" ON "finding" ("case_id", "id");

      CREATE TABLE "penalty_assessment" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "case_id" bigint NOT NULL,
        "rulebook" text NOT NULL,
        "rulebook_version" text NOT NULL,
        "currency" character(3) NOT NULL,
        "amount" numeric(20,2) NOT NULL,
        "min_amount" numeric(20,2) NOT NULL,
        "max_amount" numeric(20,2),
        "tier" text NOT NULL,
        "facts" jsonb NOT NULL,
        "trace" jsonb NOT NULL,
        "assessed_by" text NOT NULL,
        "assessed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "override_amount" numeric(20,2),
        "override_reason" text,
        "overridden_by" text,
        "overridden_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "uq_penalty_assessment_case_rulebook" UNIQUE ("case_id", "rulebook", "rulebook_version"),
        CONSTRAINT "pk_penalty_assessment" PRIMARY KEY ("id"));

      CREATE TABLE "case_file" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "case_id" bigint NOT NULL,
        "sha256" character(64) NOT NULL,
        "pages" integer NOT NULL,
        "bytes" bigint NOT NULL,
        "storage_path" text NOT NULL,
        "rendered_by" text NOT NULL,
        "rendered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_case_file_content" UNIQUE ("case_id", "sha256"),
        CONSTRAINT "pk_case_file" PRIMARY KEY ("id"));

      CREATE TABLE "audit_log" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "actor" text NOT NULL,
        "action" text NOT NULL,
        "entity" text NOT NULL,
        "entity_id" text,
        "details" jsonb NOT NULL,
        CONSTRAINT "pk_audit_log" PRIMARY KEY ("id"));
      CREATE INDEX "idx_audit_log_entity" ON "audit_log" ("entity", "entity_id");

      ALTER TABLE "site" ADD CONSTRAINT "fk_site_firm" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;
      ALTER TABLE "device" ADD CONSTRAINT "fk_device_firm" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;
      ALTER TABLE "device" ADD CONSTRAINT "fk_device_site" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;
      ALTER TABLE "ingest_batch" ADD CONSTRAINT "fk_ingest_batch_firm" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;
      ALTER TABLE "capture_event" ADD CONSTRAINT "fk_capture_event_device" FOREIGN KEY ("device_id") REFERENCES "device"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;
      ALTER TABLE "capture_event" ADD CONSTRAINT "fk_capture_event_batch" FOREIGN KEY ("batch_id") REFERENCES "ingest_batch"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;
      ALTER TABLE "consent_record" ADD CONSTRAINT "fk_consent_record_firm" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;
      ALTER TABLE "consent_record" ADD CONSTRAINT "fk_consent_record_batch" FOREIGN KEY ("batch_id") REFERENCES "ingest_batch"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;
      ALTER TABLE "quarantined_record" ADD CONSTRAINT "fk_quarantined_record_batch" FOREIGN KEY ("batch_id") REFERENCES "ingest_batch"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;
      ALTER TABLE "case" ADD CONSTRAINT "fk_case_firm" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;
      ALTER TABLE "case_evidence" ADD CONSTRAINT "fk_case_evidence_case" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;
      ALTER TABLE "case_evidence" ADD CONSTRAINT "fk_case_evidence_batch" FOREIGN KEY ("batch_id") REFERENCES "ingest_batch"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;
      ALTER TABLE "finding" ADD CONSTRAINT "fk_finding_case" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;
      ALTER TABLE "penalty_assessment" ADD CONSTRAINT "fk_penalty_assessment_case" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;
      ALTER TABLE "case_file" ADD CONSTRAINT "fk_case_file_case" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION;

      -- Evidence and the audit log are append-only: no UPDATE, no DELETE, whoever asks.
      CREATE FUNCTION "reject_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER "trg_audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_capture_event_append_only" BEFORE UPDATE OR DELETE ON "capture_event" FOR EACH ROW EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_consent_record_append_only" BEFORE UPDATE OR DELETE ON "consent_record" FOR EACH ROW EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_quarantined_record_append_only" BEFORE UPDATE OR DELETE ON "quarantined_record" FOR EACH ROW EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "reject_change"();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE "case_file", "penalty_assessment", "finding", "case_evidence", "case", "quarantined_record",
        "consent_record", "capture_event", "ingest_batch", "device", "site", "audit_log", "firm";
      DROP FUNCTION "reject_change"();
    `);
  }
}
