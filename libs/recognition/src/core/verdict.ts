import { DEFAULT_CONFIDENCE, lowerBound, projectedTrialsNeeded, trialsNeeded, upperBound } from './binomial';
import { Claim } from './claim';

export type VerdictResult = 'SUPPORTED' | 'REFUTED' | 'INCONCLUSIVE';

/** Comparisons (of each kind) a sample would need for a verdict; null where that kind already suffices. */
export interface ComparisonsNeeded {
  genuine: number | null;
  impostor: number | null;
}

/** The verdict on a claim, its reason in words, and, when inconclusive, the sample size that would settle it. */
export interface Verdict {
  result: VerdictResult;
  reason: string;
  comparisonsNeeded: ComparisonsNeeded | null;
}

/** One bounded rate the claim asserts, with the evidence measured for it. */
export interface RateTest {
  metric: 'FNMR' | 'FMR';
  max: number;
  errors: number;
  n: number;
}

/** The verdict on one bounded rate, before parts of a claim are combined. */
export interface RateTestOutcome extends RateTest {
  result: VerdictResult;
  upper95: number;
  lower95: number;
  /** Total comparisons of this kind needed if the observed rate held; null unless inconclusive. */
  needed: number | null;
}

/** Formats a rate for reasons: percent with up to 4 significant digits, deterministic. */
export function formatRate(rate: number): string {
  return `${Number((rate * 100).toPrecision(4))} %`;
}

/**
 * SUPPORTED when the one-sided 95 % upper bound is within the claim (≤ max), REFUTED when the one-sided 95 %
 * lower bound exceeds it (> max), otherwise INCONCLUSIVE. Both bounds are exact Clopper–Pearson.
 */
export function testRate(test: RateTest, confidence = DEFAULT_CONFIDENCE): RateTestOutcome {
  const upper95 = upperBound(test.errors, test.n, confidence);
  const lower95 = lowerBound(test.errors, test.n, confidence);
  if (upper95 <= test.max) return { ...test, result: 'SUPPORTED', upper95, lower95, needed: null };
  if (lower95 > test.max) return { ...test, result: 'REFUTED', upper95, lower95, needed: null };
  const projected =
    test.n === 0
      ? trialsNeeded(test.max, 0, confidence)
      : projectedTrialsNeeded(test.errors / test.n, test.max, confidence);
  // The projection uses a real-valued error count; never report fewer comparisons than already failed to settle it.
  const needed = projected === null ? null : Math.max(projected, test.n + 1);
  return { ...test, result: 'INCONCLUSIVE', upper95, lower95, needed };
}

function describe(outcome: RateTestOutcome): string {
  const observed = `${outcome.metric} ${outcome.errors}/${outcome.n}`;
  const bounds = `95 % one-sided bounds ${formatRate(outcome.lower95)}–${formatRate(outcome.upper95)}`;
  const claim = `claimed ≤ ${formatRate(outcome.max)}`;
  switch (outcome.result) {
    case 'SUPPORTED':
      return `${observed}: upper bound ${formatRate(outcome.upper95)} is within the ${claim}`;
    case 'REFUTED':
      return `${observed}: lower bound ${formatRate(outcome.lower95)} exceeds the ${claim}`;
    case 'INCONCLUSIVE':
      return (
        `${observed}: ${bounds} straddle the ${claim}; ` +
        (outcome.needed === null
          ? 'the observed rate equals the claim, so no sample size would settle it'
          : `about ${outcome.needed.toLocaleString('en-US')} ${outcome.metric === 'FMR' ? 'impostor' : 'genuine'} ` +
            'comparisons would settle it if the observed rate held')
      );
  }
}

/** Extra condition that can block a verdict: the impostor sample cannot calibrate the claimed FMR. */
export interface CalibrationCheck {
  atFMR: number;
  impostors: number;
  impostorsNeeded: number | null;
}

/**
 * Combines the tests of a claim: REFUTED if any part is refuted, SUPPORTED if all are supported, otherwise
 * INCONCLUSIVE with the comparisons each kind would need. A threshold calibrated on too few impostors to
 * vouch for the claimed FMR makes the verdict INCONCLUSIVE whatever the FNMR shows: a lenient threshold
 * would flatter the FNMR, a strict one would not, and the sample cannot tell which it is.
 */
export function combineVerdict(
  claim: Claim,
  tests: readonly RateTest[],
  calibration: CalibrationCheck | null,
  confidence = DEFAULT_CONFIDENCE,
): Verdict {
  const outcomes = tests.map((t) => testRate(t, confidence));
  const parts = outcomes.map(describe);
  const needed: ComparisonsNeeded = { genuine: null, impostor: null };
  const need = (kind: keyof ComparisonsNeeded, n: number | null): void => {
    if (n !== null) needed[kind] = Math.max(needed[kind] ?? 0, n);
  };
  for (const o of outcomes) {
    if (o.result === 'INCONCLUSIVE') need(o.metric === 'FMR' ? 'impostor' : 'genuine', o.needed);
  }
  const uncalibrated =
    calibration !== null &&
    (calibration.impostorsNeeded === null || calibration.impostors < calibration.impostorsNeeded);
  if (uncalibrated) {
    parts.push(
      `the threshold for FMR ≤ ${formatRate(calibration.atFMR)} was calibrated on ${calibration.impostors.toLocaleString('en-US')} ` +
        `impostor comparisons, fewer than the ${calibration.impostorsNeeded?.toLocaleString('en-US') ?? '∞'} needed to vouch for it`,
    );
    need('impostor', calibration.impostorsNeeded);
  }
  const prefix = `${claim.translation} `;
  if (!uncalibrated && outcomes.some((o) => o.result === 'REFUTED')) {
    return { result: 'REFUTED', reason: prefix + parts.join('; ') + '.', comparisonsNeeded: null };
  }
  if (!uncalibrated && outcomes.every((o) => o.result === 'SUPPORTED')) {
    return { result: 'SUPPORTED', reason: prefix + parts.join('; ') + '.', comparisonsNeeded: null };
  }
  return { result: 'INCONCLUSIVE', reason: prefix + parts.join('; ') + '.', comparisonsNeeded: needed };
}
