import { createTempDir } from '@app/testing';
import { IngestService, InspectionService, VerifyService } from '@app/inspection';
import { ReauditRepository, RegistryRepository } from '@app/persistence';
import { ReauditFirm } from './reaudit-firm.service';
import { capture, FIXTURE_FIRM, inspectionFolder } from './supervision-folders.testing';
import { startSupervisionApp, type SupervisionTestApp } from './supervision-app.testing';
import { SUPERVISION_ALERTS } from './supervision.errors';

describe.each(['embedded', 'postgres'] as const)('re-audit with a difference on %s', (kind) => {
  const home = createTempDir();
  let t: SupervisionTestApp;
  let reaudit: ReauditFirm;
  let ingest: (folder: string) => Promise<unknown>;
  const supervisionClues = async () =>
    t.db.dataSource.query<{ case_number: string; state: string; region_code: string; source: string }[]>(
      `SELECT case_number, state, region_code, source FROM "case" WHERE opened_by = 'supervision' AND source = 'hand' ORDER BY id`,
    );

  beforeAll(async () => {
    t = await startSupervisionApp(kind, home.dir);
    reaudit = t.app.get(ReauditFirm);
    ingest = (folder) => t.app.get(IngestService).ingestFolder(folder, { operator: 'officer-test' });
    // The firm's first inspection: its audit is the baseline the job compares with.
    await t.app.get(InspectionService).inspect(inspectionFolder(home.dir, 'first'), {
      outDir: `${home.dir}/out`,
    });
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    home.remove();
  });

  it('skips a firm without new evidence, with that reason', async () => {
    expect(await reaudit.targets()).toEqual([]);
    expect(await reaudit.run({ creditCode: FIXTURE_FIRM })).toEqual({
      summary: { firm: FIXTURE_FIRM, skipped: 'no new evidence since the last audit' },
    });
  });

  it('re-audits new evidence, stores the new findings by reason and opens one clue for the region', async () => {
    await ingest(
      inspectionFolder(home.dir, 'second', [
        capture('N1', 'P-stranger-1', '2025-05-02T09:00'),
        capture('N2', 'P-stranger-2', '2025-05-02T09:05'),
      ]),
    );
    expect(await reaudit.targets()).toEqual([{ key: FIXTURE_FIRM, data: { creditCode: FIXTURE_FIRM } }]);
    const result = await reaudit.run({ creditCode: FIXTURE_FIRM });
    expect(result.summary).toMatchObject({
      firm: FIXTURE_FIRM,
      newBatches: 1,
      newFindings: { NO_CONSENT: 2 },
      newTotal: 2,
      threshold: 1,
      clue: { opened: true },
    });
    const clues = await supervisionClues();
    expect(clues).toEqual([
      { case_number: `BA-${FIXTURE_FIRM}-M0001`, state: 'clue', region_code: '330201', source: 'hand' },
    ]);
    expect(result.alerts).toEqual([
      {
        code: SUPERVISION_ALERTS.CLUE_OPENED,
        object: `case BA-${FIXTURE_FIRM}-M0001`,
        message: expect.stringContaining('2 new finding(s)') as string,
      },
    ]);
    const firm = (await t.app.get(RegistryRepository).findFirm(FIXTURE_FIRM))!;
    const [stored] = await t.app.get(ReauditRepository).differencesOf(firm.id);
    expect(stored).toMatchObject({ newFindings: { NO_CONSENT: 2 }, newTotal: 2 });
    // Nothing new since: skipped, and no second clue.
    expect((await reaudit.run({ creditCode: FIXTURE_FIRM })).summary.skipped).toBeDefined();
    expect(await supervisionClues()).toHaveLength(1);
  }, 120_000);

  it('records further new findings but opens no second clue while the first is open', async () => {
    await ingest(
      inspectionFolder(home.dir, 'third', [
        capture('N1', 'P-stranger-1', '2025-05-02T09:00'),
        capture('N2', 'P-stranger-2', '2025-05-02T09:05'),
        capture('N3', 'P-stranger-3', '2025-05-03T09:00'),
      ]),
    );
    const result = await reaudit.run({ creditCode: FIXTURE_FIRM });
    expect(result.summary).toMatchObject({
      newFindings: { NO_CONSENT: 1 },
      newTotal: 1,
      clue: { caseNumber: `BA-${FIXTURE_FIRM}-M0001`, opened: false },
    });
    expect(result.alerts).toBeUndefined();
    expect(await supervisionClues()).toHaveLength(1);
  }, 120_000);

  it('opens a new clue once the earlier one has ended', async () => {
    await t.db.dataSource.query(`UPDATE "case" SET state = 'withdrawn' WHERE case_number = $1`, [
      `BA-${FIXTURE_FIRM}-M0001`,
    ]);
    await ingest(
      inspectionFolder(home.dir, 'fourth', [
        capture('N1', 'P-stranger-1', '2025-05-02T09:00'),
        capture('N2', 'P-stranger-2', '2025-05-02T09:05'),
        capture('N3', 'P-stranger-3', '2025-05-03T09:00'),
        capture('N4', 'P-stranger-4', '2025-05-04T09:00'),
      ]),
    );
    const result = await reaudit.run({ creditCode: FIXTURE_FIRM });
    expect(result.summary).toMatchObject({
      newTotal: 1,
      clue: { caseNumber: `BA-${FIXTURE_FIRM}-M0002`, opened: true },
    });
    expect((await supervisionClues()).map((c) => c.case_number)).toEqual([
      `BA-${FIXTURE_FIRM}-M0001`,
      `BA-${FIXTURE_FIRM}-M0002`,
    ]);
  }, 120_000);

  it('opens one clue when two runners race for the same firm (the unique key decides)', async () => {
    const firm = (await t.app.get(RegistryRepository).findFirm(FIXTURE_FIRM))!;
    await t.db.dataSource.query(
      `UPDATE "case" SET state = 'withdrawn' WHERE opened_by = 'supervision' AND source = 'hand'`,
    );
    const [audit] = await t.db.dataSource.query<{ id: string }[]>(
      `SELECT id::text AS id FROM "case" WHERE firm_id = $1 AND evidence_digest IS NOT NULL ORDER BY id DESC LIMIT 1`,
      [firm.id],
    );
    const request = {
      firmId: firm.id,
      creditCode: FIXTURE_FIRM,
      auditCaseId: audit.id,
      description: 'race',
      clueDate: '2026-01-05',
      openedBy: 'supervision',
      openedAt: new Date('2026-01-05T02:00:00Z'),
      terminalStates: ['closed', 'no_penalty', 'withdrawn', 'transferred'],
    };
    const repo = t.app.get(ReauditRepository);
    const outcomes = await Promise.all([repo.openClueOnce(request), repo.openClueOnce(request)]);
    expect(outcomes.filter((o) => o.opened)).toHaveLength(1);
    expect(outcomes[0].caseNumber).toBe(outcomes[1].caseNumber);
    expect(await supervisionClues()).toHaveLength(3);
  }, 60_000);

  it('keeps the custody chain whole: the clues it opened are chained like any case', async () => {
    await expect(t.app.get(VerifyService).verify()).resolves.toMatchObject({
      batches: expect.any(Number) as number,
    });
  }, 60_000);
});
