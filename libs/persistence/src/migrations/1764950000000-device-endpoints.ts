import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Registered face terminals to collect from (issue 12): URL, sealed credentials, collection cursor. */
export class DeviceEndpoints1764950000000 implements MigrationInterface {
  name = 'DeviceEndpoints1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "device_endpoint" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
         "device_id" bigint NOT NULL, "protocol" text NOT NULL, "base_url" text NOT NULL, "username" text NOT NULL,
         "password_sealed" text NOT NULL, "password_key_id" text NOT NULL, "since_at" timestamptz,
         "cursor_at" timestamptz, "enabled" boolean NOT NULL DEFAULT true, "registered_by" text NOT NULL,
         "registered_at" timestamptz NOT NULL, "last_collected_at" timestamptz, "last_error" text,
         CONSTRAINT "uq_device_endpoint_device" UNIQUE ("device_id"),
         CONSTRAINT "pk_device_endpoint" PRIMARY KEY ("id"),
         CONSTRAINT "fk_device_endpoint_device" FOREIGN KEY ("device_id") REFERENCES "device"("id")
           ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "device_endpoint"`);
  }
}
