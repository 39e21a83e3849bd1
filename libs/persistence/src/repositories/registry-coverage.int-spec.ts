import { migrate, type Database } from '../data-source';
import { openTestDatabase } from '../persistence.testing';
import { CaseRepository } from './case.repository';
import { RegistryQueryRepository } from './registry-query.repository';

/**
 * A firm's consent coverage by month on both engines: months in the firm's time zone, a capture named by
 * several findings counted once, another firm's captures and site findings left out.
 */
describe.each(['postgres', 'embedded'] as const)('consent coverage by month on %s', (kind) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let registry: RegistryQueryRepository;

  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase(kind));
    await migrate(db);
    registry = new RegistryQueryRepository(db);
  }, 60_000);

  afterAll(async () => {
    await cleanup?.();
  });

  const q = async (sql: string, params: unknown[]): Promise<string> =>
    (await db.dataSource.query<{ id: string }[]>(`${sql} RETURNING id::text`, params))[0].id;

  /** A firm with one site, one device, one batch and captures at `times`; returns the ids. */
  async function firmWithCaptures(creditCode: string, times: string[]) {
    const firm = await q(
      `INSERT INTO firm (credit_code, name, region, timezone) VALUES ($1, 'F', '330201', 'Asia/Shanghai')`,
      [creditCode],
    );
    const site = await q(
      `INSERT INTO site (firm_id, site_code, name, site_type, face_only_access) VALUES ($1, 'S1', 'S', 'office', false)`,
      [firm],
    );
    const device = await q(
      `INSERT INTO device (firm_id, site_id, device_code, vendor, model, timezone)
       VALUES ($1, $2, 'D1', 'V', 'M', 'Asia/Shanghai')`,
      [firm, site],
    );
    const batch = await q(
      `INSERT INTO ingest_batch (firm_id, kind, file_name, file_size, sha256, format, encoding, submitted_by,
         submitted_from, received_at, storage_path, status)
       VALUES ($1, 'captures', 'c.csv', 1, $2, 'csv', 'utf-8', 't', 'test', now(), 'x', 'completed')`,
      [firm, creditCode.padEnd(64, '0')],
    );
    const captures: string[] = [];
    for (const [i, at] of times.entries()) {
      captures.push(
        await q(
          `INSERT INTO capture_event (firm_id, device_id, event_key, occurred_at, event_type, batch_id, line_no)
           VALUES ($1, $2, $3, $4, 'verify', $5, $6)`,
          [firm, device, `e${i}`, at, batch, i + 2],
        ),
      );
    }
    const caseId = await new CaseRepository(db).create(
      {
        caseNumber: `BA-${creditCode}`,
        firmId: firm,
        evidenceDigest: creditCode.padEnd(64, '1'),
        decisionDate: '2026-03-01',
        summary: {},
        openedBy: 't',
        openedAt: new Date('2026-03-01T00:00:00Z'),
        batchIds: [],
      },
      [],
    );
    const finding = (kind: string, ids: string[]) =>
      q(
        `INSERT INTO finding (case_id, kind, reason, site_id, capture_count, capture_ids, consent_ids)
         VALUES ($1, $2, 'NO_CONSENT', $3, $4, $5::bigint[], '{}')`,
        [caseId, kind, site, ids.length, `{${ids.join(',')}}`],
      );
    return { firm, captures, finding };
  }

  it('counts captures per month in the firm time zone and the ones a finding names, once', async () => {
    const a = await firmWithCaptures('91330201MA2GT0CV01', [
      '2025-12-31T16:30:00Z', // 2026-01-01 00:30 in Shanghai: January
      '2026-01-10T02:00:00Z',
      '2026-01-20T02:00:00Z',
      '2026-02-03T02:00:00Z',
    ]);
    const b = await firmWithCaptures('91330201MA2GT0CV02', ['2026-01-05T02:00:00Z']);
    await a.finding('capture', [a.captures[0], a.captures[1]]);
    await a.finding('capture', [a.captures[1]]); // named twice: counted once
    await a.finding('site', [a.captures[3]]); // a site finding says nothing of consent
    await b.finding('capture', [b.captures[0]]);

    expect(await registry.coverageOf(a.firm, 'Asia/Shanghai')).toEqual([
      { month: '2026-01', captures: 3, flagged: 2 },
      { month: '2026-02', captures: 1, flagged: 0 },
    ]);
    // In UTC the first capture falls in December.
    expect(await registry.coverageOf(a.firm, 'UTC')).toEqual([
      { month: '2025-12', captures: 1, flagged: 1 },
      { month: '2026-01', captures: 2, flagged: 1 },
      { month: '2026-02', captures: 1, flagged: 0 },
    ]);
    expect(await registry.coverageOf(b.firm, 'Asia/Shanghai')).toEqual([
      { month: '2026-01', captures: 1, flagged: 1 },
    ]);
  });

  it('is empty for a firm without captures', async () => {
    const c = await firmWithCaptures('91330201MA2GT0CV03', []);
    expect(await registry.coverageOf(c.firm, 'Asia/Shanghai')).toEqual([]);
  });
});
