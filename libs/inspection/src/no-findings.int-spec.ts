import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Database } from '@app/persistence';
import { createTempDir } from '@app/testing';
import { startInspectionApp } from './inspection-app.testing';
import { InspectionService } from './inspection.service';

const FIXTURE = path.join(__dirname, 'fixtures', 'small-inspection');

/** A firm whose every capture is consented (issue 9, failure 10: `audit` exited 65 for it). */
describe.each(['embedded', 'postgres'] as const)('a firm with no findings on %s', (kind) => {
  const home = createTempDir();
  let inspection: InspectionService;
  let db: Database;
  let close: () => Promise<void>;
  const folder = path.join(home.dir, 'clean');

  beforeAll(async () => {
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'firm.json'), readFileSync(path.join(FIXTURE, 'firm.json')));
    const devices = readFileSync(path.join(FIXTURE, 'devices.csv'), 'utf8').split('\n');
    writeFileSync(
      path.join(folder, 'devices.csv'),
      `${devices[0]}\n${devices.find((l) => l.startsWith('CAM-01,'))}\n`,
    );
    const consents = readFileSync(path.join(FIXTURE, 'consents.csv'), 'utf8').split('\n');
    writeFileSync(
      path.join(folder, 'consents.csv'),
      `${consents[0]}\n${consents.find((l) => l.startsWith('C1,'))}\n`,
    );
    const valid = readFileSync(path.join(FIXTURE, 'captures.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"P-valid"') && l.includes('"CAM-01"'));
    expect(valid.length).toBeGreaterThan(0);
    writeFileSync(path.join(folder, 'captures.jsonl'), `${valid.join('\n')}\n`);

    const started = await startInspectionApp(kind, home.dir);
    db = started.db;
    inspection = started.app.get(InspectionService);
    close = started.close;
  }, 120_000);

  afterAll(async () => {
    await close?.();
    home.remove();
  });

  it('inspect and audit report "no findings", propose no penalty and issue no document', async () => {
    const out = path.join(home.dir, 'out');
    const report = await inspection.inspect(folder, { outDir: out, decisionDate: '2021-05-01' });
    expect(report.findings.capturesWithoutValidConsent).toBe(0);
    expect(report.findings.capturesAudited).toBeGreaterThan(0);
    expect(report.penalty).toBeNull();
    expect(report.caseFile).toBeNull();
    expect(report.case.assessmentVersion).toBeNull();
    expect(readdirSafe(out)).toEqual([]);

    const audited = await inspection.auditAndAssess('91330201MA2GT00012', { decisionDate: '2021-05-01' });
    expect(audited.penalty).toBeNull();
    const rendered = await inspection.renderCase('91330201MA2GT00012', {
      outDir: out,
      decisionDate: '2021-05-01',
    });
    expect(rendered.caseFile).toBeNull();
    const [n] = await db.dataSource.query<{ a: number; f: number }[]>(
      `SELECT (SELECT count(*)::int FROM penalty_assessment) AS a, (SELECT count(*)::int FROM case_file) AS f`,
    );
    expect(n).toEqual({ a: 0, f: 0 });
  });
});

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
