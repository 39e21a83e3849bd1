import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { ComparisonSetBuilder } from './comparison-set';
import { SortedScores, detCurve, detPoints, equalErrorRate, fnmrAtFmr, sortedScores } from './det';

const scores = (genuine: number[], impostor: number[]): SortedScores => ({
  genuine: Float64Array.from(genuine).sort(),
  impostor: Float64Array.from(impostor).sort(),
});

/** n equally spaced quantiles (midpoints) of a distribution: a deterministic stand-in for a sample. */
const grid = (n: number, quantile: (p: number) => number): number[] =>
  Array.from({ length: n }, (_, i) => quantile((i + 0.5) / n));

describe('sortedScores', () => {
  it('splits mated from non-mated comparisons, drops missing scores and sorts each', () => {
    const set = new ComparisonSetBuilder()
      .add('a', 'a', 0.9)
      .add('a', 'b', 0.4)
      .add('b', 'b', 0.2)
      .add('b', 'a', NaN)
      .add('c', 'a', 0.1)
      .build();
    const s = sortedScores(set);
    expect([...s.genuine]).toEqual([0.2, 0.9]);
    expect([...s.impostor]).toEqual([0.1, 0.4]);
  });
});

describe('detCurve', () => {
  it('lists each distinct threshold with FMR (impostor ≥ t) and FNMR (genuine < t), by hand', () => {
    const det = detCurve(scores([0.5, 0.7, 0.9], [0.1, 0.6, 0.8]));
    expect([...det.threshold]).toEqual([0.1, 0.5, 0.6, 0.7, 0.8, 0.9, Infinity]);
    expect([...det.fmr]).toEqual([1, 2 / 3, 2 / 3, 1 / 3, 1 / 3, 0, 0]);
    expect([...det.fnmr]).toEqual([0, 0, 1 / 3, 1 / 3, 2 / 3, 2 / 3, 1]);
  });

  it('counts a score equal to the threshold as accepted in both classes', () => {
    const det = detCurve(scores([0.5], [0.5]));
    expect([...det.threshold]).toEqual([0.5, Infinity]);
    expect([...det.fmr]).toEqual([1, 0]);
    expect([...det.fnmr]).toEqual([0, 1]);
  });
});

describe('equalErrorRate', () => {
  it('is exact where the curve passes through FMR = FNMR', () => {
    expect(equalErrorRate(scores([0.5, 0.7, 0.9], [0.1, 0.6, 0.8]))).toEqual({ eer: 1 / 3, threshold: 0.7 });
  });

  it('interpolates along the DET segment that crosses the diagonal', () => {
    // Points (FMR, FNMR): t=0.7 → (1/3, 1/4), t=0.8 → (1/3, 1/2); the segment meets the diagonal at 1/3.
    const eer = equalErrorRate(scores([0.5, 0.7, 0.9, 0.95], [0.1, 0.6, 0.8]));
    expect(eer?.eer).toBeCloseTo(1 / 3, 15);
    expect(eer?.threshold).toBe(0.8);
    // (0, 0.5) → (0.5, 0): the crossing of FMR falling from 1/2 and FNMR rising from 0 at equal speed.
    const mid = equalErrorRate(scores([0.3, 0.4], [0.1, 0.35]));
    // t=0.3: FMR 1/2, FNMR 0; t=0.35: FMR 1/2, FNMR 1/2 → exact 0.5 at 0.35.
    expect(mid).toEqual({ eer: 0.5, threshold: 0.35 });
  });

  it('is zero for perfectly separated classes', () => {
    expect(equalErrorRate(scores([0.8, 0.9], [0.1, 0.2]))).toEqual({ eer: 0, threshold: 0.8 });
  });

  it('is 0.4 for genuine ~ U(0.2, 1.2) against impostor ~ U(0, 1)', () => {
    // Continuous: FNMR = t − 0.2 and FMR = 1 − t meet at t = 0.6, EER = 0.4.
    const eer = equalErrorRate(
      scores(
        grid(20000, (p) => 0.2 + p),
        grid(20000, (p) => p),
      ),
    );
    expect(eer?.eer).toBeCloseTo(0.4, 4);
    expect(eer?.threshold).toBeCloseTo(0.6, 3);
  });

  it('is Φ(−d′/2) for two unit normals d′ = 2 apart', () => {
    const z = (p: number) => normalQuantile(p, 0, 1);
    const eer = equalErrorRate(
      scores(
        grid(50000, (p) => 2 + z(p)),
        grid(50000, z),
      ),
    );
    // Φ(−1) = 0.15865525393145707 (SciPy norm.cdf(−1)).
    expect(eer?.eer).toBeCloseTo(0.15865525393145707, 4);
    expect(eer?.threshold).toBeCloseTo(1, 3);
  });

  it('is null without both kinds of comparison', () => {
    expect(equalErrorRate(scores([0.5], []))).toBeNull();
  });
});

describe('fnmrAtFmr', () => {
  // 1,000 impostor scores 0.000 … 0.999; genuine scores placed around the 1 % and 0.1 % thresholds.
  const impostor = Array.from({ length: 1000 }, (_, i) => i / 1000);
  const genuine = [0.5, 0.9895, 0.995, 0.9995, 1.5];

  it('takes the lowest threshold with FMR ≤ target and reports FNMR there', () => {
    const [at1pct, at01pct] = fnmrAtFmr(scores(genuine, impostor), [0.01, 0.001]);
    // 10 impostors ≥ 0.9895 (0.990 … 0.999): FMR 1 %; the genuine 0.9895 is the lowest such threshold.
    expect(at1pct).toMatchObject({ fmrTarget: 0.01, threshold: 0.9895, falseMatches: 10, fmr: 0.01 });
    expect(at1pct.falseNonMatches).toBe(1);
    expect(at1pct.fnmr).toBe(0.2);
    // FMR ≤ 0.1 % allows one false match: 0.999 is the lowest threshold with a single impostor at or above it.
    expect(at01pct).toMatchObject({
      fmrTarget: 0.001,
      threshold: 0.999,
      falseMatches: 1,
      falseNonMatches: 3,
    });
  });

  it('marks targets the impostor sample cannot vouch for (fewer than 3/target, exactly: 1 − 0.05^(1/n))', () => {
    const [a, b] = fnmrAtFmr(scores(genuine, impostor), [0.01, 0.001]);
    expect(a).toMatchObject({ impostorsNeeded: 299, supported: true });
    expect(b).toMatchObject({ impostorsNeeded: 2995, supported: false });
  });

  it('falls back to the accept-nothing point when ties keep FMR above the target', () => {
    const [r] = fnmrAtFmr(scores([1, 1], [1, 0]), [0.1]);
    expect(r).toMatchObject({ threshold: null, fmr: 0, fnmr: 1 });
  });
});

describe('detPoints', () => {
  it('returns every point of a small curve, with null for the accept-nothing threshold', () => {
    expect(detPoints(scores([0.5, 0.9], [0.1]))).toEqual([
      { threshold: 0.1, fmr: 1, fnmr: 0 },
      { threshold: 0.5, fmr: 0, fnmr: 0 },
      { threshold: 0.9, fmr: 0, fnmr: 0.5 },
      { threshold: null, fmr: 0, fnmr: 1 },
    ]);
  });

  it('thins a long curve to about maxPoints, keeping both ends, monotone and deterministic', () => {
    const z = (p: number) => normalQuantile(p, 0, 1);
    const s = scores(
      grid(20000, (p) => 3 + z(p)),
      grid(20000, z),
    );
    const points = detPoints(s, 200);
    expect(points.length).toBeGreaterThan(100);
    expect(points.length).toBeLessThanOrEqual(201);
    expect(points[0]).toMatchObject({ fmr: 1, fnmr: 0 });
    expect(points[points.length - 1]).toEqual({ threshold: null, fmr: 0, fnmr: 1 });
    for (let i = 1; i < points.length; i++) {
      expect(points[i].fmr).toBeLessThanOrEqual(points[i - 1].fmr);
      expect(points[i].fnmr).toBeGreaterThanOrEqual(points[i - 1].fnmr);
    }
    expect(detPoints(s, 200)).toEqual(points);
  });
});
