import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The write path of capture_event (issue 13, docs/benchmarks.md "The write path, step by step"): each B-tree
 * costs about as much as the copy itself (≈ 1.8 s per million rows on two cores against 2.9 s for the table
 * with its primary key alone). `(batch_id, line_no)` was only ever read by batch — the custody digest, the
 * removal of a failed batch's rows, retention — never in line order, and a batch's rows lie together in the
 * heap (each chunk is one COPY), so a block-range index answers the same lookups at almost no cost on insert.
 * 32 pages a range (≈ 2,000 rows) keeps a collected page-sized batch within a range or two.
 */
export class CaptureEventWritePath1764980000000 implements MigrationInterface {
  name = 'CaptureEventWritePath1764980000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_capture_event_batch_line"`);
    await q.query(
      `CREATE INDEX "idx_capture_event_batch" ON "capture_event" USING brin ("batch_id") WITH (pages_per_range = 32)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_capture_event_batch"`);
    await q.query(`CREATE INDEX "idx_capture_event_batch_line" ON "capture_event" ("batch_id", "line_no")`);
  }
}
