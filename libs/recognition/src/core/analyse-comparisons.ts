import { DomainError } from '@app/common';
import { DEFAULT_CONFIDENCE, clopperPearson, lowerBound, upperBound } from './binomial';
import {
  DEFAULT_BOOTSTRAP_REPLICATES,
  DEFAULT_BOOTSTRAP_SEED,
  SubjectBootstrap,
  subjectBootstrap,
} from './bootstrap';
import { Claim } from './claim';
import { ComparisonSet } from './comparison-set';
import {
  DEFAULT_FMR_TARGETS,
  DetPoint,
  FnmrAtFmr,
  detPoints,
  equalErrorRate,
  fnmrAtFmr,
  sortedScores,
} from './det';
import { ClassCounts, allDecided, countErrors } from './error-counts';
import { RECOGNITION_ERRORS } from './recognition.errors';
import { CalibrationCheck, RateTest, Verdict, combineVerdict, formatRate } from './verdict';

/** One error rate at the operating point with its exact 95 % intervals. */
export interface RateBlock {
  n: number;
  errors: number;
  /** errors / n; null when there are no completed comparisons of this kind. */
  rate: number | null;
  /** Two-sided 95 % Clopper–Pearson interval. */
  ci95: [number, number];
  /** One-sided 95 % upper bound (verdicts use it). */
  upper95: number;
  /** One-sided 95 % lower bound (verdicts use it). */
  lower95: number;
}

/**
 * How the operating point was chosen: a given threshold, a threshold calibrated to the claim's FMR, the
 * device's logged decisions, or (with no claim and no threshold) the EER threshold.
 */
export type OperatingPoint = 'threshold' | 'calibrated' | 'decisions' | 'eer';

/** The evaluation of a set of comparisons: rates at the operating point, DET, EER, verdict. */
export interface ComparisonsReport {
  /** FNMR at the operating point. */
  genuine: RateBlock;
  /** FMR at the operating point. */
  impostor: RateBlock;
  /** Score threshold used (accept when score ≥ threshold); null when the device's decisions are the operating point. */
  threshold: number | null;
  /** Equal error rate of the scores; null unless both kinds have scores. */
  eer: number | null;
  /** DET curve of the scores, thinned for reports (see detPoints). */
  det: DetPoint[];
  verdict: Verdict | null;
  operatingPoint: OperatingPoint;
  eerThreshold: number | null;
  fnmrAtFmr: FnmrAtFmr[];
  failuresToAcquire: { genuine: number; impostor: number };
  bootstrap: SubjectBootstrap;
  claim: Claim | null;
  subjects: number;
  method: {
    confidence: number;
    interval: string;
    scoreConvention: string;
    decisionRule: string;
  };
}

/** Options of analyseComparisons; all have reproducible defaults. */
export interface AnalyseOptions {
  threshold?: number;
  /**
   * A threshold calibrated elsewhere to the claim's FMR (NIST's mask protocol calibrates on unmasked
   * impostors and applies the threshold to masked comparisons). Takes precedence over `threshold`.
   */
  calibration?: CalibrationCheck & { threshold: number };
  claim?: Claim;
  fmrTargets?: readonly number[];
  bootstrapReplicates?: number;
  bootstrapSeed?: number;
  detMaxPoints?: number;
}

function rateBlock(counts: ClassCounts): RateBlock {
  const { n, errors } = counts;
  return {
    n,
    errors,
    rate: n === 0 ? null : errors / n,
    ci95: clopperPearson(errors, n, DEFAULT_CONFIDENCE),
    upper95: upperBound(errors, n, DEFAULT_CONFIDENCE),
    lower95: lowerBound(errors, n, DEFAULT_CONFIDENCE),
  };
}

/**
 * The verdict follows the exact binomial bounds (the documented rule), which assume independent comparisons.
 * When the subject-level bootstrap disagrees, the reason says so: comparisons of one person are correlated,
 * and an officer should know the verdict leans on that assumption.
 */
function withClusteringCaution(
  verdict: Verdict,
  tests: readonly RateTest[],
  bootstrap: SubjectBootstrap,
): Verdict {
  const cautions: string[] = [];
  for (const test of tests) {
    const interval = test.metric === 'FNMR' ? bootstrap.genuine : bootstrap.impostor;
    if (interval === null) continue;
    if (verdict.result === 'SUPPORTED' && interval.upper95 > test.max) {
      cautions.push(
        `${test.metric}'s subject-level bootstrap upper bound ${formatRate(interval.upper95)} exceeds the claim`,
      );
    }
    if (verdict.result === 'REFUTED' && interval.lower95 <= test.max && test.errors / test.n > test.max) {
      cautions.push(
        `${test.metric}'s subject-level bootstrap lower bound ${formatRate(interval.lower95)} does not exceed the claim`,
      );
    }
  }
  if (cautions.length === 0) return verdict;
  return {
    ...verdict,
    reason:
      `${verdict.reason} Caution: ${cautions.join('; ')} (errors concentrate in few subjects, so the evidence is ` +
      `weaker than the binomial bounds suggest; ${bootstrap.genuine?.clusters ?? 0} subjects were resampled).`,
  };
}

/**
 * Evaluates comparisons (ISO/IEC 19795-1 technology evaluation): rates at the operating point with exact
 * and subject-bootstrap intervals, the DET curve, EER, FNMR at FMR targets, failures to acquire, and the
 * verdict on a claim.
 */
export function analyseComparisons(set: ComparisonSet, options: AnalyseOptions = {}): ComparisonsReport {
  if (set.size === 0)
    throw new DomainError(RECOGNITION_ERRORS.NO_COMPARISONS, 'there are no comparisons to evaluate');
  if (options.threshold !== undefined && !Number.isFinite(options.threshold)) {
    throw new DomainError(
      RECOGNITION_ERRORS.BAD_ARGUMENT,
      `threshold must be a finite number, got ${options.threshold}`,
    );
  }
  const claim = options.claim ?? null;
  const scores = sortedScores(set);
  const eer = equalErrorRate(scores);
  const targets = [...(options.fmrTargets ?? DEFAULT_FMR_TARGETS)];
  if (claim?.atFMR != null && !targets.includes(claim.atFMR)) targets.push(claim.atFMR);
  const atFmr = fnmrAtFmr(scores, targets);
  const decided = allDecided(set);

  let operatingPoint: OperatingPoint;
  let threshold: number | null;
  let calibration: CalibrationCheck | null = null;
  if (options.calibration !== undefined) {
    operatingPoint = 'calibrated';
    threshold = options.calibration.threshold;
    const { atFMR, impostors, impostorsNeeded } = options.calibration;
    calibration = { atFMR, impostors, impostorsNeeded };
  } else if (options.threshold !== undefined) {
    operatingPoint = 'threshold';
    threshold = options.threshold;
  } else if (claim?.atFMR != null && !decided) {
    const calibrated = atFmr.find((a) => a.fmrTarget === claim.atFMR);
    if (calibrated === undefined) {
      throw new DomainError(
        RECOGNITION_ERRORS.CLAIM_NEEDS_OPERATING_POINT,
        'calibrating a threshold to the claimed FMR needs scored genuine and impostor comparisons',
      );
    }
    operatingPoint = 'calibrated';
    // The accept-nothing point (threshold null) is +Infinity: every comparison is rejected.
    threshold = calibrated.threshold ?? Infinity;
    calibration = {
      atFMR: claim.atFMR,
      impostors: scores.impostor.length,
      impostorsNeeded: calibrated.impostorsNeeded,
    };
  } else if (decided) {
    operatingPoint = 'decisions';
    threshold = null;
  } else if (claim === null && eer !== null) {
    operatingPoint = 'eer';
    threshold = eer.threshold;
  } else {
    throw new DomainError(
      RECOGNITION_ERRORS.CLAIM_NEEDS_OPERATING_POINT,
      claim === null
        ? 'rates need an operating point: give a threshold, or logged decisions, or both genuine and impostor scores'
        : `the claim (${claim.translation}) holds at an operating point: give the device's threshold or its logged decisions`,
    );
  }

  const counts = countErrors(set, threshold);
  const genuine = rateBlock(counts.genuine);
  const impostor = rateBlock(counts.impostor);

  const bootstrap = subjectBootstrap(
    counts.perProbeSubject,
    options.bootstrapReplicates ?? DEFAULT_BOOTSTRAP_REPLICATES,
    options.bootstrapSeed ?? DEFAULT_BOOTSTRAP_SEED,
  );
  let verdict: Verdict | null = null;
  if (claim !== null) {
    const fnmrTest: RateTest = { metric: 'FNMR', max: claim.max, errors: genuine.errors, n: genuine.n };
    const fmrTest = (max: number): RateTest => ({
      metric: 'FMR',
      max,
      errors: impostor.errors,
      n: impostor.n,
    });
    let tests: RateTest[];
    switch (claim.metric) {
      case 'FMR':
        tests = [fmrTest(claim.max)];
        break;
      case 'FNMR':
        // At a given threshold or the device's decisions, "FNMR at FMR" is a joint claim on both rates.
        tests =
          claim.atFMR !== null && operatingPoint !== 'calibrated'
            ? [fnmrTest, fmrTest(claim.atFMR)]
            : [fnmrTest];
        break;
      case 'ACCURACY':
        tests = [fnmrTest, fmrTest(claim.max)];
        break;
    }
    verdict = withClusteringCaution(combineVerdict(claim, tests, calibration), tests, bootstrap);
  }

  return {
    genuine,
    impostor,
    threshold: threshold !== null && Number.isFinite(threshold) ? threshold : null,
    eer: eer?.eer ?? null,
    det: detPoints(scores, options.detMaxPoints),
    verdict,
    operatingPoint,
    eerThreshold: eer?.threshold ?? null,
    fnmrAtFmr: atFmr,
    failuresToAcquire: {
      genuine: counts.genuine.failuresToAcquire,
      impostor: counts.impostor.failuresToAcquire,
    },
    bootstrap,
    claim,
    subjects: set.subjects.length,
    method: {
      confidence: DEFAULT_CONFIDENCE,
      interval:
        'exact binomial (Clopper–Pearson) via beta quantiles; bootstrap over probe subjects beside it',
      scoreConvention:
        'higher score = more similar; accept when score ≥ threshold; a logged decision overrides',
      decisionRule:
        'SUPPORTED when the one-sided 95 % upper bound ≤ claim; REFUTED when the one-sided 95 % lower bound > claim; otherwise INCONCLUSIVE',
    },
  };
}
