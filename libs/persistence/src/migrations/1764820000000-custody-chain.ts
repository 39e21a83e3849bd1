import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The custody chain: every custody event (a batch received, its status changed with a digest of the rows it
 * holds, a case opened or its status changed, the findings stored with it, an assessment, a rendered case file) and every
 * audit_log row is appended to `custody_event`, each entry carrying the previous entry's SHA-256 and its own
 * over `seq \n kind \n entity \n entity_id \n payload::text \n prev_hash` (jsonb's text form is canonical).
 *
 * The chain is written by triggers, so it is in the same transaction as the row it records, whoever wrote
 * the row; `custody_append` takes a transaction-scoped advisory lock, so entries are assigned one writer at a
 * time (on PGlite the pool lease already serialises). Row digests are computed in UTC so a session's time
 * zone never changes them.
 *
 * Also here: findings, assessments and case files become append-only; TRUNCATE is refused on every evidence
 * table; an ingest batch's custody columns (what was received, its hash, where it is kept) can never change.
 * Rows that exist when this runs are entered into the chain (`backfilled`). The two trigger functions run as
 * the owner (SECURITY DEFINER), so an application role that may only SELECT/INSERT still extends the chain
 * but can never write an entry of its own.
 */
export class CustodyChain1764820000000 implements MigrationInterface {
  name = 'CustodyChain1764820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "custody_event" (
        "seq" bigint NOT NULL,
        "kind" text NOT NULL,
        "entity" text NOT NULL,
        "entity_id" text,
        "payload" jsonb NOT NULL,
        "prev_hash" character(64) NOT NULL,
        "row_hash" character(64) NOT NULL,
        CONSTRAINT "pk_custody_event" PRIMARY KEY ("seq")
      );
      CREATE INDEX "idx_custody_event_entity" ON "custody_event" ("entity", "entity_id");
      ALTER TABLE "audit_log" ADD "chain_seq" bigint;
      ALTER TABLE "audit_log" ADD "prev_hash" character(64);
      ALTER TABLE "audit_log" ADD "row_hash" character(64);

      -- A row as JSON, in UTC: the form that is recorded and hashed.
      CREATE FUNCTION "custody_row_json"(r anyelement) RETURNS jsonb LANGUAGE sql STABLE
        SET timezone TO 'UTC' SET extra_float_digits TO 1
        AS $$ SELECT to_jsonb(r) - 'chain_seq' - 'prev_hash' - 'row_hash' $$;
      CREATE FUNCTION "custody_row_hash"(r anyelement) RETURNS text LANGUAGE sql STABLE
        AS $$ SELECT encode(sha256(convert_to(custody_row_json(r)::text, 'UTF8')), 'hex') $$;

      -- The digest of a batch's rows of one table: SHA-256 over the SHA-256s of the rows' text in id order, by
      -- runs of 65,536 ids (bounded memory). The row's text form (not jsonb: 3x cheaper, 1.2 s per 300,000
      -- captures on PGlite) is fixed by the settings of the function.
      CREATE FUNCTION "custody_rows_digest"(p_table regclass, p_batch bigint) RETURNS jsonb LANGUAGE plpgsql STABLE
        SET timezone TO 'UTC' SET datestyle TO 'ISO, YMD' SET intervalstyle TO 'postgres'
        SET extra_float_digits TO 1 SET bytea_output TO 'hex' AS $$
      DECLARE r jsonb;
      BEGIN
        EXECUTE format($q$
          SELECT jsonb_build_object('count', coalesce(sum(g.n), 0),
                                    'digest', coalesce(encode(sha256(string_agg(g.d, ''::bytea ORDER BY g.k)), 'hex'), ''))
          FROM (SELECT t.id / 65536 AS k, count(*) AS n,
                       sha256(string_agg(sha256(convert_to(t::text, 'UTF8')), ''::bytea ORDER BY t.id)) AS d
                FROM %s t WHERE t.batch_id = $1 GROUP BY 1) g $q$, p_table)
        INTO r USING p_batch;
        RETURN r;
      END $$;

      -- What a batch holds: count and digest of its captures, consents and quarantined lines.
      CREATE FUNCTION "custody_batch_evidence"(p_batch bigint) RETURNS jsonb LANGUAGE sql STABLE AS $$
        SELECT jsonb_build_object(
          'captures', custody_rows_digest('capture_event', p_batch),
          'consents', custody_rows_digest('consent_record', p_batch),
          'quarantined', custody_rows_digest('quarantined_record', p_batch))
      $$;

      -- Appends one entry; one writer at a time (the lock is held until the transaction ends).
      CREATE FUNCTION "custody_append"(p_kind text, p_entity text, p_entity_id text, p_payload jsonb)
        RETURNS "custody_event" LANGUAGE plpgsql AS $$
      DECLARE
        prev "custody_event";
        next_seq bigint := 1;
        prev_h text := repeat('0', 64);
        body jsonb;
        r "custody_event";
      BEGIN
        PERFORM pg_advisory_xact_lock(7106419553172250001);
        SELECT * INTO prev FROM "custody_event" ORDER BY seq DESC LIMIT 1;
        IF FOUND THEN
          next_seq := prev.seq + 1;
          prev_h := prev.row_hash;
        END IF;
        body := p_payload || jsonb_build_object('at',
          to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'));
        INSERT INTO "custody_event" (seq, kind, entity, entity_id, payload, prev_hash, row_hash)
        VALUES (next_seq, p_kind, p_entity, p_entity_id, body, prev_h,
          encode(sha256(convert_to(next_seq::text || E'\\n' || p_kind || E'\\n' || p_entity || E'\\n'
            || coalesce(p_entity_id, '') || E'\\n' || body::text || E'\\n' || prev_h, 'UTF8')), 'hex'))
        RETURNING * INTO r;
        RETURN r;
      END $$;

      -- A row inserted or updated in a custody table: recorded with its digest (and, when a batch changes
      -- status, with the digest of what it holds).
      CREATE FUNCTION "custody_record_row"() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER SET search_path FROM CURRENT AS $$
      DECLARE
        extra jsonb := '{}';
      BEGIN
        IF TG_TABLE_NAME = 'ingest_batch' AND TG_OP = 'UPDATE' THEN
          IF NEW.status IS DISTINCT FROM OLD.status THEN
            extra := jsonb_build_object('evidence', custody_batch_evidence(NEW.id));
          END IF;
        END IF;
        PERFORM custody_append(TG_TABLE_NAME || '.' || lower(TG_OP), TG_TABLE_NAME, NEW.id::text,
          jsonb_build_object('row', custody_row_json(NEW), 'rowHash', custody_row_hash(NEW)) || extra);
        RETURN NULL;
      END $$;

      -- Findings come by the thousand in one statement (a case opened): one entry per statement, listing each
      -- row's id and digest: 3,138 findings cost 0.3 s on PGlite (1.4 s as one entry per row; 0.03 s unchained).
      CREATE FUNCTION "custody_record_rows"() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER SET search_path FROM CURRENT SET timezone TO 'UTC' SET extra_float_digits TO 1 AS $$
      DECLARE
        rows jsonb;
      BEGIN
        SELECT jsonb_agg(jsonb_build_object('id', n.id::text, 'case_id', n.case_id::text,
                                            'rowHash',
            -- custody_row_hash inlined (same text: UTC is set on this function): half the cost per row
            encode(sha256(convert_to((to_jsonb(n) - 'chain_seq' - 'prev_hash' - 'row_hash')::text, 'UTF8')), 'hex')) ORDER BY n.id)
          INTO rows FROM new_rows n;
        IF rows IS NOT NULL THEN
          PERFORM custody_append(TG_TABLE_NAME || '.insert', TG_TABLE_NAME, NULL, jsonb_build_object('rows', rows));
        END IF;
        RETURN NULL;
      END $$;

      -- Every audit_log row is an entry of the chain and carries its link.
      CREATE FUNCTION "custody_chain_audit_log"() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER SET search_path FROM CURRENT AS $$
      DECLARE
        e "custody_event";
      BEGIN
        e := custody_append('audit_log.insert', 'audit_log', NEW.id::text,
          jsonb_build_object('row', custody_row_json(NEW), 'rowHash', custody_row_hash(NEW)));
        NEW.chain_seq := e.seq;
        NEW.prev_hash := e.prev_hash;
        NEW.row_hash := e.row_hash;
        RETURN NEW;
      END $$;

      CREATE FUNCTION "reject_custody_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.firm_id IS DISTINCT FROM OLD.firm_id OR NEW.kind IS DISTINCT FROM OLD.kind
          OR NEW.file_name IS DISTINCT FROM OLD.file_name OR NEW.file_size IS DISTINCT FROM OLD.file_size
          OR NEW.sha256 IS DISTINCT FROM OLD.sha256 OR NEW.source_entry IS DISTINCT FROM OLD.source_entry
          OR NEW.storage_path IS DISTINCT FROM OLD.storage_path OR NEW.received_at IS DISTINCT FROM OLD.received_at
          OR NEW.submitted_by IS DISTINCT FROM OLD.submitted_by THEN
          RAISE EXCEPTION 'the custody columns of ingest_batch % cannot change', OLD.id
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$;
    `);

    // Only the triggers (running as the owner) append: an application role can neither call custody_append
    // nor insert into custody_event (see grantApplicationRole).
    await q.query(`REVOKE EXECUTE ON FUNCTION "custody_append"(text, text, text, jsonb) FROM PUBLIC`);

    // The rows already there enter the chain first, table by table, in id order.
    await q.query(`
      DO $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT b FROM ingest_batch b ORDER BY id LOOP
          PERFORM custody_append('ingest_batch.insert', 'ingest_batch', (r.b).id::text,
            jsonb_build_object('row', custody_row_json(r.b), 'rowHash', custody_row_hash(r.b), 'backfilled', true,
              'evidence', custody_batch_evidence((r.b).id)));
        END LOOP;
        FOR r IN SELECT c FROM "case" c ORDER BY id LOOP
          PERFORM custody_append('case.insert', 'case', (r.c).id::text,
            jsonb_build_object('row', custody_row_json(r.c), 'rowHash', custody_row_hash(r.c), 'backfilled', true));
        END LOOP;
        FOR r IN SELECT f FROM finding f ORDER BY id LOOP
          PERFORM custody_append('finding.insert', 'finding', (r.f).id::text,
            jsonb_build_object('row', custody_row_json(r.f), 'rowHash', custody_row_hash(r.f), 'backfilled', true));
        END LOOP;
        FOR r IN SELECT a FROM penalty_assessment a ORDER BY id LOOP
          PERFORM custody_append('penalty_assessment.insert', 'penalty_assessment', (r.a).id::text,
            jsonb_build_object('row', custody_row_json(r.a), 'rowHash', custody_row_hash(r.a), 'backfilled', true));
        END LOOP;
        FOR r IN SELECT f FROM case_file f ORDER BY id LOOP
          PERFORM custody_append('case_file.insert', 'case_file', (r.f).id::text,
            jsonb_build_object('row', custody_row_json(r.f), 'rowHash', custody_row_hash(r.f), 'backfilled', true));
        END LOOP;
        FOR r IN SELECT l FROM audit_log l ORDER BY id LOOP
          PERFORM custody_append('audit_log.insert', 'audit_log', (r.l).id::text,
            jsonb_build_object('row', custody_row_json(r.l), 'rowHash', custody_row_hash(r.l), 'backfilled', true));
        END LOOP;
      END $$;
    `);

    await q.query(`
      CREATE TRIGGER "trg_audit_log_chain" BEFORE INSERT ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "custody_chain_audit_log"();
      CREATE TRIGGER "trg_ingest_batch_custody" AFTER INSERT OR UPDATE ON "ingest_batch" FOR EACH ROW EXECUTE FUNCTION "custody_record_row"();
      CREATE TRIGGER "trg_case_custody" AFTER INSERT OR UPDATE ON "case" FOR EACH ROW EXECUTE FUNCTION "custody_record_row"();
      CREATE TRIGGER "trg_finding_custody" AFTER INSERT ON "finding" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "custody_record_rows"();
      CREATE TRIGGER "trg_penalty_assessment_custody" AFTER INSERT ON "penalty_assessment" FOR EACH ROW EXECUTE FUNCTION "custody_record_row"();
      CREATE TRIGGER "trg_case_file_custody" AFTER INSERT ON "case_file" FOR EACH ROW EXECUTE FUNCTION "custody_record_row"();

      CREATE TRIGGER "trg_ingest_batch_custody_columns" BEFORE UPDATE ON "ingest_batch" FOR EACH ROW EXECUTE FUNCTION "reject_custody_change"();
      CREATE TRIGGER "trg_custody_event_append_only" BEFORE UPDATE OR DELETE ON "custody_event" FOR EACH ROW EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_finding_append_only" BEFORE UPDATE OR DELETE ON "finding" FOR EACH ROW EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_penalty_assessment_append_only" BEFORE UPDATE OR DELETE ON "penalty_assessment" FOR EACH ROW EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_case_file_append_only" BEFORE UPDATE OR DELETE ON "case_file" FOR EACH ROW EXECUTE FUNCTION "reject_change"();

      CREATE TRIGGER "trg_custody_event_no_truncate" BEFORE TRUNCATE ON "custody_event" FOR EACH STATEMENT EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_capture_event_no_truncate" BEFORE TRUNCATE ON "capture_event" FOR EACH STATEMENT EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_consent_record_no_truncate" BEFORE TRUNCATE ON "consent_record" FOR EACH STATEMENT EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_quarantined_record_no_truncate" BEFORE TRUNCATE ON "quarantined_record" FOR EACH STATEMENT EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_ingest_batch_no_truncate" BEFORE TRUNCATE ON "ingest_batch" FOR EACH STATEMENT EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_case_no_truncate" BEFORE TRUNCATE ON "case" FOR EACH STATEMENT EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_case_evidence_no_truncate" BEFORE TRUNCATE ON "case_evidence" FOR EACH STATEMENT EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_finding_no_truncate" BEFORE TRUNCATE ON "finding" FOR EACH STATEMENT EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_penalty_assessment_no_truncate" BEFORE TRUNCATE ON "penalty_assessment" FOR EACH STATEMENT EXECUTE FUNCTION "reject_change"();
      CREATE TRIGGER "trg_case_file_no_truncate" BEFORE TRUNCATE ON "case_file" FOR EACH STATEMENT EXECUTE FUNCTION "reject_change"();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER "trg_case_file_no_truncate" ON "case_file";
      DROP TRIGGER "trg_penalty_assessment_no_truncate" ON "penalty_assessment";
      DROP TRIGGER "trg_finding_no_truncate" ON "finding";
      DROP TRIGGER "trg_case_evidence_no_truncate" ON "case_evidence";
      DROP TRIGGER "trg_case_no_truncate" ON "case";
      DROP TRIGGER "trg_ingest_batch_no_truncate" ON "ingest_batch";
      DROP TRIGGER "trg_quarantined_record_no_truncate" ON "quarantined_record";
      DROP TRIGGER "trg_consent_record_no_truncate" ON "consent_record";
      DROP TRIGGER "trg_capture_event_no_truncate" ON "capture_event";
      DROP TRIGGER "trg_case_file_append_only" ON "case_file";
      DROP TRIGGER "trg_penalty_assessment_append_only" ON "penalty_assessment";
      DROP TRIGGER "trg_finding_append_only" ON "finding";
      DROP TRIGGER "trg_ingest_batch_custody_columns" ON "ingest_batch";
      DROP TRIGGER "trg_case_file_custody" ON "case_file";
      DROP TRIGGER "trg_penalty_assessment_custody" ON "penalty_assessment";
      DROP TRIGGER "trg_finding_custody" ON "finding";
      DROP TRIGGER "trg_case_custody" ON "case";
      DROP TRIGGER "trg_ingest_batch_custody" ON "ingest_batch";
      DROP TRIGGER "trg_audit_log_chain" ON "audit_log";
      DROP FUNCTION "reject_custody_change"();
      DROP FUNCTION "custody_chain_audit_log"();
      DROP FUNCTION "custody_record_rows"();
      DROP FUNCTION "custody_record_row"();
      DROP FUNCTION "custody_append"(text, text, text, jsonb);
      DROP TABLE "custody_event";
      DROP FUNCTION "custody_batch_evidence"(bigint);
      DROP FUNCTION "custody_rows_digest"(regclass, bigint);
      DROP FUNCTION "custody_row_hash"(anyelement);
      DROP FUNCTION "custody_row_json"(anyelement);
      ALTER TABLE "audit_log" DROP COLUMN "row_hash";
      ALTER TABLE "audit_log" DROP COLUMN "prev_hash";
      ALTER TABLE "audit_log" DROP COLUMN "chain_seq";
    `);
  }
}
