import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batches with a life cycle (issue 9): `receiving` -> `completed` | `failed`, and a failed (or abandoned
 * receiving) batch may be `discarded`. A failed batch records why (a stable code, a message) and when; its
 * rows are removed in the same transaction, so only completed batches are ever evidence. Evidence rows stay
 * append-only except those of a batch still receiving; a completed batch never changes status.
 */
export class BatchLifeCycle1764800000000 implements MigrationInterface {
  name = 'BatchLifeCycle1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "ingest_batch" ADD "failure_code" text;
      ALTER TABLE "ingest_batch" ADD "failure_message" text;
      ALTER TABLE "ingest_batch" ADD "failed_at" timestamptz;

      -- Evidence stays append-only, with one exception: the rows of a batch still receiving may be removed,
      -- which is how a batch fails or is discarded (IngestBatchRepository.markFailed/discard, in the same
      -- transaction as the status change). A completed batch's rows can never go, nor can it be reopened.
      CREATE FUNCTION "reject_evidence_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND EXISTS (
          SELECT 1 FROM "ingest_batch" b WHERE b.id = OLD.batch_id AND b.status = 'receiving') THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$;
      DROP TRIGGER "trg_capture_event_append_only" ON "capture_event";
      DROP TRIGGER "trg_consent_record_append_only" ON "consent_record";
      DROP TRIGGER "trg_quarantined_record_append_only" ON "quarantined_record";
      CREATE TRIGGER "trg_capture_event_append_only" BEFORE UPDATE OR DELETE ON "capture_event" FOR EACH ROW EXECUTE FUNCTION "reject_evidence_change"();
      CREATE TRIGGER "trg_consent_record_append_only" BEFORE UPDATE OR DELETE ON "consent_record" FOR EACH ROW EXECUTE FUNCTION "reject_evidence_change"();
      CREATE TRIGGER "trg_quarantined_record_append_only" BEFORE UPDATE OR DELETE ON "quarantined_record" FOR EACH ROW EXECUTE FUNCTION "reject_evidence_change"();

      CREATE FUNCTION "ingest_batch_status_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'completed' AND NEW.status IS DISTINCT FROM 'completed' THEN
          RAISE EXCEPTION 'ingest_batch % is completed: its status cannot change', OLD.id
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER "trg_ingest_batch_status_guard" BEFORE UPDATE ON "ingest_batch" FOR EACH ROW EXECUTE FUNCTION "ingest_batch_status_guard"();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER "trg_ingest_batch_status_guard" ON "ingest_batch";
      DROP FUNCTION "ingest_batch_status_guard"();
      DROP TRIGGER "trg_capture_event_append_only" ON "capture_event";
      DROP TRIGGER "trg_consent_record_append_only" ON "consent_record";
      DROP TRIGGER "trg_quarantined_record_append_only" ON "quarantined_record";
      CREATE TRIGGER "trg_capture_event_append_only" BEFORE UPDATE OR DELETE ON "capture_event" FOR EACH ROW EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_consent_record_append_only" BEFORE UPDATE OR DELETE ON "consent_record" FOR EACH ROW EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_quarantined_record_append_only" BEFORE UPDATE OR DELETE ON "quarantined_record" FOR EACH ROW EXECUTE FUNCTION "reject_change"();
      DROP FUNCTION "reject_evidence_change"();
      ALTER TABLE "ingest_batch" DROP COLUMN "failed_at";
      ALTER TABLE "ingest_batch" DROP COLUMN "failure_message";
      ALTER TABLE "ingest_batch" DROP COLUMN "failure_code";
    `);
  }
}
