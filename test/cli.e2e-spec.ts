import { execFile } from 'node:child_process';
import { appendFileSync, chmodSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { createTempDir, createTestPostgresDatabase } from '@app/testing';
import { bioaudit, ROOT } from './cli-runner';

const run = promisify(execFile);
const FIXTURE = path.join(ROOT, 'libs', 'inspection', 'src', 'fixtures', 'small-inspection');
const expected = JSON.parse(readFileSync(path.join(FIXTURE, 'expected.json'), 'utf8')) as {
  ingest: unknown;
  findings: unknown;
};

describe('bioaudit CLI (built)', () => {
  const home = createTempDir();
  const env = { BIOAUDIT_HOME: path.join(home.dir, 'home'), BIOAUDIT_OPERATOR: 'e2e' };
  afterAll(() => home.remove());

  it('inspects a folder on the embedded default: exact counts, a PDF, and the same answer twice', async () => {
    const out = path.join(home.dir, 'out');
    const first = await bioaudit(['inspect', FIXTURE, '--json', '--out', out, '--date', '2021-04-21'], env);
    // The bureau's authority and officers are not configured here: the case file is a draft, and it says so.
    expect(first.stderr).toMatch(
      /^bioaudit: warning: case files are drafts \(DRAFT watermark, placeholder names\) until these are set: BIOAUDIT_AUTHORITY_ZH, .*BIOAUDIT_AUTHORITY_HEAD\n$/,
    );
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as {
      ingest: unknown;
      findings: unknown;
      caseFile: { path: string; sha256: string; pages: number };
      penalty: { amount: string };
    };
    expect(report.ingest).toMatchObject(expected.ingest as object);
    expect(report.findings).toEqual(expected.findings);
    expect(report.penalty.amount).toMatch(/^\d+(\.\d+)?$/);
    expect(report.caseFile.path).toBe(
      path.join(out, `${(JSON.parse(first.stdout) as { case: { number: string } }).case.number}.pdf`),
    );
    const text = await run('pdftotext', [report.caseFile.path, '-']);
    expect(text.stdout).toContain('91330201MA2GT00012');
    expect(text.stdout).toContain('未取得同意');
    expect(text.stdout).toContain('可比处罚决定'); // Chinese first (English only when the bureau sets it)

    const second = await bioaudit(['inspect', FIXTURE, '--json', '--out', out, '--date', '2021-04-21'], env);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual(report);
  }, 180_000);

  it('proves a batch’s stored file unchanged, and detects tampering', async () => {
    const ok = await bioaudit(['ingest', 'verify', '3'], env);
    expect(ok.code).toBe(0);
    const proof = JSON.parse(ok.stdout) as {
      intact: boolean;
      storagePath: string;
      recordedSha256: string;
      actualSha256: string;
    };
    expect(proof).toMatchObject({ intact: true });
    expect(proof.actualSha256).toBe(proof.recordedSha256);
    chmodSync(proof.storagePath, 0o644);
    appendFileSync(proof.storagePath, '{"eventId":"forged"}\n');
    const bad = await bioaudit(['ingest', 'verify', '3'], env);
    expect(bad.code).toBe(4);
    expect(bad.stderr).toContain('INGEST.EVIDENCE_ALTERED');
  }, 60_000);

  it('fails with a one-line reason and a distinct exit code on a missing folder or a bad date', async () => {
    const missing = await bioaudit(['inspect', path.join(home.dir, 'no-such-folder'), '--json'], env);
    expect(missing.code).toBe(66);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('INGEST.FOLDER_NOT_FOUND');

    const badDate = await bioaudit(['inspect', FIXTURE, '--date', '2021-02-30'], env);
    expect(badDate.code).toBe(64); // a usage error (test/exit-codes.e2e-spec.ts has every code)
    expect(badDate.stderr).toContain('CLI.BAD_DATE');
  }, 60_000);

  it('proposes the Ningbo fine from a facts document, and rejects unknown fields', async () => {
    const facts = path.join(
      ROOT,
      'libs',
      'penalties',
      'src',
      'fixtures',
      'cn',
      'ningbo-poly-2021.facts.json',
    );
    const r = await bioaudit(['fine', '--facts', facts, '--json'], {});
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout) as {
      currency: string;
      amount: string;
      max: string;
      steps: { citation: string }[];
    };
    expect(a.currency).toBe('CNY');
    // The Ningbo AMR imposed CNY 250,000; docs/rulebooks states the ±5 % tolerance.
    expect(Math.abs(Number(a.amount) - 250_000)).toBeLessThanOrEqual(12_500);
    expect(a.steps.every((s) => s.citation.length > 0)).toBe(true);

    const bad = path.join(home.dir, 'bad-facts.json');
    writeFileSync(
      bad,
      JSON.stringify({ ...(JSON.parse(readFileSync(facts, 'utf8')) as object), surprise: 1 }),
    );
    const refused = await bioaudit(['fine', '--facts', bad], {});
    expect(refused.code).toBe(65);
    expect(refused.stderr).toContain('surprise');
  }, 60_000);

  it('tests a vendor claim against comparison scores', async () => {
    // 1,000 genuine comparisons with 5 misses at the threshold and 40,000 impostors with no false match.
    const rows = ['probeSubject,referenceSubject,score'];
    for (let i = 0; i < 1000; i++) rows.push(`S${i % 100},S${i % 100},${i < 5 ? 0.2 : 0.9}`);
    for (let i = 0; i < 40_000; i++) rows.push(`S${i % 100},T${i % 400},0.1`);
    const csv = path.join(home.dir, 'comparisons.csv');
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const claim = path.join(home.dir, 'claim.json');
    writeFileSync(claim, JSON.stringify({ metric: 'FMR', max: 0.0001 }));
    const r = await bioaudit(
      ['evaluate', 'comparisons', csv, '--threshold', '0.5', '--claim', claim, '--json'],
      {},
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      genuine: { n: number; errors: number };
      impostor: { n: number; errors: number; upper95: number };
      verdict: { result: string };
    };
    expect(report.genuine).toMatchObject({ n: 1000, errors: 5 });
    expect(report.impostor).toMatchObject({ n: 40_000, errors: 0 });
    // Zero errors in 40,000: the one-sided 95 % upper bound is 1 − 0.05^(1/40000) ≈ 7.49e-5 ≤ 1e-4.
    expect(report.impostor.upper95).toBeCloseTo(1 - 0.05 ** (1 / 40_000), 8);
    expect(report.verdict.result).toBe('SUPPORTED');
  }, 60_000);

  it('migrates a PostgreSQL server on request and proves entities and migrations agree', async () => {
    const pg = await createTestPostgresDatabase();
    try {
      const notYet = await bioaudit(['audit', '--firm', '91330201MA2GT00012'], {
        ...env,
        DATABASE_URL: pg.url,
      });
      expect(notYet.code).toBe(78);
      expect(notYet.stderr).toContain('DB.NOT_MIGRATED');
      const m = await bioaudit(['migrate'], { ...env, DATABASE_URL: pg.url });
      expect(m.code).toBe(0);
      expect(m.stdout).toContain('applied: InitialSchema1764158400000');
      const check = await bioaudit(['migrate', '--check'], { ...env, DATABASE_URL: pg.url });
      expect(check.code).toBe(0);
      expect(check.stdout).toContain('entities and migrations agree');
      const r = await bioaudit(
        ['inspect', FIXTURE, '--json', '--out', path.join(home.dir, 'pg-out'), '--date', '2021-04-21'],
        { ...env, DATABASE_URL: pg.url },
      );
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as { findings: unknown }).findings).toEqual(expected.findings);
    } finally {
      await pg.drop();
    }
  }, 180_000);
});
