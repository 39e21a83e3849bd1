import { thrown } from './thrown.test-helper';
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import {
  clopperPearson,
  lowerBound,
  projectedTrialsNeeded,
  ruleOfThree,
  trialsNeeded,
  upperBound,
} from './binomial';

// Reference values computed independently with SciPy 1.17 (scipy.stats.beta.ppf), not with @stdlib.
const SCIPY: { k: number; n: number; ci95: [number, number]; upper95: number; lower95: number }[] = [
  { k: 0, n: 10, ci95: [0, 0.3084971078187607], upper95: 0.2588655508930522, lower95: 0 },
  {
    k: 1,
    n: 10,
    ci95: [0.0025285785444617865, 0.4450161170281954],
    upper95: 0.39416330243650466,
    lower95: 0.005116196891823705,
  },
  {
    k: 5,
    n: 10,
    ci95: [0.18708602844739855, 0.8129139715526015],
    upper95: 0.7775588989918706,
    lower95: 0.22244110100812942,
  },
  {
    k: 10,
    n: 200,
    ci95: [0.024234165472108556, 0.09002753770135137],
    upper95: 0.08333515106637196,
    lower95: 0.027374253525114495,
  },
  {
    k: 1,
    n: 30000,
    ci95: [8.439265767034295e-7, 0.0001857072961123104],
    upper95: 0.00015811895074140282,
    lower95: 1.7097750179180472e-6,
  },
  {
    k: 3,
    n: 1000,
    ci95: [0.0006190999316495715, 0.008742023238478303],
    upper95: 0.007735244718479458,
    lower95: 0.0008181753982218005,
  },
  { k: 10, n: 10, ci95: [0.6915028921812392, 1], upper95: 1, lower95: 0.7411344491069478 },
];

describe('Clopper–Pearson bounds', () => {
  it.each(SCIPY)('match SciPy for $k errors in $n trials', ({ k, n, ci95, upper95, lower95 }) => {
    const [lo, hi] = clopperPearson(k, n);
    expect(lo).toBeCloseTo(ci95[0], 12);
    expect(hi).toBeCloseTo(ci95[1], 12);
    expect(upperBound(k, n)).toBeCloseTo(upper95, 12);
    expect(lowerBound(k, n)).toBeCloseTo(lower95, 12);
  });

  it('agree with the closed form for zero errors: upper = 1 − α^(1/n)', () => {
    for (const n of [1, 7, 59, 299, 2995, 29956, 1_000_000]) {
      expect(upperBound(0, n)).toBeCloseTo(1 - Math.pow(0.05, 1 / n), 12);
      expect(lowerBound(n, n)).toBeCloseTo(Math.pow(0.05, 1 / n), 12);
    }
  });

  it('put exactly the tail probability beyond each bound (binomial CDF identity)', () => {
    for (const [k, n] of [
      [3, 40],
      [17, 250],
      [1, 5000],
    ]) {
      const [lo, hi] = clopperPearson(k, n);
      expect(binomialCdf(k, n, hi)).toBeCloseTo(0.025, 10);
      expect(1 - binomialCdf(k - 1, n, lo)).toBeCloseTo(0.025, 10);
      expect(binomialCdf(k, n, upperBound(k, n))).toBeCloseTo(0.05, 10);
      expect(1 - binomialCdf(k - 1, n, lowerBound(k, n))).toBeCloseTo(0.05, 10);
    }
  });

  it('give the whole unit interval when nothing was observed', () => {
    expect(clopperPearson(0, 0)).toEqual([0, 1]);
    expect(upperBound(0, 0)).toBe(1);
    expect(lowerBound(0, 0)).toBe(0);
  });

  it('reject impossible counts and confidences', () => {
    expect(thrown(() => upperBound(3, 2))?.code).toBe('RECOGNITION.BAD_ARGUMENT');
    expect(thrown(() => upperBound(-1, 2))?.code).toBe('RECOGNITION.BAD_ARGUMENT');
    expect(thrown(() => upperBound(0.5, 2))?.code).toBe('RECOGNITION.BAD_ARGUMENT');
    expect(thrown(() => upperBound(1, 2, 1))?.code).toBe('RECOGNITION.BAD_ARGUMENT');
  });

  it('show that 1 false match in 30,000 does not support FMR ≤ 1e-4 (upper bound 1.58e-4)', () => {
    expect(upperBound(1, 30000)).toBeGreaterThan(1e-4);
    expect(upperBound(1, 30000)).toBeCloseTo(1.58e-4, 6);
  });
});

describe('rule of three', () => {
  it('is 3/n and approaches the exact zero-error bound for large n', () => {
    expect(ruleOfThree(300)).toBe(0.01);
    expect(ruleOfThree(30000) / upperBound(0, 30000)).toBeCloseTo(1.0015, 3);
    expect(thrown(() => ruleOfThree(0))?.code).toBe('RECOGNITION.BAD_ARGUMENT');
  });
});

describe('trialsNeeded', () => {
  // The sample-size table of recognition-and-device-logs.md §1.4.
  it.each([
    [1e-3, 0, 2995],
    [1e-4, 0, 29956],
    [1e-4, 1, 47437],
    [1e-4, 2, 62956],
    [1e-4, 3, 77535],
    [1e-4, 5, 105128],
    [1e-4, 10, 169619],
    [1e-5, 0, 299572],
    [1e-6, 0, 2995731],
    [0.05, 0, 59],
    [0.01, 0, 299],
  ])('claim ≤ %p with %p errors needs %p trials', (max, errors, expected) => {
    const n = trialsNeeded(max, errors);
    expect(n).toBe(expected);
    // Minimal: one trial fewer would leave the bound above the claim.
    expect(upperBound(errors, expected)).toBeLessThanOrEqual(max);
    expect(upperBound(errors, expected - 1)).toBeGreaterThan(max);
  });

  it('is null for a zero claim, which no sample can support', () => {
    expect(trialsNeeded(0, 0)).toBeNull();
  });
});

describe('projectedTrialsNeeded', () => {
  it('equals trialsNeeded when no error was observed', () => {
    expect(projectedTrialsNeeded(0, 1e-4)).toBe(29956);
  });

  it('finds the smallest n at which the bound at the persisting rate crosses the claim', () => {
    const rate = 0.005;
    const claim = 0.01;
    const n = projectedTrialsNeeded(rate, claim) as number;
    expect(n).toBeGreaterThan(1000);
    // At integer error counts near rate × n the bound is on the right side of the claim.
    expect(upperBound(Math.floor(rate * n), n)).toBeLessThanOrEqual(claim * 1.0001);
    expect(upperBound(Math.ceil(rate * (n - 50)), n - 50)).toBeGreaterThan(claim);
  });

  it('counts towards a refutation when the observed rate exceeds the claim', () => {
    const n = projectedTrialsNeeded(0.02, 0.01) as number;
    expect(lowerBound(Math.ceil(0.02 * n), n)).toBeGreaterThan(0.01);
    expect(lowerBound(Math.floor(0.02 * (n - 50)), n - 50)).toBeLessThanOrEqual(0.01);
  });

  it('is null when the observed rate equals the claim', () => {
    expect(projectedTrialsNeeded(0.01, 0.01)).toBeNull();
  });
});
