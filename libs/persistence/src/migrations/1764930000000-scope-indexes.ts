import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scoped reads of the API (docs/benchmarks.md, "The API under load"): an officer's scope is a prefix of the
 * firm's administrative-division code (`substr(credit_code, 3, 6) LIKE '3302%'`). Without an index on that
 * expression PostgreSQL has no statistics for it, estimates one firm in scope, and plans the cases list as a
 * top-N sort of every case of the region (14 ms at 10,000 cases) instead of walking `pk_case` backwards
 * (0.5 ms). The index gives the expression its statistics and a prefix scan (`text_pattern_ops`).
 * `idx_finding_case_reason` serves a firm's findings of one reason as a keyset scan per case.
 */
export class ScopeIndexes1764930000000 implements MigrationInterface {
  name = 'ScopeIndexes1764930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "idx_firm_division_code" ON "firm" (substr("credit_code", 3, 6) text_pattern_ops)`,
    );
    await q.query(`CREATE INDEX "idx_finding_case_reason" ON "finding" ("case_id", "reason", "id")`);
    await q.query(`ANALYZE "firm"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_finding_case_reason"`);
    await q.query(`DROP INDEX "idx_firm_division_code"`);
  }
}
