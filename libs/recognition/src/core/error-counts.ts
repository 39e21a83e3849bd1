import { DomainError } from '@app/common';
import { ComparisonSet, DECISION_ACCEPT, DECISION_NONE } from './comparison-set';
import { RECOGNITION_ERRORS } from './recognition.errors';

/** Completed comparisons of one kind (genuine or impostor), the errors among them, and failures to acquire. */
export interface ClassCounts {
  /** Completed comparisons: they have a score or a decision. */
  n: number;
  /** False non-matches (genuine) or false matches (impostor). */
  errors: number;
  /** Comparisons with neither score nor decision: excluded from n, reported beside it (ISO/IEC 19795-1). */
  failuresToAcquire: number;
}

/** Error counts at one operating point, overall and per probe subject (the clusters of the bootstrap). */
export interface ErrorCounts {
  genuine: ClassCounts;
  impostor: ClassCounts;
  /** Per probe subject s: [genuine n, genuine errors, impostor n, impostor errors] at 4s … 4s+3. */
  perProbeSubject: Float64Array;
}

/**
 * Counts errors at `threshold`: a genuine comparison errs when its score is below the threshold, an
 * impostor one when its score is at or above it; a logged decision overrides the threshold. With a null
 * threshold every completed comparison must carry a decision (the device's own operating point).
 */
export function countErrors(set: ComparisonSet, threshold: number | null): ErrorCounts {
  const genuine: ClassCounts = { n: 0, errors: 0, failuresToAcquire: 0 };
  const impostor: ClassCounts = { n: 0, errors: 0, failuresToAcquire: 0 };
  const perProbeSubject = new Float64Array(set.subjects.length * 4);
  const { probe, reference, score, decision } = set;
  for (let i = 0; i < probe.length; i++) {
    const mated = probe[i] === reference[i];
    const counts = mated ? genuine : impostor;
    const d = decision[i];
    const s = score[i];
    let accepted: boolean;
    if (d !== DECISION_NONE) {
      accepted = d === DECISION_ACCEPT;
    } else if (Number.isNaN(s)) {
      counts.failuresToAcquire++;
      continue;
    } else if (threshold === null) {
      throw new DomainError(
        RECOGNITION_ERRORS.CLAIM_NEEDS_OPERATING_POINT,
        'a comparison has a score but no decision, and no threshold was given',
        { row: i },
      );
    } else {
      accepted = s >= threshold;
    }
    const error = mated ? !accepted : accepted;
    counts.n++;
    const base = probe[i] * 4 + (mated ? 0 : 2);
    perProbeSubject[base]++;
    if (error) {
      counts.errors++;
      perProbeSubject[base + 1]++;
    }
  }
  return { genuine, impostor, perProbeSubject };
}

/** True when every completed comparison carries the device's decision, so no threshold is needed. */
export function allDecided(set: ComparisonSet): boolean {
  for (let i = 0; i < set.size; i++) {
    if (set.decision[i] === DECISION_NONE && !Number.isNaN(set.score[i])) return false;
  }
  return true;
}
