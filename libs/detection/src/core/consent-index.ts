import {
  birthdayInstant,
  DomainError,
  FINDING_REASONS,
  isValidTimeZone,
  PURPOSES,
  type CapturePurpose,
  type ConsentMethod,
  type FindingReason,
} from '@app/common';
import type {
  CoverageCapture,
  CoverageConsent,
  CoverageLaw,
  CoveredVerdict,
  FindingVerdict,
  Verdict,
} from './coverage.types';

/** The one covered verdict; callers may compare by identity. */
export const COVERED: CoveredVerdict = Object.freeze({ covered: true });

/**
 * Index of a step in FINDING_REASONS. A record's "first failing step" is the index of the reason that
 * eliminates it; a record that survives every step covers the capture at once.
 */
const AFTER_CAPTURE = 1;
const WITHDRAWN = 2;
const EXPIRED = 3;
const PURPOSE = 4;
const NOT_EXPRESSED = 5;
const NOT_SEPARATE = 6;
const MINOR = 7;

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

/** A notice the person was merely shown is no consent under any law (CRPL art. 29, PIPL art. 14). */
function isExpressedMethod(method: ConsentMethod): boolean {
  return method !== 'notice_only';
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
  /** 1 = the person expressed consent (anything but a notice). */
  readonly expressed: Uint8Array;
  /** 1 = separate and written/electronic. */
  readonly explicit: Uint8Array;
  readonly guardian: Uint8Array;
  /** The subject is under 14 strictly before this instant (-Infinity when no birth date is known). */
  readonly minorUntil: number;
  /** Finding verdicts already built for this subject, keyed by period, step and mask of decisive records. */
  readonly verdicts: Map<number, FindingVerdict>;
}

/**
 * Records per subject beyond which verdicts are not cached: the cache key packs the decisive-record mask,
 * the step (3 bits) and the law period (3 bits) into a small integer (< 2^30), which V8 hashes without
 * allocating.
 */
const MAX_CACHED_RECORDS = 24;
const STEP_SPAN = 8;
const PERIOD_SPAN = 8;

/**
 * The consent records of one firm, indexed by subject, answering for each capture whether some record
 * covers it and, when none does, why (the consent-coverage rule of docs/detection.md).
 */
export class ConsentIndex {
  private readonly bySubject = new Map<string, SubjectConsents>();
  private readonly scratch: Int32Array;
  private readonly periodStarts: Float64Array;
  private readonly periodIds: readonly string[];
  private readonly consentRequired: Uint8Array;
  private readonly separateRequired: Uint8Array;
  private readonly guardianRequired: Uint8Array;
  /** The NO_CONSENT verdict of each period, shared by every capture it decides. */
  private readonly noConsent: readonly FindingVerdict[];
  private lastPeriod = 0;

  constructor(consents: Iterable<CoverageConsent>, firmTimezone: string, law: CoverageLaw) {
    if (!isValidTimeZone(firmTimezone)) {
      throw new DomainError('DETECTION.BAD_TIMEZONE', `unknown time zone "${firmTimezone}"`, {
        timezone: firmTimezone,
      });
    }
    const periods = law.periods;
    if (periods.length === 0 || periods.length > PERIOD_SPAN) {
      throw new DomainError('DETECTION.BAD_LAW', `the law must have 1 to ${PERIOD_SPAN} periods`, {
        periods: periods.length,
      });
    }
    for (let i = 1; i < periods.length; i++) {
      if (!(periods[i].fromMs > periods[i - 1].fromMs)) {
        throw new DomainError('DETECTION.BAD_LAW', 'law periods must start in increasing order', {
          period: periods[i].id,
        });
      }
    }
    this.periodStarts = Float64Array.from(periods.map((p) => p.fromMs));
    this.periodIds = periods.map((p) => p.id);
    this.consentRequired = Uint8Array.from(periods.map((p) => (p.consentRequired ? 1 : 0)));
    this.separateRequired = Uint8Array.from(periods.map((p) => (p.separateConsent ? 1 : 0)));
    this.guardianRequired = Uint8Array.from(periods.map((p) => (p.guardianConsent ? 1 : 0)));
    this.noConsent = periods.map((p) => findingVerdict('NO_CONSENT', [], p.id));
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
      this.bySubject.set(subjectRef, columns(list, firmTimezone, law.guardianConsentAge));
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
    const t = capture.occurredAt;
    const p = this.periodAt(t);
    if (this.consentRequired[p] === 0) return COVERED;
    const ref = capture.subjectRef;
    if (ref === null || ref === '') return this.noConsent[p];
    const s = this.bySubject.get(ref);
    if (s === undefined) return this.noConsent[p];
    return this.decide(s, t, purposeMaskOf(capture.purpose), p);
  }

  /** The law period in force at `t`: the last one started by then (the first one for earlier instants). */
  private periodAt(t: number): number {
    // Logs are mostly in time order: the previous capture's period is the first guess.
    const starts = this.periodStarts;
    const last = this.lastPeriod;
    if (t >= starts[last] && (last + 1 === starts.length || t < starts[last + 1])) return last;
    let p = starts.length - 1;
    while (p > 0 && t < starts[p]) p--;
    this.lastPeriod = p;
    return p;
  }

  private decide(s: SubjectConsents, t: number, purposeBit: number, p: number): Verdict {
    const n = s.ids.length;
    const separate = this.separateRequired[p] === 1;
    const minor = this.guardianRequired[p] === 1 && t < s.minorUntil;
    const period = this.periodIds[p];
    const fails = this.scratch;
    // The reason is the step that eliminated the last candidates, i.e. the latest first-failing step.
    let worst = 0;
    for (let i = 0; i < n; i++) {
      let f: number;
      if (s.givenAt[i] > t) f = AFTER_CAPTURE;
      else if (s.withdrawnAt[i] <= t) f = WITHDRAWN;
      else if (s.expiresAt[i] <= t) f = EXPIRED;
      else if ((s.purposes[i] & purposeBit) === 0) f = PURPOSE;
      else if (s.expressed[i] === 0) f = NOT_EXPRESSED;
      else if (separate && s.explicit[i] === 0) f = NOT_SEPARATE;
      else if (minor && s.guardian[i] === 0) f = MINOR;
      else return COVERED;
      fails[i] = f;
      if (f > worst) worst = f;
    }
    if (n > MAX_CACHED_RECORDS) {
      return findingVerdict(FINDING_REASONS[worst], decisiveIds(s, fails, worst), period);
    }
    let mask = 0;
    for (let i = 0; i < n; i++) if (fails[i] === worst) mask |= 1 << i;
    const key = (mask * STEP_SPAN + worst) * PERIOD_SPAN + p;
    let verdict = s.verdicts.get(key);
    if (verdict === undefined) {
      verdict = findingVerdict(FINDING_REASONS[worst], decisiveIds(s, fails, worst), period);
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

function findingVerdict(reason: FindingReason, consentIds: number[], period: string): FindingVerdict {
  return Object.freeze({ covered: false, reason, consentIds: Object.freeze(consentIds), period });
}

function columns(list: readonly CoverageConsent[], zone: string, minorAge: number): SubjectConsents {
  const n = list.length;
  const s = {
    ids: list.map((c) => c.id),
    givenAt: new Float64Array(n),
    withdrawnAt: new Float64Array(n),
    expiresAt: new Float64Array(n),
    purposes: new Int32Array(n),
    expressed: new Uint8Array(n),
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
    s.expressed[i] = isExpressedMethod(c.method) ? 1 : 0;
    s.explicit[i] = c.separateConsent && isExplicitMethod(c.method) ? 1 : 0;
    s.guardian[i] = c.guardianConsent ? 1 : 0;
    if (c.subjectBirthDate !== null) {
      const turns14 = birthdayInstant(c.subjectBirthDate, minorAge, zone);
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
