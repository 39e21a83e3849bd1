import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Database } from '@app/persistence';
import { createTempDir } from '@app/testing';
import { generateInspection } from '@app/example';
import { startInspectionApp } from './inspection-app.testing';
import { InspectionService } from './inspection.service';

const FIXTURE = path.join(__dirname, 'fixtures', 'small-inspection');
const expected = JSON.parse(readFileSync(path.join(FIXTURE, 'expected.json'), 'utf8')) as {
  ingest: unknown;
  findings: unknown;
};

const TABLES = [
  'firm',
  'site',
  'device',
  'ingest_batch',
  'capture_event',
  'consent_record',
  'quarantined_record',
  'case',
  'finding',
  'penalty_assessment',
  'case_file',
];

async function rowCounts(db: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const [r] = await db.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${t}"`);
    out[t] = r.n;
  }
  return out;
}

/** The whole pipeline on a folder whose every count is known by construction, on both engines. */
describe.each(['embedded', 'postgres'] as const)('inspection pipeline on %s', (kind) => {
  const home = createTempDir();
  let inspection: InspectionService;
  let db: Database;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const started = await startInspectionApp(kind, home.dir);
    db = started.db;
    inspection = started.app.get(InspectionService);
    close = started.close;
  }, 120_000);

  afterAll(async () => {
    await close?.();
    home.remove();
  });

  it('reports exactly the counts put in the folder, and a second inspect changes nothing', async () => {
    const out = path.join(home.dir, 'out');
    const first = await inspection.inspect(FIXTURE, { outDir: out, decisionDate: '2021-04-21' });
    expect(first.ingest).toMatchObject(expected.ingest as object);
    expect(first.ingest.captureFiles).toEqual([
      expect.objectContaining({
        fileName: 'captures.jsonl',
        format: 'canonical-jsonl',
        encoding: 'utf-8',
        read: 19,
        accepted: 12,
      }),
    ]);
    expect(first.ingest.refusedFiles).toEqual([]);
    expect(first.findings).toEqual(expected.findings);
    expect(first.penalty!.currency).toBe('CNY');
    expect(first.penalty!.rulebook).toMatch(/cn/i);
    expect(Number(first.penalty!.amount)).toBeGreaterThan(0);
    expect(Number(first.penalty!.amount)).toBeLessThanOrEqual(Number(first.penalty!.max));
    const pdf = readFileSync(first.caseFile!.path);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(first.caseFile!.sha256);
    expect(first.caseFile!.pages).toBeGreaterThan(3);

    const before = await rowCounts(db);
    const second = await inspection.inspect(FIXTURE, { outDir: out, decisionDate: '2021-04-21' });
    expect(second).toEqual(first);
    expect(await rowCounts(db)).toEqual(before);
  }, 120_000);

  it('quarantines every bad line with its file line, field and reason', async () => {
    const rows = await db.dataSource.query<
      { kind: string; line_no: number; field: string | null; reason_code: string }[]
    >(
      `SELECT b.kind, q.line_no, q.field, q.reason_code FROM quarantined_record q JOIN ingest_batch b ON b.id = q.batch_id ORDER BY b.kind, q.line_no`,
    );
    expect(rows).toEqual([
      { kind: 'captures', line_no: 13, field: 'deviceId', reason_code: 'INGEST.UNKNOWN_DEVICE' },
      { kind: 'captures', line_no: 14, field: null, reason_code: 'INGEST.MALFORMED_LINE' },
      { kind: 'captures', line_no: 15, field: 'occurredAt', reason_code: 'INGEST.BAD_TIME' },
      { kind: 'captures', line_no: 16, field: 'eventType', reason_code: 'INGEST.BAD_ENUM' },
      { kind: 'captures', line_no: 17, field: 'matchScore', reason_code: 'INGEST.OUT_OF_RANGE' },
      { kind: 'consents', line_no: 9, field: 'givenAt', reason_code: 'INGEST.BAD_TIME' },
    ]);
  });

  it('keeps the decisive records of every finding and logs who did what', async () => {
    const [notice] = await db.dataSource.query<{ capture_ids: string[]; consent_ids: string[] }[]>(
      `SELECT f.capture_ids::text[] AS capture_ids, f.consent_ids::text[] AS consent_ids FROM finding f
       WHERE f.reason = 'NO_EXPRESS_CONSENT' AND f.device_id = (SELECT id FROM device WHERE device_code = 'CAM-01')`,
    );
    const [consent] = await db.dataSource.query<{ id: string }[]>(
      `SELECT id::text FROM consent_record WHERE consent_id = 'C6'`,
    );
    const [capture] = await db.dataSource.query<{ id: string; line_no: number }[]>(
      `SELECT id::text, line_no FROM capture_event WHERE event_key = 'E6'`,
    );
    expect(notice).toEqual({ capture_ids: [capture.id], consent_ids: [consent.id] });
    expect(capture.line_no).toBe(6);
    const log = await db.dataSource.query<{ actor: string; action: string }[]>(
      `SELECT DISTINCT actor, action FROM audit_log ORDER BY action`,
    );
    expect(log).toEqual(
      expect.arrayContaining([
        { actor: 'officer-test', action: 'ingest.batch.received' },
        { actor: 'officer-test', action: 'case.opened' },
        { actor: 'officer-test', action: 'penalty.proposed' },
        { actor: 'officer-test', action: 'case-file.rendered' },
      ]),
    );
  });

  it('reports exactly the counts the example generator put in a generated folder', async () => {
    const folder = path.join(home.dir, 'generated');
    const truth = await generateInspection({ outDir: folder, seed: 11, captures: 20_000, subjects: 300 });
    const report = await inspection.inspect(folder, {
      outDir: path.join(home.dir, 'out-generated'),
      decisionDate: '2021-04-21',
    });
    expect(report.ingest.captures).toEqual({ ...truth.ingest.captures, conflicts: 0, skipped: 0 });
    expect(report.ingest.consents).toEqual({ ...truth.ingest.consents, conflicts: 0, skipped: 0 });
    // The generator states totals; the report also splits them by law period (all before the PIPL here).
    const { byPeriod, siteFindings, ...totals } = report.findings;
    const { siteFindings: truthSites, ...truthTotals } = truth.findings;
    expect(totals).toEqual(truthTotals);
    expect(siteFindings.map(({ siteId, rule }) => ({ siteId, rule }))).toEqual(truthSites);
    expect(byPeriod.map((p) => p.period)).toEqual(['cn-2015-crpl']);
    expect(byPeriod[0].capturesWithoutValidConsent).toBe(totals.capturesWithoutValidConsent);
    expect(byPeriod[0].affectedSubjects).toBe(totals.affectedSubjects);
  }, 120_000);

  it('refuses a missing folder and a folder without captures with clear errors', async () => {
    await expect(inspection.inspect(path.join(home.dir, 'nope'))).rejects.toMatchObject({
      code: 'INGEST.FOLDER_NOT_FOUND',
    });
    await expect(inspection.inspect(home.dir)).rejects.toMatchObject({ code: 'INGEST.FILE_MISSING' });
  });
});
