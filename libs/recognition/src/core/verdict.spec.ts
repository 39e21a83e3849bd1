import { lowerBound, upperBound } from './binomial';
import { parseClaim } from './claim';
import { combineVerdict, testRate } from './verdict';

describe('testRate at the boundaries of the verdict rule', () => {
  it('supports a claim exactly equal to the one-sided upper bound (≤ is inclusive)', () => {
    const max = upperBound(3, 1000);
    expect(testRate({ metric: 'FNMR', max, errors: 3, n: 1000 }).result).toBe('SUPPORTED');
    expect(testRate({ metric: 'FNMR', max: max * (1 - 1e-12), errors: 3, n: 1000 }).result).toBe(
      'INCONCLUSIVE',
    );
  });

  it('refutes only when the lower bound strictly exceeds the claim', () => {
    const lower = lowerBound(30, 1000);
    expect(testRate({ metric: 'FMR', max: lower, errors: 30, n: 1000 }).result).toBe('INCONCLUSIVE');
    expect(testRate({ metric: 'FMR', max: lower * (1 - 1e-12), errors: 30, n: 1000 }).result).toBe('REFUTED');
  });

  it('flips from inconclusive to supported at 29,956 error-free impostor comparisons for FMR ≤ 1e-4', () => {
    const before = testRate({ metric: 'FMR', max: 1e-4, errors: 0, n: 29955 });
    expect(before).toMatchObject({ result: 'INCONCLUSIVE', needed: 29956 });
    expect(testRate({ metric: 'FMR', max: 1e-4, errors: 0, n: 29956 }).result).toBe('SUPPORTED');
  });

  it('is inconclusive with nothing measured and names the sample that would settle it', () => {
    expect(testRate({ metric: 'FNMR', max: 0.01, errors: 0, n: 0 })).toMatchObject({
      result: 'INCONCLUSIVE',
      needed: 299,
    });
  });

  it('projects the sample needed from the observed rate', () => {
    // 10 failures in 200 (5 %, 95 % bounds 2.7 %–8.3 %) against a 4 % claim: refutation needs far more.
    const outcome = testRate({ metric: 'FNMR', max: 0.04, errors: 10, n: 200 });
    expect(outcome.result).toBe('INCONCLUSIVE');
    expect(outcome.needed).toBeGreaterThan(1000);
    const n = outcome.needed as number;
    expect(lowerBound(Math.ceil(0.05 * n), n)).toBeGreaterThan(0.04);
  });
});

describe('combineVerdict', () => {
  const accuracy = parseClaim('accuracy ≥ 99.5 %');

  it('supports a joint claim only when every part is supported', () => {
    const v = combineVerdict(
      accuracy,
      [
        { metric: 'FNMR', max: 0.005, errors: 0, n: 1000 },
        { metric: 'FMR', max: 0.005, errors: 0, n: 1000 },
      ],
      null,
    );
    expect(v).toMatchObject({ result: 'SUPPORTED', comparisonsNeeded: null });
    expect(v.reason).toContain('read as');
  });

  it('refutes when any part is refuted', () => {
    const v = combineVerdict(
      accuracy,
      [
        { metric: 'FNMR', max: 0.005, errors: 0, n: 1000 },
        { metric: 'FMR', max: 0.005, errors: 40, n: 1000 },
      ],
      null,
    );
    expect(v.result).toBe('REFUTED');
    expect(v.reason).toContain('FMR 40/1000: lower bound');
  });

  it('lists the comparisons each kind needs when inconclusive', () => {
    const v = combineVerdict(
      accuracy,
      [
        { metric: 'FNMR', max: 0.005, errors: 0, n: 100 },
        { metric: 'FMR', max: 0.005, errors: 0, n: 10000 },
      ],
      null,
    );
    expect(v).toMatchObject({ result: 'INCONCLUSIVE', comparisonsNeeded: { genuine: 598, impostor: null } });
    expect(upperBound(0, 598)).toBeLessThanOrEqual(0.005);
    expect(upperBound(0, 597)).toBeGreaterThan(0.005);
  });

  it('will not refute on a threshold calibrated from too few impostors', () => {
    const claim = parseClaim({ metric: 'FNMR', max: 0.01, atFMR: 0.0001 });
    const v = combineVerdict(claim, [{ metric: 'FNMR', max: 0.01, errors: 300, n: 1000 }], {
      atFMR: 0.0001,
      impostors: 5000,
      impostorsNeeded: 29956,
    });
    expect(v).toMatchObject({
      result: 'INCONCLUSIVE',
      comparisonsNeeded: { genuine: null, impostor: 29956 },
    });
    expect(v.reason).toContain('fewer than the 29,956 needed');
  });
});
