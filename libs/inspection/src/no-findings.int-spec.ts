import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Test } from '@nestjs/testing';
import { Clock, FixedClock } from '@app/common';
import { APP_CONFIG, ConfigModule, loadConfig } from '@app/config';
import { DATABASE, migrate, PersistenceModule, type Database } from '@app/persistence';
import { createTempDir, createTestPostgresDatabase } from '@app/testing';
import { InspectionModule } from './inspection.module';
import { InspectionService } from './inspection.service';

const FIXTURE = path.join(__dirname, 'fixtures', 'small-inspection');

/** A firm whose every capture is consented (issue 9, failure 10: `audit` exited 65 for it). */
describe.each(['embedded', 'postgres'] as const)('a firm with no findings on %s', (kind) => {
  const home = createTempDir();
  let dropPg: (() => Promise<void>) | null = null;
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

    const env: Record<string, string> = { BIOAUDIT_HOME: home.dir, BIOAUDIT_OPERATOR: 'officer-test' };
    if (kind === 'postgres') {
      const pg = await createTestPostgresDatabase();
      env.DATABASE_URL = pg.url;
      dropPg = pg.drop;
    }
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule, PersistenceModule, InspectionModule],
    })
      .overrideProvider(APP_CONFIG)
      .useValue(loadConfig(env))
      .overrideProvider(Clock)
      .useValue(new FixedClock(new Date('2021-04-21T02:00:00Z')))
      .compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    db = app.get(DATABASE);
    await migrate(db);
    inspection = app.get(InspectionService);
    close = () => app.close();
  }, 120_000);

  afterAll(async () => {
    await close?.();
    await dropPg?.();
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
