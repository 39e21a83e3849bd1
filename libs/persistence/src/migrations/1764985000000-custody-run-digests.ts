import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The digest a batch's completion records, computed while the batch is stored rather than all at its end
 * (issue 13, docs/benchmarks.md "The write path, step by step"). `custody_rows_digest` hashes a batch's rows in
 * runs of 65,536 ids; on 1,000,000 captures it took 4–5 s of PostgreSQL time, all of it after the last row,
 * while nothing else could happen — a third of the ingest. The value recorded is unchanged: the same runs, the
 * same hashes, the same text form of a row (the same settings on every function here).
 *
 * While a batch receives, each run its rows have finished (`custody_digest_runs`, called after a chunk is
 * stored, one run of slack behind the id sequence's head) is hashed into `custody_run_digest` with the run's
 * row count and sum of ids. At the status change the chain records, a cached run is used only if the batch's
 * rows in that run still have that count and sum (a batch's rows are only ever added while it receives, or
 * all removed when it fails, and ids never come back, so the same count and sum are the same rows); any other
 * run is hashed then, as before. The cache is only a head start: `custody_batch_evidence`, which
 * `bioaudit verify` recomputes, never reads it, so a wrong entry would show as a break, never hide one.
 */
export class CustodyRunDigests1764985000000 implements MigrationInterface {
  name = 'CustodyRunDigests1764985000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "custody_run_digest" (
        "batch_id" bigint NOT NULL,
        "tbl" text NOT NULL,
        "k" bigint NOT NULL,
        "n" bigint NOT NULL,
        "id_sum" numeric NOT NULL,
        "d" bytea NOT NULL,
        CONSTRAINT "pk_custody_run_digest" PRIMARY KEY ("batch_id", "tbl", "k")
      );

      -- Hashes the runs [p_from, head - 1) of a batch's rows, head being the run of the id sequence's last value
      -- (the run before it may still be written by another worker's open chunk); returns where the next call
      -- starts. A run whose rows change later is caught by its count and sum at completion.
      CREATE FUNCTION "custody_digest_runs"(p_table regclass, p_batch bigint, p_from bigint) RETURNS bigint
        LANGUAGE plpgsql SET timezone TO 'UTC' SET datestyle TO 'ISO, YMD' SET intervalstyle TO 'postgres'
        SET extra_float_digits TO 1 SET bytea_output TO 'hex' AS $$
      DECLARE
        head bigint;
        upto bigint;
      BEGIN
        EXECUTE format('SELECT last_value FROM %s', pg_get_serial_sequence(p_table::text, 'id')) INTO head;
        upto := head / 65536 - 1;
        IF upto <= p_from THEN
          RETURN p_from;
        END IF;
        EXECUTE format($q$
          INSERT INTO "custody_run_digest" (batch_id, tbl, k, n, id_sum, d)
          SELECT $1, $2, s.k, count(*), sum(s.id), sha256(string_agg(s.h, ''::bytea ORDER BY s.id))
          FROM (SELECT t.id, t.id / 65536 AS k, sha256(convert_to(t::text, 'UTF8')) AS h
                FROM %s t WHERE t.id >= $3 * 65536 AND t.id < $4 * 65536 AND t.batch_id = $1 OFFSET 0) s
          GROUP BY s.k
          ON CONFLICT (batch_id, tbl, k) DO UPDATE SET n = excluded.n, id_sum = excluded.id_sum, d = excluded.d
          $q$, p_table)
        USING p_batch, p_table::text, p_from, upto;
        RETURN upto;
      END $$;

      -- custody_rows_digest's value, taking each run from the cache when its rows are the ones it hashed.
      CREATE FUNCTION "custody_rows_digest_cached"(p_table regclass, p_batch bigint) RETURNS jsonb LANGUAGE plpgsql
        SET timezone TO 'UTC' SET datestyle TO 'ISO, YMD' SET intervalstyle TO 'postgres'
        SET extra_float_digits TO 1 SET bytea_output TO 'hex' AS $$
      DECLARE r jsonb;
      BEGIN
        EXECUTE format($q$
          WITH runs AS (
            SELECT t.id / 65536 AS k, count(*) AS n, sum(t.id) AS id_sum FROM %1$s t WHERE t.batch_id = $1 GROUP BY 1),
          kept AS (
            SELECT r.k, r.n, c.d FROM runs r
            JOIN "custody_run_digest" c ON c.batch_id = $1 AND c.tbl = $2 AND c.k = r.k AND c.n = r.n AND c.id_sum = r.id_sum),
          fresh AS (
            SELECT t.id / 65536 AS k, count(*) AS n,
                   sha256(string_agg(sha256(convert_to(t::text, 'UTF8')), ''::bytea ORDER BY t.id)) AS d
            FROM %1$s t WHERE t.batch_id = $1 AND NOT EXISTS (SELECT 1 FROM kept WHERE kept.k = t.id / 65536)
            GROUP BY 1)
          SELECT jsonb_build_object('count', coalesce(sum(g.n), 0),
                                    'digest', coalesce(encode(sha256(string_agg(g.d, ''::bytea ORDER BY g.k)), 'hex'), ''))
          FROM (SELECT k, n, d FROM kept UNION ALL SELECT k, n, d FROM fresh) g $q$, p_table)
        INTO r USING p_batch, p_table::text;
        RETURN r;
      END $$;

      -- What a batch holds, as custody_batch_evidence digests it, with the runs already hashed; the batch's
      -- cache goes with it.
      CREATE FUNCTION "custody_batch_evidence_closing"(p_batch bigint) RETURNS jsonb LANGUAGE plpgsql AS $$
      DECLARE r jsonb;
      BEGIN
        r := jsonb_build_object(
          'captures', custody_rows_digest_cached('capture_event', p_batch),
          'consents', custody_rows_digest('consent_record', p_batch),
          'quarantined', custody_rows_digest('quarantined_record', p_batch));
        DELETE FROM "custody_run_digest" WHERE batch_id = p_batch;
        RETURN r;
      END $$;

      CREATE OR REPLACE FUNCTION "custody_record_row"() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER SET search_path FROM CURRENT AS $$
      DECLARE
        extra jsonb := '{}';
      BEGIN
        IF TG_TABLE_NAME = 'ingest_batch' AND TG_OP = 'UPDATE' THEN
          IF NEW.status IS DISTINCT FROM OLD.status THEN
            extra := jsonb_build_object('evidence', custody_batch_evidence_closing(NEW.id));
          END IF;
        END IF;
        PERFORM custody_append(TG_TABLE_NAME || '.' || lower(TG_OP), TG_TABLE_NAME, NEW.id::text,
          jsonb_build_object('row', custody_row_json(NEW), 'rowHash', custody_row_hash(NEW)) || extra);
        RETURN NULL;
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION "custody_record_row"() RETURNS trigger LANGUAGE plpgsql
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
      DROP FUNCTION "custody_batch_evidence_closing"(bigint);
      DROP FUNCTION "custody_rows_digest_cached"(regclass, bigint);
      DROP FUNCTION "custody_digest_runs"(regclass, bigint, bigint);
      DROP TABLE "custody_run_digest";
    `);
  }
}
