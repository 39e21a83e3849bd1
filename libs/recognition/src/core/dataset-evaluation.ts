import mt19937 from '@stdlib/random-base-mt19937';
import { DomainError } from '@app/common';
import { ComparisonsReport, RateBlock, analyseComparisons } from './analyse-comparisons';
import { trialsNeeded } from './binomial';
import { Claim } from './claim';
import { ComparisonSet } from './comparison-set';
import { DatasetImage } from './dataset-manifest';
import { fnmrAtFmr, sortedScores } from './det';
import { RECOGNITION_ERRORS } from './recognition.errors';
import { cosineSimilarity } from './similarity';
import { Verdict } from './verdict';

/** NIST FRVT 6A/6B conditions: no masks; masked probe against unmasked reference; both masked. */
export const CONDITIONS = ['unmasked', 'masked-probe', 'both-masked'] as const;
export type Condition = (typeof CONDITIONS)[number];

/** Embeddings of one image: of the image as captured and of its masked version (synthetic or real). */
export interface ImageEmbeddings {
  unmasked: Float32Array | null;
  masked: Float32Array | null;
}

/** How pairs are formed; impostor pairs are sampled (seeded) only when there are more than the cap. */
export interface PairingOptions {
  maxImpostorPairs: number;
  seed: number;
}

/** All impostor pairs up to 2 million, then a seeded sample. */
export const DEFAULT_PAIRING: PairingOptions = { maxImpostorPairs: 2_000_000, seed: 19795 };

/** Pairs of one condition: probe and reference image indices. */
interface Pairs {
  probe: Int32Array;
  reference: Int32Array;
  impostorsSampled: boolean;
}

/**
 * Forms the pairs of a condition: all genuine pairs (different images of one subject) and all impostor
 * pairs, or a Bernoulli sample of them (MT19937, seeded) when they exceed the cap. Unmasked and both-masked
 * pairs are unordered; masked-probe pairs are ordered (each image masked once against every other unmasked).
 */
export function formPairs(
  images: readonly DatasetImage[],
  condition: Condition,
  pairing: PairingOptions,
): Pairs {
  const probeOk = (i: number): boolean => (condition === 'unmasked' ? !images[i].masked : true);
  const referenceOk = (j: number): boolean => (condition === 'both-masked' ? true : !images[j].masked);
  const ordered = condition === 'masked-probe';
  const n = images.length;
  let impostorTotal = 0;
  for (let i = 0; i < n; i++) {
    if (!probeOk(i)) continue;
    for (let j = ordered ? 0 : i + 1; j < n; j++) {
      if (i !== j && referenceOk(j) && images[i].subjectId !== images[j].subjectId) impostorTotal++;
    }
  }
  const sample = impostorTotal > pairing.maxImpostorPairs;
  const keep = pairing.maxImpostorPairs / impostorTotal;
  const random = mt19937.factory({ seed: pairing.seed });
  const probe: number[] = [];
  const reference: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!probeOk(i)) continue;
    for (let j = ordered ? 0 : i + 1; j < n; j++) {
      if (i === j || !referenceOk(j)) continue;
      const mated = images[i].subjectId === images[j].subjectId;
      if (!mated && sample && random() / 4294967296 >= keep) continue;
      probe.push(i);
      reference.push(j);
    }
  }
  return { probe: Int32Array.from(probe), reference: Int32Array.from(reference), impostorsSampled: sample };
}

function comparisonSet(
  images: readonly DatasetImage[],
  embeddings: readonly ImageEmbeddings[],
  condition: Condition,
  pairs: Pairs,
  include: (i: number) => boolean,
): ComparisonSet {
  const subjects: string[] = [];
  const subjectIndex = new Map<string, number>();
  const intern = (id: string): number => {
    let k = subjectIndex.get(id);
    if (k === undefined) {
      k = subjects.length;
      subjects.push(id);
      subjectIndex.set(id, k);
    }
    return k;
  };
  const probe: number[] = [];
  const reference: number[] = [];
  const score: number[] = [];
  for (let k = 0; k < pairs.probe.length; k++) {
    const i = pairs.probe[k];
    const j = pairs.reference[k];
    if (!include(i) || !include(j)) continue;
    const a = condition === 'unmasked' ? embeddings[i].unmasked : embeddings[i].masked;
    const b = condition === 'both-masked' ? embeddings[j].masked : embeddings[j].unmasked;
    probe.push(intern(images[i].subjectId));
    reference.push(intern(images[j].subjectId));
    score.push(a === null || b === null ? NaN : cosineSimilarity(a, b));
  }
  return new ComparisonSet(
    subjects,
    Int32Array.from(probe),
    Int32Array.from(reference),
    Float64Array.from(score),
    new Uint8Array(probe.length),
  );
}

/** Error rates of one condition within one label value (e.g. sex = F): same-stratum pairs only. */
export interface StratumResult {
  condition: Condition;
  column: string;
  value: string;
  genuine: RateBlock;
  impostor: RateBlock;
  eer: number | null;
}

/** Where the common threshold came from. */
export interface DatasetOperatingPoint {
  source: 'threshold' | 'calibrated' | 'eer';
  /** Accept when score ≥ threshold; null means accept nothing (no finite threshold met the FMR target). */
  threshold: number | null;
  /** The unmasked condition calibrates (NIST protocol); the threshold then applies to every condition. */
  calibratedOn: Condition | null;
  atFMR: number | null;
}

/** The evaluation of a dataset: one ComparisonsReport per condition, strata, and the claim's verdict. */
export interface DatasetEvaluation {
  operatingPoint: DatasetOperatingPoint;
  pairing: PairingOptions & { impostorsSampled: Record<Condition, boolean> };
  conditions: { condition: Condition; report: ComparisonsReport }[];
  strata: StratumResult[];
  /** The claim's condition (its `condition`, unmasked when it names none) and the verdict there. */
  claimCondition: Condition | null;
  verdict: Verdict | null;
}

/** Options of evaluateDataset. */
export interface DatasetEvaluationOptions {
  claim?: Claim;
  threshold?: number;
  pairing?: PairingOptions;
  bootstrapReplicates?: number;
}

function claimCondition(claim: Claim): Condition {
  const condition = claim.condition ?? 'unmasked';
  if (!(CONDITIONS as readonly string[]).includes(condition)) {
    throw new DomainError(
      RECOGNITION_ERRORS.BAD_CLAIM,
      `claim condition "${condition}" is not one the engine runs (${CONDITIONS.join(', ')})`,
      { condition },
    );
  }
  return condition as Condition;
}

/**
 * Evaluates a dataset from its images' embeddings under the three NIST mask conditions. One threshold
 * applies to all conditions: the given one, or one calibrated on unmasked impostors to the claim's FMR, or
 * the unmasked EER threshold. Strata: per label column and value, pairs with both images in the stratum.
 */
export function evaluateDataset(
  images: readonly DatasetImage[],
  embeddings: readonly ImageEmbeddings[],
  options: DatasetEvaluationOptions = {},
): DatasetEvaluation {
  if (images.length !== embeddings.length) {
    throw new DomainError(RECOGNITION_ERRORS.BAD_ARGUMENT, 'one embedding pair per image is required');
  }
  const pairing = options.pairing ?? DEFAULT_PAIRING;
  const claim = options.claim ?? null;
  const target = claim === null ? null : claimCondition(claim);
  const all = (): boolean => true;
  const pairs = Object.fromEntries(CONDITIONS.map((c) => [c, formPairs(images, c, pairing)])) as Record<
    Condition,
    Pairs
  >;
  const sets = Object.fromEntries(
    CONDITIONS.map((c) => [c, comparisonSet(images, embeddings, c, pairs[c], all)]),
  ) as Record<Condition, ComparisonSet>;

  let operatingPoint: DatasetOperatingPoint;
  let calibration:
    | { threshold: number; atFMR: number; impostors: number; impostorsNeeded: number | null }
    | undefined;
  const unmaskedScores = sortedScores(sets.unmasked);
  if (options.threshold !== undefined) {
    operatingPoint = { source: 'threshold', threshold: options.threshold, calibratedOn: null, atFMR: null };
  } else if (claim?.atFMR != null) {
    const [point] = fnmrAtFmr(unmaskedScores, [claim.atFMR]);
    if (point === undefined) {
      throw new DomainError(
        RECOGNITION_ERRORS.NO_COMPARISONS,
        'calibration needs scored unmasked genuine and impostor pairs',
      );
    }
    calibration = {
      threshold: point.threshold ?? Infinity,
      atFMR: claim.atFMR,
      impostors: unmaskedScores.impostor.length,
      impostorsNeeded: trialsNeeded(claim.atFMR, 0),
    };
    operatingPoint = {
      source: 'calibrated',
      threshold: point.threshold,
      calibratedOn: 'unmasked',
      atFMR: claim.atFMR,
    };
  } else {
    const eer = analyseComparisons(sets.unmasked, { bootstrapReplicates: 1 }).eerThreshold;
    if (eer === null) {
      throw new DomainError(
        RECOGNITION_ERRORS.NO_COMPARISONS,
        'the unmasked condition has no scored genuine and impostor pairs',
      );
    }
    operatingPoint = { source: 'eer', threshold: eer, calibratedOn: 'unmasked', atFMR: null };
  }
  const threshold = operatingPoint.threshold ?? Infinity;
  const analyse = (set: ComparisonSet, withClaim: boolean): ComparisonsReport =>
    analyseComparisons(set, {
      ...(calibration !== undefined ? { calibration } : { threshold }),
      claim: withClaim && claim !== null ? claim : undefined,
      bootstrapReplicates: options.bootstrapReplicates,
    });

  const conditions = CONDITIONS.map((condition) => ({
    condition,
    report: analyse(sets[condition], condition === target),
  }));
  const strata: StratumResult[] = [];
  const columns = [...new Set(images.flatMap((image) => Object.keys(image.labels)))].sort();
  for (const column of columns) {
    const values = [
      ...new Set(images.map((image) => image.labels[column]).filter((v): v is string => v !== undefined)),
    ].sort();
    for (const value of values) {
      for (const condition of CONDITIONS) {
        const set = comparisonSet(
          images,
          embeddings,
          condition,
          pairs[condition],
          (i) => images[i].labels[column] === value,
        );
        if (set.size === 0) continue;
        const report = analyse(set, false);
        strata.push({
          condition,
          column,
          value,
          genuine: report.genuine,
          impostor: report.impostor,
          eer: report.eer,
        });
      }
    }
  }
  return {
    operatingPoint,
    pairing: {
      ...pairing,
      impostorsSampled: Object.fromEntries(CONDITIONS.map((c) => [c, pairs[c].impostorsSampled])) as Record<
        Condition,
        boolean
      >,
    },
    conditions,
    strata,
    claimCondition: target,
    verdict: conditions.find((c) => c.condition === target)?.report.verdict ?? null,
  };
}
