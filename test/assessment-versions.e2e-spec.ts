import { cpSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { createTempDir, createTestPostgresDatabase } from '@app/testing';
import { bioaudit, CONFIGURED_AUTHORITY, oneLineFailure, ROOT } from './cli-runner';

const FIXTURE = path.join(ROOT, 'libs', 'inspection', 'src', 'fixtures', 'small-inspection');
const FIRM = '91330201MA2GT00012';
const STATED = { discoveryDate: '2020-12-10', filingDate: '2020-12-24', decisionDate: '2021-04-21' };

interface CaseJson {
  number: string;
  decisionDate: string;
  discoveryDate: string | null;
  filingDate: string | null;
  decisionDateFromClock: boolean;
  assessmentVersion: number;
}

/** Today in the firm's time zone, as the CLI's clock sees it. */
const todayInShanghai = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', dateStyle: 'short' }).format(new Date());

/** The case's dates are facts: new dates make a new assessment version, the same dates reuse it. */
describe('case dates and assessment versions (built CLI)', () => {
  const tmp = createTempDir();
  afterAll(() => tmp.remove());

  it('a new --date makes a new version with its own facts and trace, keeping the old one', async () => {
    const pg = await createTestPostgresDatabase();
    const env = {
      BIOAUDIT_HOME: path.join(tmp.dir, 'home'),
      BIOAUDIT_OPERATOR: 'e2e',
      DATABASE_URL: pg.url,
      ...CONFIGURED_AUTHORITY,
    };
    try {
      expect((await bioaudit(['migrate'], env)).code).toBe(0);
      const folder = path.join(tmp.dir, 'inspection');
      cpSync(FIXTURE, folder, { recursive: true });
      writeFileSync(path.join(folder, 'case.json'), JSON.stringify(STATED));
      const out = path.join(tmp.dir, 'out');

      // The folder's case.json states the dates: no warning, version 1.
      const first = await bioaudit(['inspect', folder, '--json', '--out', out], env);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      const report = JSON.parse(first.stdout) as { case: CaseJson; penalty: { assessmentVersion: number } };
      expect(report.case).toMatchObject({ ...STATED, decisionDateFromClock: false, assessmentVersion: 1 });
      expect(report.penalty.assessmentVersion).toBe(1);

      // The same dates again: the same version, the same report.
      const again = await bioaudit(['inspect', folder, '--json', '--out', out], env);
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toEqual(report);

      // A new decision date: version 2; the discovery and filing dates are kept from the latest version.
      const later = await bioaudit(['audit', '--firm', FIRM, '--date', '2021-06-01', '--json'], env);
      expect(later.code).toBe(0);
      const v2 = JSON.parse(later.stdout) as { case: CaseJson };
      expect(v2.case).toMatchObject({ ...STATED, decisionDate: '2021-06-01', assessmentVersion: 2 });
      expect(v2.case.number).toBe(report.case.number);

      // No dates: the latest version as it is, also for the case file; the audit lists every version.
      const plain = await bioaudit(['audit', '--firm', FIRM, '--json'], env);
      const listed = JSON.parse(plain.stdout) as {
        case: CaseJson;
        versions: { version: number; decisionDate: string; discoveryDate: string | null; amount: string }[];
      };
      expect(listed.case.assessmentVersion).toBe(2);
      expect(listed.versions.map((v) => [v.version, v.decisionDate, v.discoveryDate])).toEqual([
        [1, '2021-04-21', '2020-12-10'],
        [2, '2021-06-01', '2020-12-10'],
      ]);
      expect(listed.versions.every((v) => Number(v.amount) > 0)).toBe(true);
      const text = await bioaudit(['audit', '--firm', FIRM], env);
      expect(text.stdout).toMatch(
        /\n {2}version 1: decision 2021-04-21, discovered 2020-12-10, filed 2020-12-24 — CNY /,
      );
      expect(text.stdout).toMatch(/\n {2}version 2: decision 2021-06-01, /);
      const rendered = await bioaudit(['case', 'render', '--firm', FIRM, '--json', '--out', out], env);
      expect(rendered.code).toBe(0);
      expect((JSON.parse(rendered.stdout) as { case: CaseJson }).case).toMatchObject({
        decisionDate: '2021-06-01',
        assessmentVersion: 2,
      });

      // Dates stated unknown are a new version too.
      const unknown = await bioaudit(
        ['audit', '--firm', FIRM, '--discovery-date', 'unknown', '--filing-date', 'unknown', '--json'],
        env,
      );
      expect((JSON.parse(unknown.stdout) as { case: CaseJson }).case).toMatchObject({
        decisionDate: '2021-06-01',
        discoveryDate: null,
        filingDate: null,
        assessmentVersion: 3,
      });

      // Contradicting dates are refused, and no version is added.
      const contradiction = await bioaudit(['audit', '--firm', FIRM, '--filing-date', '2021-07-01'], env);
      expect(contradiction.code).toBe(65);
      expect(oneLineFailure(contradiction)).toContain('CASE.DATES_INVALID');

      // Every version is stored with its own dates, facts and trace.
      const c = new Client({ connectionString: pg.url });
      await c.connect();
      try {
        const rows = (
          await c.query<{
            version: number;
            decision_date: string;
            discovery_date: string | null;
            filing_date: string | null;
            facts_decision: string;
            facts_discovery: string | null;
          }>(
            `SELECT version, decision_date::text, discovery_date::text, filing_date::text,
                    facts->>'decisionDate' AS facts_decision, facts->>'discoveryDate' AS facts_discovery
             FROM penalty_assessment ORDER BY version`,
          )
        ).rows;
        expect(rows.map((r) => [r.version, r.decision_date, r.discovery_date, r.filing_date])).toEqual([
          [1, '2021-04-21', '2020-12-10', '2020-12-24'],
          [2, '2021-06-01', '2020-12-10', '2020-12-24'],
          [3, '2021-06-01', null, null],
        ]);
        expect(rows.map((r) => [r.facts_decision, r.facts_discovery])).toEqual([
          ['2021-04-21', '2020-12-10'],
          ['2021-06-01', '2020-12-10'],
          ['2021-06-01', null],
        ]);
      } finally {
        await c.end();
      }
    } finally {
      await pg.drop();
    }
  }, 300_000);

  it('with no decision date anywhere, uses today only with a warning and flags it', async () => {
    const env = { BIOAUDIT_HOME: path.join(tmp.dir, 'clock-home'), BIOAUDIT_OPERATOR: 'e2e' };
    expect((await bioaudit(['ingest', FIXTURE], env)).code).toBe(0);
    const r = await bioaudit(['audit', '--firm', FIRM, '--json'], env);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^bioaudit: warning: no decision date stated .* DRAFT\n$/);
    // The firm by its own identity, never a database row id.
    expect(Object.keys((JSON.parse(r.stdout) as { firm: object }).firm)).toEqual([
      'name',
      'creditCode',
      'region',
      'timezone',
    ]);
    const today = todayInShanghai();
    expect((JSON.parse(r.stdout) as { case: CaseJson }).case).toMatchObject({
      decisionDate: today,
      decisionDateFromClock: true,
      assessmentVersion: 1,
    });
    // The officer states the same date: no longer the clock's, so a new version.
    const stated = await bioaudit(['audit', '--firm', FIRM, '--date', today, '--json'], env);
    expect(stated.stderr).toBe('');
    expect((JSON.parse(stated.stdout) as { case: CaseJson }).case).toMatchObject({
      decisionDate: today,
      decisionDateFromClock: false,
      assessmentVersion: 2,
    });
  }, 120_000);

  it('the demo states its case dates, and refuses another example in the same home', async () => {
    const env = { BIOAUDIT_HOME: path.join(tmp.dir, 'demo-home'), BIOAUDIT_OPERATOR: 'e2e' };
    const out = path.join(tmp.dir, 'demo-out');
    const first = await bioaudit(['demo', '--captures', '400', '--seed', '7', '--json', '--out', out], env);
    expect(first.code).toBe(0);
    expect((JSON.parse(first.stdout) as { case: CaseJson }).case).toMatchObject({
      discoveryDate: '2020-12-10',
      filingDate: '2020-12-24',
      decisionDate: '2021-04-21',
      decisionDateFromClock: false,
      assessmentVersion: 1,
    });
    const other = await bioaudit(['demo', '--captures', '500', '--seed', '7', '--json', '--out', out], env);
    expect(other.code).toBe(65);
    expect(other.stdout).toBe('');
    expect(oneLineFailure(other)).toMatch(/^bioaudit: CLI\.DEMO_HOME_IN_USE: .*--seed 7 --captures 400/);
  }, 300_000);
});
