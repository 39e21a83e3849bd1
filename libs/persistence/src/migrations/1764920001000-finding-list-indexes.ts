import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The API's findings list (issue 10) filters by reason or device and pages by id: these indexes let a page
 * over millions of findings read only its rows (a reason that matches nothing answers at once, not after a
 * scan of the table).
 */
export class FindingListIndexes1764920001000 implements MigrationInterface {
  name = 'FindingListIndexes1764920001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_finding_reason" ON "finding" ("reason", "id")`);
    await q.query(`CREATE INDEX "idx_finding_device" ON "finding" ("device_id", "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_finding_device"`);
    await q.query(`DROP INDEX "idx_finding_reason"`);
  }
}
