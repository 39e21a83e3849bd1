import { thrown } from './thrown.test-helper';
import { clopperPearson } from './binomial';
import { percentile, subjectBootstrap } from './bootstrap';

/** Per-subject counts [gN, gE, iN, iE] for `subjects` subjects built by `f`. */
const counts = (subjects: number, f: (s: number) => [number, number, number, number]): Float64Array =>
  Float64Array.from(Array.from({ length: subjects }, (_, s) => f(s)).flat());

describe('percentile', () => {
  it('interpolates linearly between order statistics (type 7)', () => {
    const sorted = Float64Array.from([1, 2, 3, 4, 5]);
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile(sorted, 0.5)).toBe(3);
    expect(percentile(sorted, 0.95)).toBeCloseTo(4.8, 12);
    expect(percentile(sorted, 1)).toBe(5);
  });
});

describe('subjectBootstrap', () => {
  it('is reproducible from its seed and changes with it', () => {
    const c = counts(40, (s) => [10, s % 4 === 0 ? 2 : 0, 50, s % 10 === 0 ? 1 : 0]);
    const a = subjectBootstrap(c, 500, 7);
    expect(subjectBootstrap(c, 500, 7)).toEqual(a);
    expect(subjectBootstrap(c, 500, 8).genuine?.ci95).not.toEqual(a.genuine?.ci95);
    expect(a).toMatchObject({ replicates: 500, seed: 7 });
    expect(a.genuine?.clusters).toBe(40);
  });

  it('gives a zero-width interval when no subject ever errs', () => {
    const b = subjectBootstrap(
      counts(10, () => [5, 0, 5, 0]),
      200,
      1,
    );
    expect(b.genuine).toMatchObject({ ci95: [0, 0], upper95: 0, lower95: 0 });
  });

  it('is wider than the binomial interval when errors cluster in few subjects', () => {
    // 2,000 genuine comparisons, 40 errors: binomially tight, but all errors belong to 2 of 100 subjects.
    const clustered = counts(100, (s) => [20, s < 2 ? 20 : 0, 0, 0]);
    const b = subjectBootstrap(clustered, 2000, 42);
    const [lo, hi] = clopperPearson(40, 2000);
    const width = (b.genuine?.ci95[1] ?? 0) - (b.genuine?.ci95[0] ?? 0);
    expect(width).toBeGreaterThan(2 * (hi - lo));
    expect(b.impostor).toBeNull();
  });

  it('centres on the pooled rate when subjects are alike', () => {
    const b = subjectBootstrap(
      counts(200, (s) => [10, s % 2, 10, 0]),
      2000,
      3,
    );
    expect(b.genuine?.lower95).toBeLessThan(0.05);
    expect(b.genuine?.upper95).toBeGreaterThan(0.05);
    expect(b.genuine?.ci95[0]).toBeLessThan(b.genuine?.lower95 ?? 0);
  });

  it('refuses nonsensical settings', () => {
    expect(thrown(() => subjectBootstrap(new Float64Array(4), 0))?.code).toBe('RECOGNITION.BAD_ARGUMENT');
    expect(thrown(() => subjectBootstrap(new Float64Array(4), 10, 0))?.code).toBe('RECOGNITION.BAD_ARGUMENT');
  });
});
