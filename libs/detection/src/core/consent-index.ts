import {
  birthdayInstant,
  DomainError,
  FINDING_REASONS,
  isValidTimeZone,
  MINOR_AGE_YEARS,
  PURPOSES,
  type CapturePurpose,
  type ConsentMethod,
  type FindingReason,
} from '@app/common';
import type {
  CoverageCapture,
  CoverageConsent,
  CoveredVerdict,
  FindingVerdict,
  Verdict,
} from './coverage.types';

/** The one covered verdict; callers may compare by identity. */
export const COVERED: CoveredVerdict = Object.freeze({ covered: true });

const NO_CONSENT: FindingVerdict = Object.freeze({
  covered: false,
  reason: 'NO_CONSENT',
  consentIds: Object.freeze([]),
});

/**
 * Index of a step in FINDING_REASONS. A record's "first failing step" is the index of the reason that
 * eliminates it; a record that survives every step covers the capture at once.
 */
const AFTER_CAPTURE = 1;
const WITHDRAWN = 2;
const EXPIRED = 3;
const PURPOSE = 4;
const NOT_SEPARATE = 5;
const MINOR = 6;

/** Bit of each purpose; `unspecified` (and anything unknown) has no bit, so no consent covers it. */
const PURPOSE_BITS: ReadonlyMap<string, number> = new Map(PURPOSES.map((p, i) => [p, 1 << i]));

/** Bit mask of a purpose list (bit i = PURPOSES[i]). */
export function purposeMask(purposes: readonly string[]): number {
  let mask = 0;
  for (const p of purposes) mask |= PURPOSE_BITS.get(p) ?? 0;
  return mask;
}

/** True for a consent that can be separate consent to biometric processing (PIPL art. 29). */
function isExplicitMethod(method: ConsentMethod): boolean {
  return method === 'written' || method === 'electronic';
}

/**
 * A subject's consent records in columns, so that evaluating a capture touches only typed arrays.
 * Absent withdrawal/expiry is +Infinity, which makes "not withdrawn by t" a single comparison.
 */
interface SubjectConsents {
  readonly ids: readonly number[];
  readonly givenAt: Float64Array;
  readonly withdrawnAt: Float64Array;
  readonly expiresAt: Float64Array;
  readonly purposes: Int32Array;
  /** 1 = separate and written/electronic. */
  readonly explicit: Uint8Array;
  readonly guardian: Uint8Array;
  /** The subject is under 14 strictly before this instant (-Infinity when no birth date is known). */
  readonly minorUntil: number;
  /** Finding verdicts already built for this subject, keyed by step and mask of decisive records. */
  readonly verdicts: Map<number, FindingVerdict>;
}

/**
 * Records per subject beyond which verdicts are not cached: the cache key packs the decisive-record mask
 * and the step (3 bits) into a small integer (< 2^30), which V8 hashes without allocating.
 */
const MAX_CACHED_RECORDS = 27;
const STEP_SPAN = 8;

/**
 * The consent records of one firm, indexed by subject, answering for each capture whether some record
 * covers it and, when none does, why (the consent-coverage rule of docs/detection.md).
 */
export class ConsentIndex {
  private readonly bySubject = new Map<string, SubjectConsents>();
  private readonly scratch: Int32Array;

  constructor(consents: Iterable<CoverageConsent>, firmTimezone: string) {
    if (!isValidTimeZone(firmTimezone)) {
      throw new DomainError('DETECTION.BAD_TIMEZONE', `unknown time zone "${firmTimezone}"`, {
        timezone: firmTimezone,
      });
    }
    const grouped = new Map<string, CoverageConsent[]>();
    for (const c of consents) {
      const list = grouped.get(c.subjectRef);
      if (list) list.push(c);
      else grouped.set(c.subjectRef, [c]);
    }
    let widest = 0;
    for (const [subjectRef, list] of grouped) {
      if (subjectRef === '') continue;
      list.sort((a, b) => a.id - b.id);
      this.bySubject.set(subjectRef, columns(list, firmTimezone));
      widest = Math.max(widest, list.length);
    }
    this.scratch = new Int32Array(widest);
  }

  /** Number of identified subjects with at least one consent record. */
  get subjectCount(): number {
    return this.bySubject.size;
  }

  /**
   * Decides one capture. Finding verdicts are shared between captures with the same subject, reason and
   * decisive records, so the hot loop allocates nothing once a subject's outcomes have been seen.
   */
  evaluate(capture: CoverageCapture): Verdict {
    const ref = capture.subjectRef;
    if (ref === null || ref === '') return NO_CONSENT;
    const s = this.bySubject.get(ref);
    if (s === undefined) return NO_CONSENT;
    return this.decide(s, capture.occurredAt, purposeMaskOf(capture.purpose));
  }

  private decide(s: SubjectConsents, t: number, purposeBit: number): Verdict {
    const n = s.ids.length;
    const minor = t < s.minorUntil;
    const fails = this.scratch;
    // The reason is the step that eliminated the last candidates, i.e. the latest first-failing step.
    let worst = 0;
    for (let i = 0; i < n; i++) {
      let f: number;
      if (s.givenAt[i] > t) f = AFTER_CAPTURE;
      else if (s.withdrawnAt[i] <= t) f = WITHDRAWN;
      else if (s.expiresAt[i] <= t) f = EXPIRED;
      else if ((s.purposes[i] & purposeBit) === 0) f = PURPOSE;
      else if (s.explicit[i] === 0) f = NOT_SEPARATE;
      else if (minor && s.guardian[i] === 0) f = MINOR;
      else return COVERED;
      fails[i] = f;
      if (f > worst) worst = f;
    }
    if (n > MAX_CACHED_RECORDS) return findingVerdict(FINDING_REASONS[worst], decisiveIds(s, fails, worst));
    let mask = 0;
    for (let i = 0; i < n; i++) if (fails[i] === worst) mask |= 1 << i;
    const key = mask * STEP_SPAN + worst;
    let verdict = s.verdicts.get(key);
    if (verdict === undefined) {
      verdict = findingVerdict(FINDING_REASONS[worst], decisiveIds(s, fails, worst));
      s.verdicts.set(key, verdict);
    }
    return verdict;
  }
}

function purposeMaskOf(purpose: CapturePurpose): number {
  return PURPOSE_BITS.get(purpose) ?? 0;
}

function decisiveIds(s: SubjectConsents, fails: Int32Array, worst: number): number[] {
  const ids: number[] = [];
  for (let i = 0; i < s.ids.length; i++) if (fails[i] === worst) ids.push(s.ids[i]);
  return ids;
}

function findingVerdict(reason: FindingReason, consentIds: number[]): FindingVerdict {
  return Object.freeze({ covered: false, reason, consentIds: Object.freeze(consentIds) });
}

function columns(list: readonly CoverageConsent[], zone: string): SubjectConsents {
  const n = list.length;
  const s = {
    ids: list.map((c) => c.id),
    givenAt: new Float64Array(n),
    withdrawnAt: new Float64Array(n),
    expiresAt: new Float64Array(n),
    purposes: new Int32Array(n),
    explicit: new Uint8Array(n),
    guardian: new Uint8Array(n),
    minorUntil: Number.NEGATIVE_INFINITY,
    verdicts: new Map<number, FindingVerdict>(),
  };
  for (let i = 0; i < n; i++) {
    const c = list[i];
    s.givenAt[i] = c.givenAt;
    s.withdrawnAt[i] = c.withdrawnAt ?? Number.POSITIVE_INFINITY;
    s.expiresAt[i] = c.expiresAt ?? Number.POSITIVE_INFINITY;
    s.purposes[i] = purposeMask(c.purposes);
    s.explicit[i] = c.separateConsent && isExplicitMethod(c.method) ? 1 : 0;
    s.guardian[i] = c.guardianConsent ? 1 : 0;
    if (c.subjectBirthDate !== null) {
      const turns14 = birthdayInstant(c.subjectBirthDate, MINOR_AGE_YEARS, zone);
      if (turns14 === null) {
        throw new DomainError(
          'DETECTION.BAD_BIRTH_DATE',
          `consent ${c.id} has an invalid subjectBirthDate "${c.subjectBirthDate}"`,
          { consentId: c.id, subjectBirthDate: c.subjectBirthDate },
        );
      }
      // Any record saying the subject is still under 14 makes them a minor (the protective reading).
      if (turns14 > s.minorUntil) s.minorUntil = turns14;
    }
  }
  return s;
}
