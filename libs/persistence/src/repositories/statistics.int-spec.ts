import { migrate, type Database } from '../data-source';
import { openTestDatabase } from '../persistence.testing';
import { StatisticsRepository } from './statistics.repository';

const CLOSED = ['closed', 'no_penalty', 'withdrawn', 'transferred'];
const NINGBO_A = '91330201MA2GT00012';
const NINGBO_B = '91330203MA2GT00034';
const CANTON = '91440101MA2GT00056';
const PERIOD = { from: '2026-01-01', to: '2026-03-01' };

/** A head's figures on both engines, from rows written here: exact numbers, the scope and the period applied. */
describe.each(['postgres', 'embedded'] as const)('statistics on %s', (kind) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let stats: StatisticsRepository;
  const caseIds: Record<string, string> = {};

  const q = <T>(sql: string, params: unknown[] = []) => db.dataSource.query<T>(sql, params);

  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase(kind));
    await migrate(db);
    stats = new StatisticsRepository(db);

    const firm: Record<string, string> = {};
    for (const code of [NINGBO_A, NINGBO_B, CANTON]) {
      const [f] = await q<{ id: string }[]>(
        `INSERT INTO firm (credit_code, name, region, timezone) VALUES ($1, 'F', 'R', 'Asia/Shanghai') RETURNING id::text AS id`,
        [code],
      );
      firm[code] = f.id;
      const [site] = await q<{ id: string }[]>(
        `INSERT INTO site (firm_id, site_code, name, site_type, face_only_access) VALUES ($1, 'S1', 'S', 'office', false)
         RETURNING id::text AS id`,
        [f.id],
      );
      firm[`${code}:site`] = site.id;
    }
    const openCase = async (n: string, code: string, state: string, clueDate: string, reasons: string[]) => {
      const [c] = await q<{ id: string }[]>(
        `INSERT INTO "case" (case_number, firm_id, evidence_digest, decision_date, status, summary, opened_by, state, clue_date)
         VALUES ($1, $2, $3, '2026-01-01', 'audited', '{}', 't', $4, $5) RETURNING id::text AS id`,
        [n, firm[code], n.padEnd(64, '0'), state, clueDate],
      );
      for (const reason of reasons) {
        await q(
          `INSERT INTO finding (case_id, kind, reason, site_id, capture_count, capture_ids, consent_ids)
           VALUES ($1, 'capture', $2, $3, 1, '{}', '{}')`,
          [c.id, reason, firm[`${code}:site`]],
        );
      }
      caseIds[n] = c.id;
      return c.id;
    };
    const assess = (caseId: string, amount: string, at: string, precedents: unknown[]) =>
      q(
        `INSERT INTO penalty_assessment (case_id, version, decision_date, rulebook, rulebook_version, currency, amount,
           min_amount, tier, facts, trace, assessed_by, assessed_at)
         VALUES ($1, 1, '2026-01-01', 'cn-crpl-56', '2014.1', 'CNY', $2, '0', 'ordinary', '{}', $3, 't', $4)`,
        [caseId, amount, JSON.stringify({ precedents }), at],
      );
    const step = (caseId: string, seq: number, action: string, date: string, minor: number) =>
      q(
        `INSERT INTO case_step (case_id, seq, action, actor_id, actor_roles, at, date, input, from_state, to_state)
         VALUES ($1, $2, $3, '1', '{head}', now(), $4, $5, 'x', 'y')`,
        [caseId, seq, action, date, JSON.stringify({ amountMinor: minor })],
      );
    const c1 = {
      id: 'C1',
      authority: 'Ningbo AMR',
      decisionDate: '2021-04-21',
      amount: '250000',
      currency: 'CNY',
    };

    await openCase('BA-1', NINGBO_A, 'filed', '2026-01-05', [
      'NO_CONSENT',
      'NO_CONSENT',
      'NO_CONSENT',
      'CONSENT_EXPIRED',
    ]);
    const two = await openCase('BA-2', NINGBO_A, 'decided', '2025-12-20', ['NO_CONSENT', 'NO_CONSENT']);
    await assess(two, '250000.00', '2025-12-21T02:00:00Z', [{ ...c1, comparable: true }]);
    await step(two, 1, 'propose', '2026-01-10', 14_000_000);
    await step(two, 2, 'propose', '2026-01-12', 15_000_000);
    await step(two, 3, 'decide', '2026-02-03', 12_000_000);
    const three = await openCase('BA-3', NINGBO_B, 'closed', '2026-02-11', ['CONSENT_WITHDRAWN']);
    await assess(three, '80000.00', '2026-02-11T02:00:00Z', [
      { ...c1, comparable: true },
      {
        id: 'C2',
        authority: 'Hangzhou AMR',
        decisionDate: '2022-01-01',
        amount: '50000',
        currency: 'CNY',
        comparable: false,
      },
    ]);
    const four = await openCase('BA-4', CANTON, 'clue', '2026-01-15', ['NO_CONSENT', 'NO_CONSENT']);
    await assess(four, '10000.00', '2026-01-15T02:00:00Z', []);

    const batch = (code: string, kindOf: string, accepted: number, receivedAt: string) =>
      q(
        `INSERT INTO ingest_batch (firm_id, kind, file_name, file_size, sha256, format, encoding, submitted_by,
           submitted_from, received_at, storage_path, status, accepted_count)
         VALUES ($1, $2, 'f.csv', 1, md5(random()::text) || md5(random()::text), 'csv', 'utf-8', 't', 't', $3, 'p', 'done', $4)`,
        [firm[code], kindOf, receivedAt, accepted],
      );
    await batch(NINGBO_A, 'captures', 100, '2026-01-04T20:00:00Z');
    // 01:00 on 1 Jan in Beijing: January, though still December in UTC.
    await batch(NINGBO_A, 'captures', 50, '2025-12-31T17:00:00Z');
    await batch(NINGBO_A, 'captures', 9, '2025-12-31T15:00:00Z');
    await batch(NINGBO_A, 'consents', 30, '2026-01-04T20:00:00Z');
    await batch(NINGBO_B, 'captures', 7, '2026-02-10T02:00:00Z');
    await batch(CANTON, 'captures', 1000, '2026-01-10T02:00:00Z');
  }, 60_000);

  afterAll(async () => {
    await cleanup?.();
  });

  const sorted = <T>(rows: T[]) =>
    [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  it('counts open cases by division code and state, in scope only', async () => {
    expect(sorted(await stats.openCases({ regionPrefix: '3302' }, CLOSED))).toEqual([
      { regionCode: '330201', state: 'decided', count: 1 },
      { regionCode: '330201', state: 'filed', count: 1 },
    ]);
    expect(await stats.openCases({}, CLOSED)).toHaveLength(3);
    expect(await stats.openCases({ regionPrefix: '330203' }, CLOSED)).toEqual([]);
  });

  it('counts findings by the month of their clue and by reason, in the period', async () => {
    expect(sorted(await stats.findings({ regionPrefix: '3302' }, PERIOD))).toEqual([
      { regionCode: '330201', month: '2026-01', reason: 'CONSENT_EXPIRED', count: 1 },
      { regionCode: '330201', month: '2026-01', reason: 'NO_CONSENT', count: 3 },
      { regionCode: '330203', month: '2026-02', reason: 'CONSENT_WITHDRAWN', count: 1 },
    ]);
    expect(await stats.findings({ regionPrefix: '3302' }, { from: '2025-12-01', to: '2026-01-01' })).toEqual([
      { regionCode: '330201', month: '2025-12', reason: 'NO_CONSENT', count: 2 },
    ]);
  });

  it('counts captures stored from capture batches, by Beijing month received', async () => {
    expect(sorted(await stats.captures({ regionPrefix: '3302' }, PERIOD))).toEqual([
      { regionCode: '330201', month: '2026-01', count: 150 },
      { regionCode: '330203', month: '2026-02', count: 7 },
    ]);
    expect(await stats.captures({ firmCreditCode: CANTON }, PERIOD)).toEqual([
      { regionCode: '440101', month: '2026-01', count: 1000 },
    ]);
  });

  it('counts firms by division code', async () => {
    expect(sorted(await stats.firms({ regionPrefix: '3302' }))).toEqual([
      { regionCode: '330201', count: 1 },
      { regionCode: '330203', count: 1 },
    ]);
  });

  it("lists fines: the latest proposal and the decision, dated by the decision's day", async () => {
    const fines = await stats.fines({ regionPrefix: '3302' }, PERIOD, 100);
    expect(fines).toEqual([
      {
        caseId: caseIds['BA-3'],
        caseNumber: 'BA-3',
        regionCode: '330203',
        proposed: '80000.00',
        decided: null,
        date: '2026-02-11',
      },
      {
        caseId: caseIds['BA-2'],
        caseNumber: 'BA-2',
        regionCode: '330201',
        proposed: '150000.00',
        decided: '120000.00',
        date: '2026-02-03',
      },
    ]);
    expect(
      await stats.fines({ regionPrefix: '3302' }, { from: '2026-02-05', to: '2026-03-01' }, 100),
    ).toHaveLength(1);
    expect(await stats.fines({ regionPrefix: '3302' }, PERIOD, 1)).toHaveLength(1);
  });

  it('gives the precedents the assessments were compared with, once each', async () => {
    expect(await stats.precedents([caseIds['BA-2'], caseIds['BA-3']])).toEqual([
      {
        id: 'C1',
        authority: 'Ningbo AMR',
        decisionDate: '2021-04-21',
        amount: '250000',
        currency: 'CNY',
        comparable: true,
      },
      {
        id: 'C2',
        authority: 'Hangzhou AMR',
        decisionDate: '2022-01-01',
        amount: '50000',
        currency: 'CNY',
        comparable: false,
      },
    ]);
    expect(await stats.precedents([])).toEqual([]);
  });
});
