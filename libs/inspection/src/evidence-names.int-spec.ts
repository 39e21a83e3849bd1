import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CONFLICT_REASONS } from '@app/ingestion';
import {
  CaseRepository,
  CONFLICT_CODES,
  DeploymentRepository,
  IngestBatchRepository,
  type Database,
  type FindingRow,
  type QuarantinedRow,
} from '@app/persistence';
import { startWorker } from '@app/queue';
import { clearQueuePrefix, createTempDir, createTestPostgresDatabase, TEST_REDIS_URL } from '@app/testing';
import { AuditService } from './audit.service';
import { IngestService } from './ingest.service';
import { bootInspectionApp } from './inspection-app.testing';
import { InspectionJobHandlers } from './job-handlers';

const FIXTURE = path.join(__dirname, 'fixtures', 'conflicts-inspection');
const CREDIT_CODE = '91330201MA2GT00012';

async function all<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const p of pages) out.push(...p);
  return out;
}

async function rowCounts(db: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['ingest_batch', 'capture_event', 'consent_record', 'quarantined_record']) {
    const [r] = await db.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${t}"`);
    out[t] = r.n;
  }
  return out;
}

it('names the same conflict codes in ingestion and persistence', () => {
  expect([...CONFLICT_CODES]).toEqual([...CONFLICT_REASONS]);
});

/** Conflicts, duplicates, rejections and the firm's own names in findings, on both engines. */
describe.each(['embedded', 'postgres'] as const)('evidence by its own names on %s', (kind) => {
  const home = createTempDir();
  let dropPg: (() => Promise<void>) | null = null;
  let ingest: IngestService;
  let audit: AuditService;
  let db: Database;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const env: Record<string, string> = { BIOAUDIT_HOME: home.dir, BIOAUDIT_OPERATOR: 'officer-test' };
    if (kind === 'postgres') {
      const pg = await createTestPostgresDatabase();
      env.DATABASE_URL = pg.url;
      dropPg = pg.drop;
    }
    const booted = await bootInspectionApp(env);
    db = booted.db;
    ingest = booted.app.get(IngestService);
    audit = booted.app.get(AuditService);
    close = () => booted.app.close();
  }, 120_000);

  afterAll(async () => {
    await close?.();
    await dropPg?.();
    home.remove();
  });

  it('keeps an identical repeat a duplicate and a differing record a conflict; counts reconcile', async () => {
    const r = await ingest.ingestFolder(FIXTURE, { distribute: false });
    expect(r.captures).toEqual({
      read: 10,
      accepted: 7,
      duplicates: 1,
      conflicts: 1,
      skipped: 0,
      rejected: 1,
    });
    expect(r.consents).toEqual({
      read: 4,
      accepted: 2,
      duplicates: 1,
      conflicts: 1,
      skipped: 0,
      rejected: 0,
    });
    for (const c of [r.captures, r.consents]) {
      expect(c.read).toBe(c.accepted + c.duplicates + c.conflicts + c.skipped + c.rejected);
    }
    const [batch] = await db.dataSource.query<{ conflict_count: number }[]>(
      `SELECT conflict_count FROM ingest_batch WHERE kind = 'captures'`,
    );
    expect(batch.conflict_count).toBe(1);
    // The first record under an id is the one stored and audited.
    const [e2] = await db.dataSource.query<{ line_no: number; at: string }[]>(
      `SELECT c.line_no, c.occurred_at::text AS at FROM capture_event c JOIN device d ON d.id = c.device_id
       WHERE d.device_code = 'CAM-01' AND c.event_key = 'E2'`,
    );
    expect(e2.line_no).toBe(2);

    const before = await rowCounts(db);
    const again = await ingest.ingestFolder(FIXTURE, { distribute: false });
    expect(again.captures).toEqual(r.captures);
    expect(again.consents).toEqual(r.consents);
    expect(await rowCounts(db)).toEqual(before);
  }, 60_000);

  it('lists rejected and conflicting records by file, line, field and reason code', async () => {
    const batches = await db.dataSource.query<{ id: string }[]>(
      `SELECT id::text FROM ingest_batch WHERE kind IN ('captures', 'consents') ORDER BY id`,
    );
    const listed = await all(new IngestBatchRepository(db).quarantined(batches.map((b) => b.id)));
    const sha = await db.dataSource.query<{ file_name: string; sha256: string }[]>(
      `SELECT file_name, sha256 FROM ingest_batch WHERE kind IN ('captures', 'consents')`,
    );
    const shaOf = new Map(sha.map((s) => [s.file_name, s.sha256]));
    expect(listed.map(({ message: _m, ...rest }) => rest)).toEqual<Omit<QuarantinedRow, 'message'>[]>([
      {
        fileName: 'captures.jsonl',
        batchSha256: shaOf.get('captures.jsonl')!,
        lineNo: 4,
        field: 'occurredAt',
        reasonCode: 'INGEST.CONFLICTING_EVENT',
        kind: 'conflict',
      },
      {
        fileName: 'captures.jsonl',
        batchSha256: shaOf.get('captures.jsonl')!,
        lineNo: 5,
        field: null,
        reasonCode: 'INGEST.MALFORMED_LINE',
        kind: 'rejected',
      },
      {
        fileName: 'consents.csv',
        batchSha256: shaOf.get('consents.csv')!,
        lineNo: 5,
        field: 'method',
        reasonCode: 'INGEST.CONFLICTING_CONSENT',
        kind: 'conflict',
      },
    ]);
    expect(listed[0].message).toBe(
      'event id E2 of device CAM-01 is already stored with a different occurredAt (captures.jsonl line 2)',
    );
    expect(listed[2].message).toBe(
      'consent id C-A is already stored with a different method (consents.csv line 2)',
    );
    // The conflicting record itself is kept, in its canonical form.
    const [raw] = await db.dataSource.query<{ raw_text: string }[]>(
      `SELECT raw_text FROM quarantined_record WHERE reason_code = 'INGEST.CONFLICTING_EVENT'`,
    );
    expect(JSON.parse(raw.raw_text)).toEqual({
      eventId: 'E2',
      deviceId: 'CAM-01',
      occurredAt: '2020-04-01T02:06:00.000Z',
      eventType: 'face_match',
      subjectRef: 'P-b',
      matchScore: null,
      masked: null,
      purpose: null,
      snapshotSha256: null,
    });

    const q = await ingest.quarantineOf(batches[0].id);
    expect(q.batch).toMatchObject({ fileName: 'captures.jsonl', conflicts: 1, rejected: 1, duplicates: 1 });
    expect((await all(q.records)).map((x) => x.lineNo)).toEqual([4, 5]);
    // Paging is stable: one row a page gives the same list.
    expect(
      await all(
        new IngestBatchRepository(db).quarantined(
          batches.map((b) => b.id),
          1,
        ),
      ),
    ).toEqual(listed);
    await expect(ingest.quarantineOf('999999')).rejects.toMatchObject({ code: 'INGEST.BATCH_NOT_FOUND' });
  });

  it('cites findings by the firm’s consent ids, event ids, files, lines and hashes, and resolves purposes by the core', async () => {
    const { caseId } = await audit.auditFirm(CREDIT_CODE, {
      decisionDate: '2021-04-21',
      operator: 'officer-test',
    });
    const rows = await all(new CaseRepository(db).findings(caseId));
    const [captures] = await db.dataSource.query<{ sha256: string }[]>(
      `SELECT sha256 FROM ingest_batch WHERE kind = 'captures'`,
    );
    const byKey = (r: FindingRow) => `${r.deviceCode}/${r.subjectRef}/${r.purpose}`;
    const found = new Map(rows.filter((r) => r.kind === 'capture').map((r) => [byKey(r), r]));
    // P-b at CAM-01, judged against the device's declared purpose; consent C-B is for marketing only.
    expect(found.get('CAM-01/P-b/visitor_identification')).toMatchObject({
      reason: 'PURPOSE_NOT_COVERED',
      captureCount: 3,
      consentRefs: ['C-B'],
      firstCapture: { eventKey: 'E2', fileName: 'captures.jsonl', lineNo: 2, batchSha256: captures.sha256 },
      // E6 (line 9) and E7 (line 10) are at the same instant: the later stored is the last.
      lastCapture: { eventKey: 'E7', fileName: 'captures.jsonl', lineNo: 10, batchSha256: captures.sha256 },
    });
    // CAM-02 declares no purpose: `unspecified`, which no consent covers.
    expect(found.get('CAM-02/P-a/unspecified')).toMatchObject({
      consentRefs: ['C-A'],
      firstCapture: { eventKey: 'E3', lineNo: 6 },
      lastCapture: { eventKey: 'E3', lineNo: 6 },
    });
    // The same event id on another device is its own capture.
    expect(found.get('GATE-01/P-b/access_control')).toMatchObject({
      consentRefs: ['C-B'],
      firstCapture: { eventKey: 'E2', lineNo: 8 },
    });
    // A capture's own purpose wins over the device's (E4 is marketing, covered by C-B): no finding.
    expect(found.has('CAM-01/P-b/marketing')).toBe(false);
    // consentRefs follow consentIds one for one, and no row id leaks into the firm's names.
    for (const r of rows) {
      expect(r.consentRefs).toHaveLength(r.consentIds.length);
      for (const ref of r.consentRefs) expect(ref).toMatch(/^C-/);
    }
    // A finding whose first/last instants match no capture to the millisecond still names its ends (the full
    // scan fallback): a copy of the CAM-01 finding with both instants shifted by a microsecond.
    await db.dataSource.query(
      `INSERT INTO finding (case_id, kind, reason, subject_ref, device_id, site_id, purpose, capture_count, first_at,
         last_at, capture_ids, consent_ids)
       SELECT case_id, kind, reason, 'P-shifted', device_id, site_id, purpose, capture_count,
         first_at + interval '1 microsecond', last_at - interval '1 microsecond', capture_ids, consent_ids
       FROM finding WHERE case_id = $1 AND subject_ref = 'P-b' AND purpose = 'visitor_identification'`,
      [caseId],
    );
    const shifted = (await all(new CaseRepository(db).findings(caseId))).find(
      (r) => r.subjectRef === 'P-shifted',
    );
    const original = found.get('CAM-01/P-b/visitor_identification')!;
    expect(shifted).toMatchObject({
      firstCapture: original.firstCapture,
      lastCapture: original.lastCapture,
      consentRefs: ['C-B'],
    });
    for (const r of rows.filter((x) => x.kind === 'site')) {
      expect(r).toMatchObject({ consentRefs: [], firstCapture: null, lastCapture: null });
    }
  }, 60_000);
});

/** The BullMQ chunk path and the in-process path agree on a file split into chunks. */
describe('conflicts through distributed chunks on PostgreSQL and Redis', () => {
  const home = createTempDir();
  const prefix = `bioaudit-test-${randomBytes(4).toString('hex')}`;
  const drops: (() => Promise<void>)[] = [];
  const closes: (() => Promise<void>)[] = [];

  afterAll(async () => {
    for (const c of closes) await c();
    for (const d of drops) await d();
    await clearQueuePrefix(prefix);
    home.remove();
  });

  /** 3,000 lines in chunks of 1,000: a conflicting pair and an identical repeat across chunks, a rejected line. */
  function folder(): string {
    const dir = path.join(home.dir, 'split');
    mkdirSync(dir, { recursive: true });
    for (const f of ['firm.json', 'devices.csv', 'consents.csv']) {
      writeFileSync(path.join(dir, f), readFileSync(path.join(FIXTURE, f)));
    }
    const lines: string[] = [];
    const at = (i: number) => new Date(Date.UTC(2020, 3, 1) + i * 60_000).toISOString();
    for (let i = 1; i <= 3000; i++) {
      let line = JSON.stringify({
        eventId: `E${i}`,
        deviceId: 'CAM-01',
        occurredAt: at(i),
        eventType: 'face_match',
        subjectRef: `P-${i % 7}`,
      });
      if (i === 2500) line = lines[9]; // identical to line 10: a duplicate
      if (i === 2600)
        line = JSON.stringify({
          eventId: 'E20',
          deviceId: 'CAM-01',
          occurredAt: at(20),
          eventType: 'face_match',
          subjectRef: 'P-other',
        }); // E20 with another subject: a conflict
      if (i === 1500) line = '{"eventId":';
      lines.push(line);
    }
    writeFileSync(path.join(dir, 'captures.jsonl'), `${lines.join('\n')}\n`);
    return dir;
  }

  async function run(distributed: boolean) {
    const pg = await createTestPostgresDatabase();
    drops.push(pg.drop);
    const env: Record<string, string> = {
      BIOAUDIT_HOME: path.join(home.dir, distributed ? 'd' : 'p'),
      BIOAUDIT_OPERATOR: 'officer-test',
      DATABASE_URL: pg.url,
      BIOAUDIT_CHUNK_LINES: '1000',
    };
    if (distributed) {
      env.REDIS_URL = TEST_REDIS_URL;
      env.BIOAUDIT_QUEUE_PREFIX = prefix;
    }
    const { app, db } = await bootInspectionApp(env);
    closes.push(() => app.close());
    const worker = distributed
      ? startWorker(TEST_REDIS_URL, app.get(InspectionJobHandlers), {
          prefix,
          concurrency: 2,
          deploymentId: await app.get(DeploymentRepository).id(),
        })
      : null;
    try {
      const r = await app.get(IngestService).ingestFolder(folder(), { distribute: distributed });
      const [chunks] = await db.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM ingest_chunk c JOIN ingest_batch b ON b.id = c.batch_id WHERE b.kind = 'captures'`,
      );
      const ids = await db.dataSource.query<{ id: string }[]>(
        `SELECT id::text FROM ingest_batch WHERE kind = 'captures'`,
      );
      const listed = await all(new IngestBatchRepository(db).quarantined(ids.map((b) => b.id)));
      return { counts: r.captures, chunks: chunks.n, listed };
    } finally {
      await worker?.close();
    }
  }

  it('reports the same counts and the same quarantine either way', async () => {
    const local = await run(false);
    const split = await run(true);
    expect(local.chunks).toBe(1);
    expect(split.chunks).toBe(3);
    expect(local.counts).toEqual({
      read: 3000,
      accepted: 2997,
      duplicates: 1,
      conflicts: 1,
      skipped: 0,
      rejected: 1,
    });
    expect(split.counts).toEqual(local.counts);
    expect(local.listed.map((q) => [q.lineNo, q.reasonCode, q.field])).toEqual([
      [1500, 'INGEST.MALFORMED_LINE', null],
      [2600, 'INGEST.CONFLICTING_EVENT', 'subjectRef'],
    ]);
    // Chunks 1 and 3 hold the conflicting pair (lines 20 and 2600): the stored one is the one whose chunk
    // commits first (docs/formats.md), which with two workers is almost always line 20, as in one process.
    const kinds = (l: QuarantinedRow[]) => l.map((q) => [q.reasonCode, q.field, q.kind]);
    expect(kinds(split.listed)).toEqual(kinds(local.listed));
    expect(split.listed[0]).toEqual(local.listed[0]);
    expect([20, 2600]).toContain(split.listed[1].lineNo);
  }, 120_000);
});
