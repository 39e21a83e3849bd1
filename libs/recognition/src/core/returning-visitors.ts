import { DomainError } from '@app/common';
import { RateBlock } from './analyse-comparisons';
import { clopperPearson, lowerBound, upperBound } from './binomial';
import { RECOGNITION_ERRORS } from './recognition.errors';
import { cosineSimilarity } from './similarity';

/** A snapshot attached to a capture event, with the person id the device gave it. */
export interface VisitorSnapshot {
  /** The device's "same returning visitor" id. */
  visitorId: string;
  /** Anything that identifies the snapshot in the report (file path, event id). */
  ref: string;
}

/** Distinct people among the snapshots when faces are linked at `threshold` (single linkage). */
export interface PeopleEstimate {
  threshold: number;
  people: number;
}

/** Re-scoring of a device's "returning visitor" links and the estimated number of distinct people. */
export interface ReturningVisitorsResult {
  snapshots: number;
  /** Distinct ids the device assigned. */
  declaredVisitors: number;
  /** Snapshot pairs the device declared the same person, re-scored: `errors` = pairs scoring below the threshold. */
  declaredSamePairs: RateBlock;
  /** Declared-same pairs the engine could not score (a snapshot without a face). */
  unscoredPairs: number;
  /** Snapshots without a detectable face; each may or may not be a further person. */
  failuresToAcquire: string[];
  /** Single-linkage estimate at the threshold, and at the lenient and strict ends of the range when given. */
  estimate: PeopleEstimate;
  range: { lenient: PeopleEstimate; strict: PeopleEstimate } | null;
  /** Device ids whose snapshots split into more than one person at the threshold. */
  splitVisitors: { visitorId: string; snapshots: number; people: number }[];
  method: string;
}

/** Union–find over snapshot indices. */
class Components {
  private readonly parent: Int32Array;
  count: number;

  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
    this.count = n;
  }

  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) {
      this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
      this.count--;
    }
  }
}

function peopleAt(scores: Float64Array, n: number, faces: number[], threshold: number): Components {
  const components = new Components(n);
  for (let a = 0; a < faces.length; a++) {
    for (let b = a + 1; b < faces.length; b++) {
      if (scores[a * faces.length + b] >= threshold) components.union(faces[a], faces[b]);
    }
  }
  return components;
}

/**
 * Re-scores the snapshot pairs a device declared to be the same returning visitor and estimates how many
 * distinct people the snapshots show: faces are linked when their score reaches the threshold and people
 * are the connected components (single linkage). A lenient threshold merges people (fewer, a defensible
 * minimum for a count of affected persons); a strict one splits them (more). Snapshots without a face are
 * listed apart, not counted.
 */
export function analyseReturningVisitors(
  snapshots: readonly VisitorSnapshot[],
  embeddings: readonly (Float32Array | null)[],
  options: { threshold: number; range?: [lenient: number, strict: number] },
): ReturningVisitorsResult {
  if (snapshots.length !== embeddings.length) {
    throw new DomainError(
      RECOGNITION_ERRORS.BAD_ARGUMENT,
      'one embedding (or null) per snapshot is required',
    );
  }
  const { threshold, range } = options;
  if (
    !Number.isFinite(threshold) ||
    (range !== undefined && !(range[0] <= threshold && threshold <= range[1]))
  ) {
    throw new DomainError(
      RECOGNITION_ERRORS.BAD_ARGUMENT,
      'the threshold must be finite and lie within [lenient, strict]',
    );
  }
  const n = snapshots.length;
  const faces = embeddings.map((e, i) => (e === null ? -1 : i)).filter((i) => i >= 0);
  const scores = new Float64Array(faces.length * faces.length);
  for (let a = 0; a < faces.length; a++) {
    for (let b = a + 1; b < faces.length; b++) {
      scores[a * faces.length + b] = cosineSimilarity(
        embeddings[faces[a]] as Float32Array,
        embeddings[faces[b]] as Float32Array,
      );
    }
  }
  const position = new Map(faces.map((i, k) => [i, k]));
  let pairs = 0;
  let below = 0;
  let unscored = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (snapshots[i].visitorId !== snapshots[j].visitorId) continue;
      const a = position.get(i);
      const b = position.get(j);
      if (a === undefined || b === undefined) {
        unscored++;
        continue;
      }
      pairs++;
      if (scores[a * faces.length + b] < threshold) below++;
    }
  }
  const components = peopleAt(scores, n, faces, threshold);
  const people = (c: Components): number => new Set(faces.map((i) => c.find(i))).size;
  const byVisitor = new Map<string, number[]>();
  faces.forEach((i) =>
    byVisitor.set(snapshots[i].visitorId, [...(byVisitor.get(snapshots[i].visitorId) ?? []), i]),
  );
  const splitVisitors = [...byVisitor.entries()]
    .map(([visitorId, members]) => ({
      visitorId,
      snapshots: members.length,
      people: new Set(members.map((i) => components.find(i))).size,
    }))
    .filter((v) => v.people > 1)
    .sort((a, b) => b.people - a.people || a.visitorId.localeCompare(b.visitorId));
  return {
    snapshots: n,
    declaredVisitors: new Set(snapshots.map((s) => s.visitorId)).size,
    declaredSamePairs: {
      n: pairs,
      errors: below,
      rate: pairs === 0 ? null : below / pairs,
      ci95: clopperPearson(below, pairs),
      upper95: upperBound(below, pairs),
      lower95: lowerBound(below, pairs),
    },
    unscoredPairs: unscored,
    failuresToAcquire: snapshots.filter((_, i) => embeddings[i] === null).map((s) => s.ref),
    estimate: { threshold, people: people(components) },
    range:
      range === undefined
        ? null
        : {
            lenient: { threshold: range[0], people: people(peopleAt(scores, n, faces, range[0])) },
            strict: { threshold: range[1], people: people(peopleAt(scores, n, faces, range[1])) },
          },
    splitVisitors,
    method:
      'cosine scores of all snapshot pairs; people = connected components of pairs scoring ≥ threshold (single linkage)',
  };
}
