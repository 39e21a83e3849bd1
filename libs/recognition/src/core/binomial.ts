import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import { DomainError } from '@app/common';
import { RECOGNITION_ERRORS } from './recognition.errors';

/**
 * Exact (Clopper–Pearson) binomial bounds and the sample sizes they imply. Every bound is a quantile of a
 * beta distribution (the binomial tail identity), taken from @stdlib rather than approximated here.
 */

/** Confidence of every interval and verdict: 95 %. */
export const DEFAULT_CONFIDENCE = 0.95;

/** Refuses counts that are not whole numbers with 0 ≤ errors ≤ n, so a bound is never silently wrong. */
function checkCounts(errors: number, n: number): void {
  if (!Number.isInteger(errors) || !Number.isInteger(n) || errors < 0 || n < 0 || errors > n) {
    throw new DomainError(
      RECOGNITION_ERRORS.BAD_ARGUMENT,
      `invalid binomial counts: ${errors} errors in ${n} trials`,
      {
        errors,
        n,
      },
    );
  }
}

function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new DomainError(
      RECOGNITION_ERRORS.BAD_ARGUMENT,
      `confidence must lie strictly between 0 and 1, got ${confidence}`,
    );
  }
}

/** One-sided upper confidence bound of an error rate: the largest rate still consistent with `errors` in `n`. */
export function upperBound(errors: number, n: number, confidence = DEFAULT_CONFIDENCE): number {
  checkCounts(errors, n);
  checkConfidence(confidence);
  if (n === 0 || errors === n) return 1;
  return betaQuantile(confidence, errors + 1, n - errors);
}

/** One-sided lower confidence bound of an error rate. */
export function lowerBound(errors: number, n: number, confidence = DEFAULT_CONFIDENCE): number {
  checkCounts(errors, n);
  checkConfidence(confidence);
  if (n === 0 || errors === 0) return 0;
  return betaQuantile(1 - confidence, errors, n - errors + 1);
}

/** Two-sided Clopper–Pearson interval: each tail holds (1 − confidence) / 2. */
export function clopperPearson(errors: number, n: number, confidence = DEFAULT_CONFIDENCE): [number, number] {
  const tail = (1 - confidence) / 2;
  return [lowerBound(errors, n, 1 - tail), upperBound(errors, n, 1 - tail)];
}

/** The rule of three: with zero errors in n independent trials the one-sided 95 % upper bound is about 3/n. */
export function ruleOfThree(n: number): number {
  if (!Number.isInteger(n) || n <= 0) {
    throw new DomainError(RECOGNITION_ERRORS.BAD_ARGUMENT, `the rule of three needs n ≥ 1, got ${n}`);
  }
  return 3 / n;
}

/** Largest trial count searched; beyond it a claim is treated as unreachable (returns null). */
const MAX_TRIALS = 1e13;

/**
 * Smallest n ≥ lo for which `holds(n)` is true, assuming `holds` is monotone (false … false, true … true).
 * Null when even MAX_TRIALS does not suffice.
 */
function smallestTrials(lo: number, holds: (n: number) => boolean): number | null {
  let hi = Math.max(lo, 1);
  while (!holds(hi)) {
    if (hi >= MAX_TRIALS) return null;
    lo = hi + 1;
    hi = Math.min(hi * 2, MAX_TRIALS);
  }
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return hi;
}

function checkRate(rate: number, name: string): void {
  if (!(rate >= 0 && rate <= 1) || Number.isNaN(rate)) {
    throw new DomainError(RECOGNITION_ERRORS.BAD_ARGUMENT, `${name} must be a rate in [0, 1], got ${rate}`);
  }
}

/**
 * Number of independent trials needed so that observing exactly `errors` errors gives a one-sided upper
 * bound ≤ `maxRate` (e.g. FMR ≤ 1e-4 with 0 errors → 29,956; with 1 error → 47,437).
 */
export function trialsNeeded(
  maxRate: number,
  errors: number,
  confidence = DEFAULT_CONFIDENCE,
): number | null {
  checkRate(maxRate, 'maxRate');
  checkCounts(errors, errors);
  checkConfidence(confidence);
  if (maxRate === 0) return null;
  if (maxRate >= 1) return errors + 1;
  return smallestTrials(errors + 1, (n) => betaQuantile(confidence, errors + 1, n - errors) <= maxRate);
}

/**
 * Trials needed for a verdict if the observed error rate persisted: the one-sided upper bound falls to
 * `claim` (when `rate` < `claim`) or the lower bound rises above it (when `rate` > `claim`). The error count
 * is taken as rate × n, not rounded, so the requirement is monotone in n. Null when `rate` equals the
 * claim: no sample size separates them.
 */
export function projectedTrialsNeeded(
  rate: number,
  claim: number,
  confidence = DEFAULT_CONFIDENCE,
): number | null {
  checkRate(rate, 'rate');
  checkRate(claim, 'claim');
  checkConfidence(confidence);
  if (rate === claim) return null;
  if (rate < claim) {
    if (rate === 0) return trialsNeeded(claim, 0, confidence);
    return smallestTrials(1, (n) => betaQuantile(confidence, rate * n + 1, n - rate * n) <= claim);
  }
  if (rate === 1) return smallestTrials(1, (n) => betaQuantile(1 - confidence, n, 1) > claim);
  return smallestTrials(1, (n) => betaQuantile(1 - confidence, rate * n, n - rate * n + 1) > claim);
}
