import { migrate, type Database } from '../data-source';
import { openTestDatabase } from '../persistence.testing';
import { EvidenceRepository, type CaptureToStore } from './evidence.repository';

/**
 * The capture write path on both engines: a chunk of new identities is copied straight into capture_event;
 * any chunk holding a repeat (stored before, or twice within it) or a device that is not the firm's is merged.
 * Either way the same rows are stored, each once, and repeats are duplicates or conflicts as before.
 */
describe.each(['postgres', 'embedded'] as const)('storing captures on %s', (kind) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let store: EvidenceRepository;
  let firm: string;
  let device: string;
  let otherDevice: string;
  let batch: string;
  let nextBatch = 0;

  const q = async (sql: string, params: unknown[]): Promise<string> =>
    (await db.dataSource.query<{ id: string }[]>(`${sql} RETURNING id::text`, params))[0].id;

  async function newFirm(creditCode: string): Promise<{ firm: string; device: string }> {
    const f = await q(
      `INSERT INTO firm (credit_code, name, region, timezone) VALUES ($1, 'F', '330201', 'Asia/Shanghai')`,
      [creditCode],
    );
    const site = await q(
      `INSERT INTO site (firm_id, site_code, name, site_type, face_only_access) VALUES ($1, 'S1', 'S', 'office', false)`,
      [f],
    );
    const d = await q(
      `INSERT INTO device (firm_id, site_id, device_code, vendor, model, timezone)
       VALUES ($1, $2, 'D1', 'V', 'M', 'Asia/Shanghai')`,
      [f, site],
    );
    return { firm: f, device: d };
  }

  async function newBatch(firmId: string): Promise<string> {
    nextBatch += 1;
    return q(
      `INSERT INTO ingest_batch (firm_id, kind, file_name, file_size, sha256, format, encoding, submitted_by,
         submitted_from, received_at, storage_path, status)
       VALUES ($1, 'captures', $2, 1, $3, 'jsonl', 'utf-8', 't', 'test', now(), 'x', 'receiving')`,
      [firmId, `c${nextBatch}.jsonl`, String(nextBatch).padStart(64, '0')],
    );
  }

  const capture = (line: number, key: string, deviceDbId = device, subjectRef = 'P1'): CaptureToStore => ({
    line,
    key,
    deviceDbId,
    record: {
      eventId: key,
      deviceId: 'D1',
      occurredAt: Date.UTC(2021, 0, 1) + line * 1000,
      eventType: 'face_match',
      subjectRef,
      matchScore: 0.9,
      masked: null,
      purpose: null,
      snapshotSha256: null,
    },
  });

  const stored = async (batchId: string) =>
    db.dataSource.query<{ key: string; line: number }[]>(
      `SELECT event_key AS key, line_no AS line FROM capture_event WHERE batch_id = $1 ORDER BY id`,
      [batchId],
    );

  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase(kind));
    await migrate(db);
    store = new EvidenceRepository(db);
    ({ firm, device } = await newFirm('91330201MA2H000001'));
    ({ device: otherDevice } = await newFirm('91330201MA2H000002'));
    batch = await newBatch(firm);
  }, 60_000);

  afterAll(async () => {
    await cleanup?.();
  });

  it('copies a chunk of new identities straight in, in line order, with the firm and batch', async () => {
    const rows = [1, 2, 3, 4].map((l) => capture(l, `E${l}`));
    expect(await store.storeCaptures(batch, firm, rows, [])).toEqual({
      inserted: 4,
      conflicts: 0,
      path: 'copy',
    });
    expect(await stored(batch)).toEqual([1, 2, 3, 4].map((l) => ({ key: `E${l}`, line: l })));
    const [owner] = await db.dataSource.query<{ firms: number; batches: number }[]>(
      `SELECT count(DISTINCT firm_id)::int AS firms, count(DISTINCT batch_id)::int AS batches
       FROM capture_event WHERE firm_id = $1 AND batch_id = $2`,
      [firm, batch],
    );
    expect(owner).toEqual({ firms: 1, batches: 1 });
  });

  it('merges a re-sent chunk: nothing added, no conflict', async () => {
    const rows = [1, 2, 3, 4].map((l) => capture(l, `E${l}`));
    expect(await store.storeCaptures(batch, firm, rows, [])).toEqual({
      inserted: 0,
      conflicts: 0,
      path: 'merge',
    });
    expect(await stored(batch)).toHaveLength(4);
  });

  it('falls back to the merge when a stored identity hides in the middle of a chunk: the copy is undone whole', async () => {
    const b = await newBatch(firm);
    // E2 is stored (batch above) with subject P1: here it comes again unchanged (a duplicate), E3 changed (a conflict).
    const rows = [capture(1, 'N1'), capture(2, 'E2'), capture(3, 'E3', device, 'P9'), capture(4, 'N4')];
    expect(await store.storeCaptures(b, firm, rows, [])).toEqual({
      inserted: 2,
      conflicts: 1,
      path: 'merge',
    });
    expect(await stored(b)).toEqual([
      { key: 'N1', line: 1 },
      { key: 'N4', line: 4 },
    ]);
    const quarantined = await db.dataSource.query<{ line: number; code: string; field: string }[]>(
      `SELECT line_no AS line, reason_code AS code, field FROM quarantined_record WHERE batch_id = $1`,
      [b],
    );
    expect(quarantined).toEqual([{ line: 3, code: 'INGEST.CONFLICTING_EVENT', field: 'subjectRef' }]);
  });

  it('falls back to the merge when an identity repeats within the chunk: the first is stored', async () => {
    const b = await newBatch(firm);
    const rows = [capture(1, 'W1'), capture(2, 'W2'), capture(3, 'W2'), capture(4, 'W4')];
    expect(await store.storeCaptures(b, firm, rows, [])).toEqual({
      inserted: 3,
      conflicts: 1,
      path: 'merge',
    });
    expect((await stored(b)).map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it("never copies another firm's device into this firm's evidence", async () => {
    const b = await newBatch(firm);
    const rows = [capture(1, 'X1'), capture(2, 'X2', otherDevice)];
    const result = await store.storeCaptures(b, firm, rows, []);
    expect(result.path).toBe('merge');
    expect(await stored(b)).toEqual([{ key: 'X1', line: 1 }]);
  });

  it('leaves the transaction usable after an undone copy: quarantined lines of the chunk are kept', async () => {
    const b = await newBatch(firm);
    const rows = [capture(1, 'Y1'), capture(2, 'Y1')];
    const rejected = [
      { line: 3, code: 'INGEST.INVALID_FIELD', field: 'occurredAt', message: 'bad', raw: '{}' },
    ];
    // Line 2 repeats Y1 a second later: a conflict on occurredAt, quarantined beside the refused line 3.
    expect(await store.storeCaptures(b, firm, rows, rejected)).toEqual({
      inserted: 1,
      conflicts: 1,
      path: 'merge',
    });
    const kept = await db.dataSource.query<{ line: number; code: string }[]>(
      `SELECT line_no AS line, reason_code AS code FROM quarantined_record WHERE batch_id = $1 ORDER BY line_no`,
      [b],
    );
    expect(kept).toEqual([
      { line: 2, code: 'INGEST.CONFLICTING_EVENT' },
      { line: 3, code: 'INGEST.INVALID_FIELD' },
    ]);
  });

  describe('the custody digest of a batch, hashed run by run while it is stored', () => {
    const RUN = 65536;
    const sql = <T>(text: string, params: unknown[] = []) => db.dataSource.query<T[]>(text, params);
    /** Moves the id sequence on, so the next rows land `runs` runs further: runs finish without a million rows. */
    const skipRuns = async (runs: number) => {
      const [{ last }] = await sql<{ last: string }>(
        `SELECT last_value::text AS last FROM capture_event_id_seq`,
      );
      await sql(`SELECT setval('capture_event_id_seq', $1)`, [(Math.floor(Number(last) / RUN) + runs) * RUN]);
    };
    const cached = (b: string) =>
      sql<{ k: string; n: string }>(
        `SELECT k::text, n::text FROM custody_run_digest WHERE batch_id = $1 ORDER BY k`,
        [b],
      );
    /** Completes the batch; returns the evidence its custody entry recorded and what verify recomputes now. */
    const complete = async (b: string) => {
      await sql(`UPDATE ingest_batch SET status = 'completed', completed_at = now() WHERE id = $1`, [b]);
      const [{ recorded }] = await sql<{ recorded: unknown }>(
        `SELECT payload->'evidence' AS recorded FROM custody_event
         WHERE entity = 'ingest_batch' AND entity_id = $1 AND payload ? 'evidence' ORDER BY seq DESC LIMIT 1`,
        [b],
      );
      const [{ now }] = await sql<{ now: unknown }>(`SELECT custody_batch_evidence($1::bigint) AS now`, [b]);
      return { recorded, now };
    };
    /** A batch with 3 captures in one run and 2 in a later one; the first run hashed ahead. */
    const storedInTwoRuns = async (prefix: string) => {
      const b = await newBatch(firm);
      const start = await store.startRun();
      await store.storeCaptures(
        b,
        firm,
        [1, 2, 3].map((l) => capture(l, `${prefix}${l}`)),
        [],
      );
      await skipRuns(3);
      await store.storeCaptures(
        b,
        firm,
        [4, 5].map((l) => capture(l, `${prefix}${l}`)),
        [],
      );
      // The sequence's head is now 3 runs on: the runs before the one behind it are finished (on PostgreSQL;
      // the embedded engine, on this process's one thread, hashes everything at completion).
      expect(await store.digestFinishedRuns(b, start)).toBe(ahead ? start + 2 : start);
      expect(await cached(b)).toEqual(ahead ? [{ k: String(start), n: '3' }] : []);
      return b;
    };

    const ahead = kind === 'postgres';

    it("records at completion the digest verify recomputes, and drops the batch's cache", async () => {
      const b = await storedInTwoRuns('H');
      const { recorded, now } = await complete(b);
      expect(recorded).toEqual(now);
      expect(recorded).toMatchObject({ captures: { count: 5 } });
      expect(await cached(b)).toEqual([]);
    });

    // What a run hashed ahead may and may not do: only PostgreSQL hashes ahead.
    if (ahead) {
      it('hashes a run again when its rows are no longer the ones cached', async () => {
        const b = await storedInTwoRuns('J');
        await sql(`UPDATE custody_run_digest SET n = n - 1, id_sum = id_sum - 1 WHERE batch_id = $1`, [b]);
        const { recorded, now } = await complete(b);
        expect(recorded).toEqual(now);
      });

      it('never hides a wrong cached hash: the recorded digest then differs from what verify recomputes', async () => {
        const b = await storedInTwoRuns('K');
        await sql(`UPDATE custody_run_digest SET d = sha256('forged'::bytea) WHERE batch_id = $1`, [b]);
        const { recorded, now } = await complete(b);
        expect(recorded).toMatchObject({ captures: { count: 5 } });
        expect((recorded as { captures: { digest: string } }).captures.digest).not.toBe(
          (now as { captures: { digest: string } }).captures.digest,
        );
      });

      it('leaves a run alone until the run after it is finished too (another worker may still write it)', async () => {
        const b = await newBatch(firm);
        const start = await store.startRun();
        await store.storeCaptures(b, firm, [capture(1, 'L1')], []);
        await skipRuns(1);
        await store.storeCaptures(b, firm, [capture(2, 'L2')], []);
        expect(await store.digestFinishedRuns(b, start)).toBe(start);
        expect(await cached(b)).toEqual([]);
      });
    }
  });
});
