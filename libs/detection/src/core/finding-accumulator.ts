import {
  DomainError,
  FINDING_REASONS,
  PURPOSES,
  UNSPECIFIED_PURPOSE,
  type CapturePurpose,
  type FindingReason,
} from '@app/common';
import type { CoverageCapture, FindingVerdict, Verdict } from './coverage.types';

/**
 * Captures lacking valid consent, grouped: one finding per subject, device, purpose, reason and set of
 * decisive consent records. A group is what a case file cites as one fact ("person X was captured n times
 * at device D between firstAt and lastAt, and consent record C did not cover it because ...").
 */
export interface CaptureFinding {
  reason: FindingReason;
  /** The law period whose rules judged these captures; a finding never spans two periods. */
  period: string;
  subjectRef: string | null;
  deviceId: string;
  purpose: CapturePurpose;
  consentIds: number[];
  /** Ascending. */
  captureIds: number[];
  captureCount: number;
  firstAt: number;
  lastAt: number;
}

/** Totals over every capture given to a FindingAccumulator. */
export interface CoverageSummary {
  capturesAudited: number;
  capturesWithoutValidConsent: number;
  /** Every reason is present, zero when it never decided a capture. */
  byReason: Record<FindingReason, number>;
  /** Distinct identified subjects with at least one capture lacking valid consent. */
  affectedSubjects: number;
  /** Captures without a subjectRef; each is also a NO_CONSENT finding. */
  unidentifiedCaptures: number;
  /** The same totals per law period with findings, in time order (the split a continuing act shows). */
  byPeriod: PeriodSummary[];
}

/** Captures lacking valid consent under one law period's rules. */
export interface PeriodSummary {
  period: string;
  /** Epoch ms of the first and last capture lacking valid consent in the period. */
  firstAt: number;
  lastAt: number;
  capturesWithoutValidConsent: number;
  /** Distinct identified subjects with a finding in the period. */
  affectedSubjects: number;
  /** Reasons that decided at least one capture in the period. */
  byReason: Partial<Record<FindingReason, number>>;
}

interface PeriodTally {
  firstAt: number;
  lastAt: number;
  count: number;
  affected: number;
  readonly byReason: Float64Array;
}

interface Group {
  readonly verdict: FindingVerdict;
  readonly reason: FindingReason;
  readonly period: string;
  readonly subjectRef: string | null;
  readonly deviceId: string;
  readonly purpose: CapturePurpose;
  readonly consentIds: readonly number[];
  /** Position in the accumulator's group list. */
  readonly index: number;
  count: number;
  firstAt: number;
  lastAt: number;
}

const REASON_ORDER: ReadonlyMap<FindingReason, number> = new Map(FINDING_REASONS.map((r, i) => [r, i]));

/** A capture's purpose as a 3-bit number (7 for anything outside the vocabulary). */
const PURPOSE_INDEX: ReadonlyMap<string, number> = new Map(
  [...PURPOSES, UNSPECIFIED_PURPOSE].map((p, i) => [p, i]),
);
const PURPOSE_SPAN = 8;
/** Distinct devices one accumulator can tell apart; far above any firm's device count. */
const DEVICE_SPAN = 2 ** 20;

/** Per-subject state: the subject's groups, keyed by a number packing verdict, device and purpose. */
interface SubjectGroups {
  affected: boolean;
  /** Law periods in which this subject already counts as affected. */
  readonly periods: Set<string>;
  /** The group this subject's previous finding went to: a time-ordered log mostly repeats it. */
  last: Group | null;
  readonly verdicts: Map<FindingVerdict, number>;
  readonly groups: Map<number, Group>;
}

/** Collects verdicts capture by capture and reports the grouped findings and the summary. */
export class FindingAccumulator {
  // Grouping is by subject, then by a small integer key (the subject's n-th verdict, device, purpose),
  // so the hot path is a few Map lookups with no string building and no heap-allocated keys. Equal
  // verdicts that are distinct objects (not from ConsentIndex) are merged in findings().
  private readonly subjects = new Map<string, SubjectGroups>();
  private readonly groups: Group[] = [];
  private readonly deviceIds = new Map<string, number>();
  private readonly counts = new Float64Array(FINDING_REASONS.length);
  private readonly periods = new Map<string, PeriodTally>();
  /** The tally of the previous finding's period: a time-ordered log stays in one period for long runs. */
  private lastPeriod: string | null = null;
  private lastTally: PeriodTally | null = null;
  // Capture ids and their groups in columns rather than one array per group: with millions of findings
  // the per-group arrays, not the lookups, were what the garbage collector spent its time on.
  private captureIds = new Float64Array(1024);
  private captureGroups = new Int32Array(1024);
  private findingCount = 0;
  private affected = 0;
  private audited = 0;
  private unidentified = 0;

  /** Records one audited capture and its verdict. */
  add(capture: CoverageCapture, verdict: Verdict): void {
    this.audited++;
    const ref = capture.subjectRef ?? '';
    if (ref === '') this.unidentified++;
    if (verdict.covered) return;
    const reasonIndex = REASON_ORDER.get(verdict.reason) ?? 0;
    this.counts[reasonIndex]++;
    const t = capture.occurredAt;
    let tally = this.lastTally;
    if (tally === null || this.lastPeriod !== verdict.period) {
      tally = this.periods.get(verdict.period) ?? null;
      if (tally === null) {
        tally = {
          firstAt: t,
          lastAt: t,
          count: 0,
          affected: 0,
          byReason: new Float64Array(FINDING_REASONS.length),
        };
        this.periods.set(verdict.period, tally);
      }
      this.lastPeriod = verdict.period;
      this.lastTally = tally;
    }
    tally.count++;
    tally.byReason[reasonIndex]++;
    if (t < tally.firstAt) tally.firstAt = t;
    if (t > tally.lastAt) tally.lastAt = t;
    let s = this.subjects.get(ref);
    if (s === undefined) {
      s = { affected: false, periods: new Set(), last: null, verdicts: new Map(), groups: new Map() };
      this.subjects.set(ref, s);
    }
    if (
      ref !== '' &&
      (s.last === null || s.last.verdict.period !== verdict.period) &&
      !s.periods.has(verdict.period)
    ) {
      s.periods.add(verdict.period);
      tally.affected++;
    }
    if (!s.affected && ref !== '') {
      s.affected = true;
      this.affected++;
    }
    let g = s.last;
    if (
      g === null ||
      g.verdict !== verdict ||
      g.deviceId !== capture.deviceId ||
      g.purpose !== capture.purpose
    ) {
      g = this.groupOf(s, ref, capture, verdict);
      s.last = g;
    }
    g.count++;
    if (capture.occurredAt < g.firstAt) g.firstAt = capture.occurredAt;
    if (capture.occurredAt > g.lastAt) g.lastAt = capture.occurredAt;
    const n = this.findingCount++;
    if (n === this.captureIds.length) this.grow();
    this.captureIds[n] = capture.id;
    this.captureGroups[n] = g.index;
  }

  private groupOf(s: SubjectGroups, ref: string, capture: CoverageCapture, verdict: FindingVerdict): Group {
    let v = s.verdicts.get(verdict);
    if (v === undefined) {
      v = s.verdicts.size;
      s.verdicts.set(verdict, v);
    }
    let device = this.deviceIds.get(capture.deviceId);
    if (device === undefined) {
      device = this.deviceIds.size;
      if (device >= DEVICE_SPAN) {
        throw new DomainError('DETECTION.TOO_MANY_DEVICES', `more than ${DEVICE_SPAN} devices in one audit`);
      }
      this.deviceIds.set(capture.deviceId, device);
    }
    const key = (v * DEVICE_SPAN + device) * PURPOSE_SPAN + (PURPOSE_INDEX.get(capture.purpose) ?? 7);
    let g = s.groups.get(key);
    if (g === undefined) {
      g = {
        verdict,
        reason: verdict.reason,
        period: verdict.period,
        subjectRef: ref === '' ? null : ref,
        deviceId: capture.deviceId,
        purpose: capture.purpose,
        consentIds: verdict.consentIds,
        index: this.groups.length,
        count: 0,
        firstAt: capture.occurredAt,
        lastAt: capture.occurredAt,
      };
      s.groups.set(key, g);
      this.groups.push(g);
    }
    return g;
  }

  /** The grouped findings, in a deterministic order (first capture time, then subject, device, purpose, reason). */
  findings(): CaptureFinding[] {
    const ids: number[][] = this.groups.map((g) => new Array<number>(g.count));
    const filled = new Int32Array(this.groups.length);
    for (let i = 0; i < this.findingCount; i++) {
      const gi = this.captureGroups[i];
      ids[gi][filled[gi]++] = this.captureIds[i];
    }
    const merged = new Map<string, CaptureFinding>();
    for (const g of this.groups) {
      const consentIds = [...g.consentIds].sort((a, b) => a - b);
      // \u0000 cannot occur in ids read from text exports, so the key is unambiguous.
      const key = `${g.subjectRef ?? ''}\u0000${g.deviceId}\u0000${g.purpose}\u0000${g.period}\u0000${g.reason}:${consentIds.join(',')}`;
      const f = merged.get(key);
      if (f === undefined) {
        merged.set(key, {
          reason: g.reason,
          period: g.period,
          subjectRef: g.subjectRef,
          deviceId: g.deviceId,
          purpose: g.purpose,
          consentIds,
          captureIds: ids[g.index],
          captureCount: 0,
          firstAt: g.firstAt,
          lastAt: g.lastAt,
        });
      } else {
        for (const id of ids[g.index]) f.captureIds.push(id);
        f.firstAt = Math.min(f.firstAt, g.firstAt);
        f.lastAt = Math.max(f.lastAt, g.lastAt);
      }
    }
    const out = [...merged.values()];
    for (const f of out) {
      f.captureIds.sort((a, b) => a - b);
      f.captureCount = f.captureIds.length;
    }
    return out.sort(compareFindings);
  }

  private grow(): void {
    this.captureIds = grow(this.captureIds, (n) => new Float64Array(n));
    this.captureGroups = grow(this.captureGroups, (n) => new Int32Array(n));
  }

  /** The totals so far. */
  summary(): CoverageSummary {
    const byReason = {} as Record<FindingReason, number>;
    let without = 0;
    FINDING_REASONS.forEach((r, i) => {
      byReason[r] = this.counts[i];
      without += this.counts[i];
    });
    const byPeriod: PeriodSummary[] = [...this.periods.entries()]
      .map(([period, t]) => {
        const reasons: Partial<Record<FindingReason, number>> = {};
        FINDING_REASONS.forEach((r, i) => {
          if (t.byReason[i] > 0) reasons[r] = t.byReason[i];
        });
        return {
          period,
          firstAt: t.firstAt,
          lastAt: t.lastAt,
          capturesWithoutValidConsent: t.count,
          affectedSubjects: t.affected,
          byReason: reasons,
        };
      })
      .sort((a, b) => a.firstAt - b.firstAt);
    return {
      capturesAudited: this.audited,
      capturesWithoutValidConsent: without,
      byReason,
      affectedSubjects: this.affected,
      unidentifiedCaptures: this.unidentified,
      byPeriod,
    };
  }
}

function grow<T extends Float64Array | Int32Array>(old: T, make: (n: number) => T): T {
  const next = make(old.length * 2);
  next.set(old);
  return next;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareFindings(a: CaptureFinding, b: CaptureFinding): number {
  return (
    a.firstAt - b.firstAt ||
    compareText(a.period, b.period) ||
    compareText(a.subjectRef ?? '', b.subjectRef ?? '') ||
    compareText(a.deviceId, b.deviceId) ||
    compareText(a.purpose, b.purpose) ||
    (REASON_ORDER.get(a.reason) ?? 0) - (REASON_ORDER.get(b.reason) ?? 0) ||
    compareText(a.consentIds.join(','), b.consentIds.join(','))
  );
}
