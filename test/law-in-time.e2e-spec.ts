import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateInspection } from '@app/example';
import { createTempDir } from '@app/testing';
import { bioaudit, ROOT } from './cli-runner';

interface Report {
  findings: {
    capturesWithoutValidConsent: number;
    affectedSubjects: number;
    byReason: Record<string, number>;
    byPeriod: {
      period: string;
      from: string;
      to: string;
      capturesWithoutValidConsent: number;
      byReason: Record<string, number>;
    }[];
  };
  penalty: { amount: string; steps: { id: string; citation: string }[] };
  caseFile: { path: string };
}

/** The legal-basis section of a case file: from its heading to the next section's. */
function legalBasisSection(pdf: string): string {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  const start = text.lastIndexOf('2 法律依据');
  const end = text.indexOf('3 证据清单', start);
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  return text.slice(start, end);
}

/** APL art. 37: each capture is judged, and each article cited, by the law in force when it was made. */
describe('the law in its time (built CLI, embedded default)', () => {
  const tmp = createTempDir();
  afterAll(() => tmp.remove());

  it('splits conduct straddling 2021-11-01 and cites each side by its own law', async () => {
    const folder = path.join(tmp.dir, 'straddle');
    const truth = await generateInspection({
      outDir: folder,
      seed: 7,
      captures: 6_000,
      subjects: 200,
      window: { from: '2021-06-01', to: '2022-03-01' },
    });
    writeFileSync(
      path.join(folder, 'case.json'),
      JSON.stringify({ discoveryDate: '2022-03-10', filingDate: '2022-03-15', decisionDate: '2022-06-01' }),
    );
    const env = { BIOAUDIT_HOME: path.join(tmp.dir, 'home-straddle'), BIOAUDIT_OPERATOR: 'e2e' };
    const r = await bioaudit(['inspect', folder, '--json', '--out', path.join(tmp.dir, 'out')], env);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    const f = report.findings;
    expect(f.byReason).toEqual(truth.findings.byReason);

    const [before, after] = f.byPeriod;
    expect(f.byPeriod.map((p) => p.period)).toEqual(['cn-2015-crpl', 'cn-2021-pipl']);
    // The PIPL starts at midnight Beijing time: no finding of the earlier period at or after it.
    expect(before.to < '2021-10-31T16:00:00.000Z').toBe(true);
    expect(after.from >= '2021-10-31T16:00:00.000Z').toBe(true);
    expect(before.capturesWithoutValidConsent + after.capturesWithoutValidConsent).toBe(
      f.capturesWithoutValidConsent,
    );
    // Separate consent and a guardian's consent are PIPL requirements: findings only after it.
    expect(before.byReason.NOT_SEPARATE_CONSENT ?? 0).toBe(0);
    expect(before.byReason.MINOR_WITHOUT_GUARDIAN_CONSENT ?? 0).toBe(0);
    expect(after.byReason.NOT_SEPARATE_CONSENT).toBeGreaterThan(0);
    expect(after.byReason.MINOR_WITHOUT_GUARDIAN_CONSENT).toBeGreaterThan(0);
    expect(before.byReason.NO_EXPRESS_CONSENT).toBeGreaterThan(0);

    // The case file cites the CRPL alone for the earlier period and adds the PIPL for the later one.
    const basis = legalBasisSection(report.caseFile.path);
    const split = basis.indexOf('2021年11月1日');
    expect(split).toBeGreaterThan(0);
    const earlier = basis.slice(0, split);
    const later = basis.slice(split);
    expect(earlier).toContain('《消费者权益保护法》第二十九条第一款');
    expect(earlier).toContain('《消费者权益保护法》第五十六条第一款第（九）项');
    expect(earlier).not.toContain('个人信息保护法');
    expect(later).toContain('《个人信息保护法》第二十九条');
    expect(later).toContain('《个人信息保护法》第三十一条');
    expect(later).not.toContain('人脸识别技术应用安全管理办法');
    // Decided in 2022: the one-act-one-fine rule is cited from the 2021 APL.
    const cited = report.penalty.steps.map((s) => s.citation);
    expect(cited).toContain(
      'Administrative Penalty Law (2021 revision) art. 29 (one act, one fine: the rule with the higher fine)',
    );
    expect(cited.filter((c) => c.includes('2017'))).toEqual([]);
  }, 180_000);

  it('yields a no-penalty decision, not a CNY 0.00 penalty file, for a time-barred case', async () => {
    const folder = path.join(tmp.dir, 'barred');
    cpSync(path.join(ROOT, 'libs', 'inspection', 'src', 'fixtures', 'small-inspection'), folder, {
      recursive: true,
    });
    // The conduct ended in April 2020; discovered more than two years later: barred under the law of the act
    // (APL 2017 art. 29; the 2021 art. 36 is no lighter).
    writeFileSync(
      path.join(folder, 'case.json'),
      JSON.stringify({ discoveryDate: '2022-08-01', filingDate: '2022-08-05', decisionDate: '2022-10-01' }),
    );
    const env = { BIOAUDIT_HOME: path.join(tmp.dir, 'home-barred'), BIOAUDIT_OPERATOR: 'e2e' };
    const r = await bioaudit(['inspect', folder, '--json', '--out', path.join(tmp.dir, 'out-barred')], env);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(Number(report.penalty.amount)).toBe(0);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', report.caseFile.path, '-'], {
      encoding: 'utf8',
    });
    expect(text).toContain('不予行政处罚');
    expect(text).toContain('《行政处罚法》（2017年修正）第二十九条');
    expect(text).not.toMatch(/CNY\s*0\.00/);
    expect(text).not.toContain('罚款金额');
    expect(readFileSync(report.caseFile.path).subarray(0, 5).toString()).toBe('%PDF-');
  }, 120_000);
});
