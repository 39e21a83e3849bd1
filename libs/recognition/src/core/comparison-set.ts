import { DomainError } from '@app/common';
import { RECOGNITION_ERRORS } from './recognition.errors';

/** The device's own decision on a comparison, when it logged one; it overrides any threshold. */
export type ComparisonDecision = 'accept' | 'reject';

/** Decision codes stored in ComparisonSet.decision. */
export const DECISION_NONE = 0;
export const DECISION_ACCEPT = 1;
export const DECISION_REJECT = 2;

/**
 * A columnar set of comparisons (probe subject, reference subject, score, decision) held in typed arrays so
 * that tens of millions of rows fit in memory and sweep in one pass. A missing score is NaN; a comparison
 * with neither score nor decision is a failure to acquire.
 */
export class ComparisonSet {
  constructor(
    /** Subject labels; `probe` and `reference` index into this list. */
    readonly subjects: readonly string[],
    readonly probe: Int32Array,
    readonly reference: Int32Array,
    readonly score: Float64Array,
    /** DECISION_NONE, DECISION_ACCEPT or DECISION_REJECT per comparison. */
    readonly decision: Uint8Array,
  ) {
    const n = probe.length;
    if (reference.length !== n || score.length !== n || decision.length !== n) {
      throw new DomainError(RECOGNITION_ERRORS.BAD_ARGUMENT, 'comparison columns differ in length');
    }
  }

  get size(): number {
    return this.probe.length;
  }

  /** Mated (genuine) comparison: the same person on both sides. */
  isGenuine(i: number): boolean {
    return this.probe[i] === this.reference[i];
  }
}

/** Accumulates comparisons row by row into growable typed arrays, interning subject labels. */
export class ComparisonSetBuilder {
  private readonly subjectIndex = new Map<string, number>();
  private readonly subjects: string[] = [];
  private probe = new Int32Array(1024);
  private reference = new Int32Array(1024);
  private score = new Float64Array(1024);
  private decision = new Uint8Array(1024);
  private count = 0;

  /** Adds one comparison; `score` may be NaN when the device logged only a decision or nothing at all. */
  add(probeSubject: string, referenceSubject: string, score: number, decision?: ComparisonDecision): this {
    if (this.count === this.probe.length) this.grow();
    const i = this.count++;
    this.probe[i] = this.intern(probeSubject);
    this.reference[i] = this.intern(referenceSubject);
    this.score[i] = score;
    this.decision[i] =
      decision === 'accept' ? DECISION_ACCEPT : decision === 'reject' ? DECISION_REJECT : DECISION_NONE;
    return this;
  }

  get size(): number {
    return this.count;
  }

  /** Freezes the rows added so far into a ComparisonSet (the arrays are trimmed copies). */
  build(): ComparisonSet {
    const n = this.count;
    return new ComparisonSet(
      [...this.subjects],
      this.probe.slice(0, n),
      this.reference.slice(0, n),
      this.score.slice(0, n),
      this.decision.slice(0, n),
    );
  }

  private intern(label: string): number {
    let index = this.subjectIndex.get(label);
    if (index === undefined) {
      index = this.subjects.length;
      this.subjects.push(label);
      this.subjectIndex.set(label, index);
    }
    return index;
  }

  private grow(): void {
    const capacity = this.probe.length * 2;
    const probe = new Int32Array(capacity);
    probe.set(this.probe);
    const reference = new Int32Array(capacity);
    reference.set(this.reference);
    const score = new Float64Array(capacity);
    score.set(this.score);
    const decision = new Uint8Array(capacity);
    decision.set(this.decision);
    this.probe = probe;
    this.reference = reference;
    this.score = score;
    this.decision = decision;
  }
}
