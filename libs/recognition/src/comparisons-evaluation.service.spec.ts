import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '@app/common';
import { evaluateComparisonsFile, readClaimFile } from './comparisons-evaluation.service';
import { formatComparisonsReport } from './core/format-comparisons-report';
import { ComparisonsReport } from './core/analyse-comparisons';

const FIXTURES = join(__dirname, 'fixtures', 'comparisons');

interface Scenario {
  description: string;
  options: { threshold?: number; claim?: string | { metric: string; max: number; atFMR?: number } };
  expect: Record<string, unknown>;
}

/** Deep partial match that compares numbers to 12 significant digits (expected values come from SciPy). */
function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number') {
    expect(typeof actual).toBe('number');
    expect({ path, value: actual }).toEqual({ path, value: expect.closeTo(expected, 12) as number });
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual)).toBe(true);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${path}[${i}]`));
  } else if (expected !== null && typeof expected === 'object') {
    for (const [key, e] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[key], e, `${path}.${key}`);
  } else {
    expect({ path, value: actual }).toEqual({ path, value: expected });
  }
}

async function caught(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('evaluateComparisonsFile scenarios', () => {
  it('has scenario fixtures', async () => {
    expect((await readdir(FIXTURES)).filter((f) => f.endsWith('.case.json')).length).toBeGreaterThanOrEqual(
      3,
    );
  });

  it.each(['given-threshold', 'device-decisions', 'fmr-claim-refuted'])('%s', async (name) => {
    const scenario = JSON.parse(await readFile(join(FIXTURES, `${name}.case.json`), 'utf8')) as Scenario;
    const report = await evaluateComparisonsFile(join(FIXTURES, `${name}.csv`), scenario.options);
    expectClose(report, scenario.expect);
    expect(Object.keys(report).slice(0, 6)).toEqual([
      'genuine',
      'impostor',
      'threshold',
      'eer',
      'det',
      'verdict',
    ]);
  });
});

describe('evaluateComparisonsFile', () => {
  it('passes bootstrap settings through and records them', async () => {
    const report = await evaluateComparisonsFile(join(FIXTURES, 'given-threshold.csv'), {
      threshold: 0.5,
      bootstrapReplicates: 200,
      bootstrapSeed: 5,
    });
    expect(report.bootstrap).toMatchObject({ replicates: 200, seed: 5 });
  });

  it('states the comparisons a decision-log verdict would need', async () => {
    const report = await evaluateComparisonsFile(join(FIXTURES, 'device-decisions.csv'), {
      claim: 'accuracy ≥ 99.5 %',
    });
    expect(report.verdict?.comparisonsNeeded?.genuine).toBeGreaterThan(20);
    expect(report.verdict?.comparisonsNeeded?.impostor).toBe(598);
    expect(report.verdict?.reason).toContain('read as');
  });

  it.each([
    ['bad-score.csv', 'line 3: score "high" is not a number'],
    ['missing-column.csv', 'header lacks column(s) probesubject'],
    ['bad-decision.csv', 'decision "maybe"'],
  ])('refuses %s with the line at fault', async (file, message) => {
    const error = await caught(evaluateComparisonsFile(join(FIXTURES, file), { threshold: 0.5 }));
    expect(error.code).toBe('RECOGNITION.BAD_COMPARISONS_FILE');
    expect(error.message).toContain(message);
  });

  it('names the right line deep inside a large file (across read chunks)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bioaudit-recognition-'));
    const file = join(dir, 'big.csv');
    const rows = Array.from({ length: 150000 }, (_, i) => `s${i % 97},s${(i * 7) % 97},${(i % 1000) / 1000}`);
    rows[123455] = 's1,s2,oops';
    await writeFile(file, `probeSubject,referenceSubject,score\n${rows.join('\n')}\n`);
    const error = await caught(evaluateComparisonsFile(file, { threshold: 0.5 }));
    expect(error.message).toContain('line 123457: score "oops"');
    expect(error.details).toMatchObject({ line: 123457 });
  });

  it('reports a missing file and a bad claim with their codes', async () => {
    expect((await caught(evaluateComparisonsFile(join(FIXTURES, 'nope.csv')))).code).toBe(
      'RECOGNITION.FILE_NOT_FOUND',
    );
    const badClaim = caught(
      evaluateComparisonsFile(join(FIXTURES, 'given-threshold.csv'), { claim: 'very accurate' }),
    );
    expect((await badClaim).code).toBe('RECOGNITION.BAD_CLAIM');
  });

  it('reads quoted fields, a BOM, CRLF line ends and extra columns', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bioaudit-recognition-'));
    const file = join(dir, 'c.csv');
    await writeFile(
      file,
      '\uFEFFcondition,ProbeSubject,REFERENCESUBJECT,Score\r\n"masked","Wang, Li",Wang Li,0.4\r\nx,"Wang, Li","Wang, Li",0.9\r\n',
    );
    const report = await evaluateComparisonsFile(file, { threshold: 0.5 });
    expect(report.genuine).toMatchObject({ n: 1, errors: 0 });
    expect(report.impostor).toMatchObject({ n: 1, errors: 0 });
  });
});

describe('readClaimFile', () => {
  it('reads JSON documents and plain statements', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bioaudit-claim-'));
    await writeFile(join(dir, 'a.json'), '{ "metric": "FMR", "max": 0.0001 }');
    await writeFile(join(dir, 'b.txt'), 'accuracy ≥ 99.5 %\n');
    expect(await readClaimFile(join(dir, 'a.json'))).toEqual({ metric: 'FMR', max: 0.0001 });
    expect(await readClaimFile(join(dir, 'b.txt'))).toBe('accuracy ≥ 99.5 %');
    expect((await caught(readClaimFile(join(dir, 'none.json')))).code).toBe('RECOGNITION.FILE_NOT_FOUND');
  });
});

describe('formatComparisonsReport', () => {
  it('renders the rates, EER, FNMR at FMR and the verdict as text', async () => {
    const report: ComparisonsReport = await evaluateComparisonsFile(join(FIXTURES, 'fmr-claim-refuted.csv'), {
      threshold: 0.7,
      claim: { metric: 'FMR', max: 0.01 },
    });
    const text = formatComparisonsReport(report);
    expect(text).toContain('Operating point: the given threshold, score ≥ 0.7 accepts');
    expect(text).toContain('FMR   20/200 = 10 %');
    expect(text).toContain('Verdict: REFUTED');
    expect(text).toContain('EER:');
    expect(text).toContain('FMR ≤ 10 %');
    expect(formatComparisonsReport(report)).toBe(text);
  });
});
