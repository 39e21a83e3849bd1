import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EvaluationReportInput } from '../evaluation-report.types';
import { EvaluationReportRenderer } from './evaluation-report-renderer';

const input: EvaluationReportInput = {
  title: 'Accuracy evaluation: comparison scores',
  issuedAt: '2026-11-26T00:00:00Z',
  inputs: [{ label: 'Comparisons file', value: 'trial.csv (SHA-256 00ff)' }],
  claim: {
    statement: 'recognises returning visitors even with a mask on',
    translation: 'FNMR ≤ 5 % (masked probe)',
  },
  verdict: { result: 'INCONCLUSIVE', reason: 'too few genuine comparisons', comparisonsNeeded: '59 genuine' },
  conditions: [
    {
      name: 'masked-probe',
      threshold: '0.61',
      eer: '12.5 %',
      genuine: {
        n: 40,
        errors: 3,
        rate: '7.50 %',
        ci95: '1.57 % – 20.4 %',
        upper95: '18.4 %',
        lower95: '2.09 %',
      },
      impostor: {
        n: 1000,
        errors: 1,
        rate: '0.100 %',
        ci95: '0.00253 % – 0.556 %',
        upper95: '0.473 %',
        lower95: '0.00513 %',
      },
      det: [
        { fmr: 0.5, fnmr: 0 },
        { fmr: 0.1, fnmr: 0.02 },
        { fmr: 0.01, fnmr: 0.075 },
        { fmr: 0.001, fnmr: 0.2 },
      ],
    },
  ],
  notes: ['Synthetic numbers for a rendering test.'],
};

describe('EvaluationReportRenderer', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eval-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders claim, verdict, rates and a vector DET chart, the same bytes every time', async () => {
    const r = new EvaluationReportRenderer();
    const a = await r.render(input, path.join(dir, 'a.pdf'));
    const b = await r.render(input, path.join(dir, 'b.pdf'));
    expect(a.sha256).toBe(b.sha256);
    expect(readFileSync(a.path).equals(readFileSync(b.path))).toBe(true);
    const text = execFileSync('pdftotext', ['-layout', a.path, '-']).toString();
    for (const s of [
      'INCONCLUSIVE',
      'masked-probe',
      '59 genuine',
      'FMR (false match rate)',
      'DET 曲线',
      '18.4 %',
    ])
      expect(text).toContain(s);
    const changed = await r.render(
      { ...input, verdict: { ...input.verdict!, result: 'REFUTED' } },
      path.join(dir, 'c.pdf'),
    );
    expect(changed.sha256).not.toBe(a.sha256);
  });

  it('refuses an issue date that is not an instant', async () => {
    await expect(
      new EvaluationReportRenderer().render({ ...input, issuedAt: 'soon' }, path.join(dir, 'x.pdf')),
    ).rejects.toMatchObject({ code: 'CASE_FILE.INVALID_INPUT' });
  });
});
