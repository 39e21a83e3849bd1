import { migrate, type Database } from '../data-source';
import { openTestDatabase } from '../persistence.testing';
import { CaseRepository, type NewAssessment } from './case.repository';

/** Assessment versions on both engines: numbered per case, kept, never two with one number. */
describe.each(['postgres', 'embedded'] as const)('case assessments on %s', (kind) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let cases: CaseRepository;

  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase(kind));
    await migrate(db);
    cases = new CaseRepository(db);
  }, 60_000);

  afterAll(async () => {
    await cleanup?.();
  });

  async function openCase(n: string): Promise<string> {
    const [firm] = await db.dataSource.query<{ id: string }[]>(
      `INSERT INTO firm (credit_code, name, region, timezone) VALUES ($1, 'F', 'R', 'Asia/Shanghai') RETURNING id::text`,
      [`91330201MA2GT0${n}`.slice(0, 18)],
    );
    return cases.create(
      {
        caseNumber: `BA-${n}`,
        firmId: firm.id,
        evidenceDigest: n.padEnd(64, '0'),
        decisionDate: '2021-04-21',
        summary: {},
        openedBy: 't',
        openedAt: new Date('2026-11-30T00:00:00Z'),
        batchIds: [],
      },
      [],
    );
  }

  const assessment = (caseId: string, decisionDate: string): NewAssessment => ({
    caseId,
    decisionDate,
    decisionDateFromClock: false,
    discoveryDate: '2020-12-10',
    filingDate: null,
    rulebook: 'cn-crpl-56',
    rulebookVersion: '2014.1',
    currency: 'CNY',
    amount: '250000.00',
    minAmount: '0.00',
    maxAmount: '500000.00',
    tier: 'ordinary',
    facts: { decisionDate },
    trace: { amount: '250000.00' },
    assessedBy: 't',
  });

  it('numbers versions per case from 1 and keeps every one with its dates', async () => {
    const a = await openCase('0001');
    const b = await openCase('0002');
    expect(await cases.latestAssessment(a)).toBeNull();
    const v1 = await cases.addAssessmentVersion(assessment(a, '2021-04-21'));
    const v2 = await cases.addAssessmentVersion(assessment(a, '2021-06-01'));
    const other = await cases.addAssessmentVersion(assessment(b, '2021-04-21'));
    expect([v1.version, v2.version, other.version]).toEqual([1, 2, 1]);
    expect(v2).toMatchObject({ decisionDate: '2021-06-01', discoveryDate: '2020-12-10', filingDate: null });
    expect((await cases.latestAssessment(a))!.version).toBe(2);
    expect((await cases.assessmentVersion(a, 1))!.facts).toEqual({ decisionDate: '2021-04-21' });
    expect((await cases.assessmentVersions(a)).map((v) => [v.version, v.decisionDate])).toEqual([
      [1, '2021-04-21'],
      [2, '2021-06-01'],
    ]);
  });

  it('gives concurrent additions distinct consecutive versions', async () => {
    const c = await openCase('0003');
    const added = await Promise.all(
      ['2021-05-01', '2021-05-02', '2021-05-03', '2021-05-04'].map((d) =>
        cases.addAssessmentVersion(assessment(c, d)),
      ),
    );
    expect(added.map((v) => v.version).sort()).toEqual([1, 2, 3, 4]);
  });
});
