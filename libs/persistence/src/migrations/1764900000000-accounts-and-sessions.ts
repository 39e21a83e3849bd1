import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts, bearer tokens and browser sessions of the API (issue 10), and the request columns of the audit log.
 *
 * audit_log gains `actor_roles`, `remote_address` and `outcome`, nullable and without defaults. The custody
 * chain hashes an audit_log row as `to_jsonb(row)` (migration 1764820000000), so a new column would change the
 * recomputed hash of every row written before it and `verify` would report them all as changed. The row's
 * recorded form therefore leaves these three keys out while they are null: rows written before this migration
 * (and by the CLI, which has no request) hash exactly as they did, rows written by the API are hashed with
 * them. No other custody table has columns of these names.
 */
export class AccountsAndSessions1764900000000 implements MigrationInterface {
  name = 'AccountsAndSessions1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "user_account" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "username" text NOT NULL,
        "display_name" text NOT NULL,
        "password_hash" text,
        "roles" text array NOT NULL,
        "region_code" text,
        "firm_credit_code" character varying(18),
        "certificate_number" text,
        "disabled" boolean NOT NULL DEFAULT false,
        "failed_logins" integer NOT NULL DEFAULT 0,
        "locked_until" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "uq_user_account_username" UNIQUE ("username"),
        CONSTRAINT "pk_user_account" PRIMARY KEY ("id")
      );
      CREATE TABLE "api_token" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "user_id" bigint NOT NULL,
        "name" text NOT NULL,
        "token_hash" character(64) NOT NULL,
        "created_by" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL,
        "revoked_at" timestamptz,
        "last_used_at" timestamptz,
        CONSTRAINT "uq_api_token_hash" UNIQUE ("token_hash"),
        CONSTRAINT "pk_api_token" PRIMARY KEY ("id"),
        CONSTRAINT "fk_api_token_user" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      );
      CREATE INDEX "idx_api_token_user" ON "api_token" ("user_id");
      CREATE TABLE "user_session" (
        "id_hash" character(64) NOT NULL,
        "user_id" bigint NOT NULL,
        "created_at" timestamptz NOT NULL,
        "last_seen_at" timestamptz NOT NULL,
        "remote_address" text,
        CONSTRAINT "pk_user_session" PRIMARY KEY ("id_hash"),
        CONSTRAINT "fk_user_session_user" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      );
      CREATE INDEX "idx_user_session_user" ON "user_session" ("user_id");

      ALTER TABLE "audit_log" ADD "actor_roles" text array;
      ALTER TABLE "audit_log" ADD "remote_address" text;
      ALTER TABLE "audit_log" ADD "outcome" text;
      CREATE INDEX "idx_audit_log_actor" ON "audit_log" ("actor", "id");

      -- The recorded form of a row: as before, less the request columns of audit_log while they are null.
      CREATE OR REPLACE FUNCTION "custody_row_json"(r anyelement) RETURNS jsonb LANGUAGE sql STABLE
        SET timezone TO 'UTC' SET extra_float_digits TO 1
        AS $$ SELECT j - ARRAY(SELECT k FROM unnest(ARRAY['actor_roles', 'remote_address', 'outcome']) k
                                WHERE j -> k = 'null'::jsonb)
              FROM (SELECT to_jsonb(r) - 'chain_seq' - 'prev_hash' - 'row_hash' AS j) s $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION "custody_row_json"(r anyelement) RETURNS jsonb LANGUAGE sql STABLE
        SET timezone TO 'UTC' SET extra_float_digits TO 1
        AS $$ SELECT to_jsonb(r) - 'chain_seq' - 'prev_hash' - 'row_hash' $$;
      DROP INDEX "idx_audit_log_actor";
      ALTER TABLE "audit_log" DROP COLUMN "outcome";
      ALTER TABLE "audit_log" DROP COLUMN "remote_address";
      ALTER TABLE "audit_log" DROP COLUMN "actor_roles";
      DROP TABLE "user_session";
      DROP TABLE "api_token";
      DROP TABLE "user_account";
    `);
  }
}
