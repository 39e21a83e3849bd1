import mt19937 from '@stdlib/random-base-mt19937';
import { DomainError } from '@app/common';
import { RECOGNITION_ERRORS } from './recognition.errors';

/** A subject-level bootstrap interval of one error rate. */
export interface BootstrapInterval {
  /** 2.5th and 97.5th percentiles of the replicate rates. */
  ci95: [number, number];
  /** 95th percentile: the one-sided upper bound. */
  upper95: number;
  /** 5th percentile: the one-sided lower bound. */
  lower95: number;
  /** Subjects with at least one completed comparison of this kind (the clusters resampled). */
  clusters: number;
}

/** Bootstrap intervals for FNMR and FMR with the settings that reproduce them. */
export interface SubjectBootstrap {
  genuine: BootstrapInterval | null;
  impostor: BootstrapInterval | null;
  replicates: number;
  seed: number;
  method: string;
}

/** Bootstrap replicates by default. */
export const DEFAULT_BOOTSTRAP_REPLICATES = 1000;
/** Bootstrap seed by default (any fixed value; this one names the standard). */
export const DEFAULT_BOOTSTRAP_SEED = 19795;

/** Linear-interpolation percentile (type 7) of an ascending array. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Resamples probe subjects with replacement (comparisons of one person are correlated, so the person, not
 * the comparison, is the unit: Schuckers) and recomputes each rate as pooled errors / pooled comparisons of
 * the drawn subjects. `perProbeSubject` holds [genuine n, genuine errors, impostor n, impostor errors] per
 * subject. Seeded MT19937, so the same input always gives the same interval.
 */
export function subjectBootstrap(
  perProbeSubject: Float64Array,
  replicates = DEFAULT_BOOTSTRAP_REPLICATES,
  seed = DEFAULT_BOOTSTRAP_SEED,
): SubjectBootstrap {
  if (!Number.isInteger(replicates) || replicates < 1) {
    throw new DomainError(
      RECOGNITION_ERRORS.BAD_ARGUMENT,
      `bootstrap replicates must be ≥ 1, got ${replicates}`,
    );
  }
  if (!Number.isInteger(seed) || seed < 1 || seed > 0xffffffff) {
    throw new DomainError(
      RECOGNITION_ERRORS.BAD_ARGUMENT,
      `bootstrap seed must be an integer in [1, 2^32), got ${seed}`,
    );
  }
  const random = mt19937.factory({ seed });
  const interval = (offset: number): BootstrapInterval | null => {
    const clusters: number[] = [];
    for (let s = 0; s * 4 < perProbeSubject.length; s++) {
      if (perProbeSubject[s * 4 + offset] > 0) clusters.push(s);
    }
    if (clusters.length === 0) return null;
    const n = new Float64Array(clusters.map((s) => perProbeSubject[s * 4 + offset]));
    const e = new Float64Array(clusters.map((s) => perProbeSubject[s * 4 + offset + 1]));
    const rates = new Float64Array(replicates);
    const k = clusters.length;
    for (let r = 0; r < replicates; r++) {
      let sumN = 0;
      let sumE = 0;
      for (let d = 0; d < k; d++) {
        // random() is uniform on [0, 2^32 − 1]; scaling keeps every cluster equally likely.
        const c = Math.floor((random() / 4294967296) * k);
        sumN += n[c];
        sumE += e[c];
      }
      rates[r] = sumE / sumN;
    }
    rates.sort();
    return {
      ci95: [percentile(rates, 0.025), percentile(rates, 0.975)],
      upper95: percentile(rates, 0.95),
      lower95: percentile(rates, 0.05),
      clusters: k,
    };
  };
  return {
    genuine: interval(0),
    impostor: interval(2),
    replicates,
    seed,
    method: 'percentile bootstrap over probe subjects (clusters), pooled rate per replicate',
  };
}
