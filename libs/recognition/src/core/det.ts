import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { ComparisonSet } from './comparison-set';
import { trialsNeeded } from './binomial';

/** Genuine and impostor scores, finite only, each sorted ascending. */
export interface SortedScores {
  genuine: Float64Array;
  impostor: Float64Array;
}

/** Splits the scored comparisons of a set into sorted genuine and impostor arrays (sort once, sweep after). */
export function sortedScores(set: ComparisonSet): SortedScores {
  let nGenuine = 0;
  let nImpostor = 0;
  const { probe, reference, score } = set;
  for (let i = 0; i < probe.length; i++) {
    if (Number.isNaN(score[i])) continue;
    if (probe[i] === reference[i]) nGenuine++;
    else nImpostor++;
  }
  const genuine = new Float64Array(nGenuine);
  const impostor = new Float64Array(nImpostor);
  let g = 0;
  let m = 0;
  for (let i = 0; i < probe.length; i++) {
    const s = score[i];
    if (Number.isNaN(s)) continue;
    if (probe[i] === reference[i]) genuine[g++] = s;
    else impostor[m++] = s;
  }
  return { genuine: genuine.sort(), impostor: impostor.sort() };
}

/**
 * Visits every distinct operating point in ascending threshold order: each distinct score as a threshold
 * ("accept when score ≥ t"), then +Infinity (accept nothing). The visitor receives the count of genuine
 * scores below t (false non-matches) and impostor scores at or above t (false matches); returning false stops
 * the sweep. O(n) over already sorted arrays.
 */
export function sweepOperatingPoints(
  scores: SortedScores,
  visit: (threshold: number, falseNonMatches: number, falseMatches: number) => boolean | void,
): void {
  const { genuine, impostor } = scores;
  const nG = genuine.length;
  const nI = impostor.length;
  let i = 0;
  let j = 0;
  while (i < nG || j < nI) {
    const t = Math.min(i < nG ? genuine[i] : Infinity, j < nI ? impostor[j] : Infinity);
    if (visit(t, i, nI - j) === false) return;
    while (i < nG && genuine[i] === t) i++;
    while (j < nI && impostor[j] === t) j++;
  }
  visit(Infinity, nG, 0);
}

/** The full DET curve: one point per distinct threshold, FMR falling and FNMR rising. */
export interface DetCurve {
  threshold: Float64Array;
  fmr: Float64Array;
  fnmr: Float64Array;
}

/** The full DET curve as typed arrays (one entry per distinct score, plus the accept-nothing point). */
export function detCurve(scores: SortedScores): DetCurve {
  const nG = scores.genuine.length;
  const nI = scores.impostor.length;
  const capacity = nG + nI + 1;
  const threshold = new Float64Array(capacity);
  const fmr = new Float64Array(capacity);
  const fnmr = new Float64Array(capacity);
  let k = 0;
  sweepOperatingPoints(scores, (t, fnm, fm) => {
    threshold[k] = t;
    fnmr[k] = nG === 0 ? NaN : fnm / nG;
    fmr[k] = nI === 0 ? NaN : fm / nI;
    k++;
  });
  return { threshold: threshold.slice(0, k), fmr: fmr.slice(0, k), fnmr: fnmr.slice(0, k) };
}

/** The equal error rate and the threshold at which FNMR first reaches FMR. */
export interface EqualErrorRate {
  eer: number;
  threshold: number;
}

/**
 * EER: where the DET curve crosses FMR = FNMR. Between the last operating point with FNMR < FMR and the
 * first with FNMR ≥ FMR the curve is taken as the straight segment joining them (the convention of
 * interpolated DET plots), so the value is exact on step distributions. Null without both classes.
 */
export function equalErrorRate(scores: SortedScores): EqualErrorRate | null {
  const nG = scores.genuine.length;
  const nI = scores.impostor.length;
  if (nG === 0 || nI === 0) return null;
  let prevFmr = 1;
  let prevFnmr = 0;
  let result: EqualErrorRate | null = null;
  sweepOperatingPoints(scores, (t, fnm, fm) => {
    const fnmr = fnm / nG;
    const fmr = fm / nI;
    if (fnmr >= fmr) {
      const dPrev = prevFnmr - prevFmr;
      const d = fnmr - fmr;
      const lambda = d === dPrev ? 0 : -dPrev / (d - dPrev);
      result = { eer: d === 0 ? fmr : prevFmr + lambda * (fmr - prevFmr), threshold: t };
      return false;
    }
    prevFmr = fmr;
    prevFnmr = fnmr;
    return true;
  });
  return result;
}

/** FNMR at the lowest threshold whose FMR does not exceed a target (NIST FRTE's headline metric). */
export interface FnmrAtFmr {
  fmrTarget: number;
  /** Null when the accept-nothing point is the first to meet the target. */
  threshold: number | null;
  fmr: number;
  fnmr: number;
  falseMatches: number;
  falseNonMatches: number;
  /** Impostor comparisons the target needs: zero false matches in that many bounds FMR ≤ target (95 %). */
  impostorsNeeded: number | null;
  /** Whether the impostor sample is large enough to demonstrate FMR ≤ target at all. */
  supported: boolean;
}

/** FMR targets reported by default: the decades NIST FRTE and vendors quote. */
export const DEFAULT_FMR_TARGETS: readonly number[] = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6];

/**
 * FNMR at each FMR target, calibrating the threshold on the impostor scores; `supported` marks targets the
 * impostor sample can vouch for. Null entries are impossible: the accept-nothing point meets every target.
 */
export function fnmrAtFmr(
  scores: SortedScores,
  targets: readonly number[] = DEFAULT_FMR_TARGETS,
): FnmrAtFmr[] {
  const nG = scores.genuine.length;
  const nI = scores.impostor.length;
  if (nG === 0 || nI === 0) return [];
  const found = new Map<number, FnmrAtFmr>();
  const pending = [...new Set(targets)].sort((a, b) => b - a);
  let next = 0;
  sweepOperatingPoints(scores, (t, fnm, fm) => {
    while (next < pending.length && fm / nI <= pending[next]) {
      const target = pending[next++];
      const impostorsNeeded = trialsNeeded(target, 0);
      found.set(target, {
        fmrTarget: target,
        threshold: Number.isFinite(t) ? t : null,
        fmr: fm / nI,
        fnmr: fnm / nG,
        falseMatches: fm,
        falseNonMatches: fnm,
        impostorsNeeded,
        supported: impostorsNeeded !== null && nI >= impostorsNeeded,
      });
    }
    return next < pending.length;
  });
  return targets.map((target) => found.get(target) as FnmrAtFmr);
}

/** One DET point for reports; the accept-nothing point has threshold null. */
export interface DetPoint {
  threshold: number | null;
  fmr: number;
  fnmr: number;
}

/**
 * Count levels whose rates are evenly spaced on the normal-deviate (probit) axis between 0.5/n and
 * 1 − 0.5/n, the axis DET plots use; the sweep keeps a point whenever a count crosses one of them.
 */
function probitLevels(n: number, levels: number): Int32Array {
  const lo = normalQuantile(0.5 / n, 0, 1);
  const hi = -lo;
  const counts = new Set<number>();
  for (let k = 0; k < levels; k++) {
    const p = normalCdf(lo + ((hi - lo) * k) / (levels - 1));
    counts.add(Math.round(p * n));
  }
  return Int32Array.from(counts).sort();
}

/** Φ(x) by bisection on @stdlib's quantile, so no normal CDF has to be written here; 60 steps reach 1e-16. */
function normalCdf(x: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (normalQuantile(mid, 0, 1) < x) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The DET curve thinned for reports: every point when there are at most `maxPoints`, otherwise the points
 * where FMR or FNMR crosses one of about maxPoints/2 levels each, evenly spaced on normal-deviate axes (the
 * axes DET plots use), plus both ends. Only integer comparisons run inside the sweep, so it stays O(n).
 */
export function detPoints(scores: SortedScores, maxPoints = 500): DetPoint[] {
  const nG = scores.genuine.length;
  const nI = scores.impostor.length;
  if (nG === 0 || nI === 0) return [];
  const points: DetPoint[] = [];
  const push = (t: number, fnm: number, fm: number): void => {
    points.push({ threshold: Number.isFinite(t) ? t : null, fmr: fm / nI, fnmr: fnm / nG });
  };
  if (nG + nI + 1 <= maxPoints) {
    sweepOperatingPoints(scores, (t, fnm, fm) => push(t, fnm, fm));
    return points;
  }
  const perAxis = Math.max(2, Math.floor((maxPoints - 2) / 2));
  const fmLevels = probitLevels(nI, perAxis);
  const fnmLevels = probitLevels(nG, perAxis);
  let nextFm = fmLevels.length - 1;
  let nextFnm = 0;
  let first = true;
  sweepOperatingPoints(scores, (t, fnm, fm) => {
    let keep = first || !Number.isFinite(t);
    first = false;
    // FMR only falls and FNMR only rises along the sweep, so each level list is consumed once.
    while (nextFm >= 0 && fm <= fmLevels[nextFm]) {
      keep = true;
      nextFm--;
    }
    while (nextFnm < fnmLevels.length && fnm >= fnmLevels[nextFnm]) {
      keep = true;
      nextFnm++;
    }
    if (keep) push(t, fnm, fm);
  });
  return points;
}
