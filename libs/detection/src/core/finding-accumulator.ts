import { FINDING_REASONS, type CapturePurpose, type FindingReason } from '@app/common';
import type { CoverageCapture, FindingVerdict, Verdict } from './coverage.types';

/**
 * Captures lacking valid consent, grouped: one finding per subject, device, purpose, reason and set of
 * decisive consent records. A group is what a case file cites as one fact ("person X was captured n times
 * at device D between firstAt and lastAt, and consent record C did not cover it because ...").
 */
export interface CaptureFinding {
  reason: FindingReason;
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
}

interface Group {
  readonly reason: FindingReason;
  readonly subjectRef: string | null;
  readonly deviceId: string;
  readonly purpose: CapturePurpose;
  readonly consentIds: readonly number[];
  readonly verdictKey: string;
  readonly captureIds: number[];
  firstAt: number;
  lastAt: number;
}

const REASON_ORDER: ReadonlyMap<FindingReason, number> = new Map(FINDING_REASONS.map((r, i) => [r, i]));

/** Collects verdicts capture by capture and reports the grouped findings and the summary. */
export class FindingAccumulator {
  private readonly groups = new Map<string, Group>();
  private readonly verdictKeys = new WeakMap<FindingVerdict, string>();
  private readonly affected = new Set<string>();
  private readonly counts = new Float64Array(FINDING_REASONS.length);
  private audited = 0;
  private unidentified = 0;

  /** Records one audited capture and its verdict. */
  add(capture: CoverageCapture, verdict: Verdict): void {
    this.audited++;
    const ref = capture.subjectRef === '' ? null : capture.subjectRef;
    if (ref === null) this.unidentified++;
    if (verdict.covered) return;
    this.counts[REASON_ORDER.get(verdict.reason) ?? 0]++;
    if (ref !== null) this.affected.add(ref);
    const vk = this.verdictKey(verdict);
    // \u0000 cannot occur in ids read from text exports, so the key is unambiguous.
    const key = `${ref ?? ''}\u0000${capture.deviceId}\u0000${capture.purpose}\u0000${vk}`;
    const g = this.groups.get(key);
    if (g === undefined) {
      this.groups.set(key, {
        reason: verdict.reason,
        subjectRef: ref,
        deviceId: capture.deviceId,
        purpose: capture.purpose,
        consentIds: verdict.consentIds,
        verdictKey: vk,
        captureIds: [capture.id],
        firstAt: capture.occurredAt,
        lastAt: capture.occurredAt,
      });
      return;
    }
    g.captureIds.push(capture.id);
    if (capture.occurredAt < g.firstAt) g.firstAt = capture.occurredAt;
    if (capture.occurredAt > g.lastAt) g.lastAt = capture.occurredAt;
  }

  /** The grouped findings, in a deterministic order (first capture time, then subject, device, purpose, reason). */
  findings(): CaptureFinding[] {
    const out: CaptureFinding[] = [];
    for (const g of this.groups.values()) {
      const captureIds = g.captureIds.slice().sort((a, b) => a - b);
      out.push({
        reason: g.reason,
        subjectRef: g.subjectRef,
        deviceId: g.deviceId,
        purpose: g.purpose,
        consentIds: [...g.consentIds],
        captureIds,
        captureCount: captureIds.length,
        firstAt: g.firstAt,
        lastAt: g.lastAt,
      });
    }
    return out.sort(compareFindings);
  }

  /** The totals so far. */
  summary(): CoverageSummary {
    const byReason = {} as Record<FindingReason, number>;
    let without = 0;
    FINDING_REASONS.forEach((r, i) => {
      byReason[r] = this.counts[i];
      without += this.counts[i];
    });
    return {
      capturesAudited: this.audited,
      capturesWithoutValidConsent: without,
      byReason,
      affectedSubjects: this.affected.size,
      unidentifiedCaptures: this.unidentified,
    };
  }

  private verdictKey(v: FindingVerdict): string {
    let k = this.verdictKeys.get(v);
    if (k === undefined) {
      k = `${v.reason}:${[...v.consentIds].sort((a, b) => a - b).join(',')}`;
      this.verdictKeys.set(v, k);
    }
    return k;
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareFindings(a: CaptureFinding, b: CaptureFinding): number {
  return (
    a.firstAt - b.firstAt ||
    compareText(a.subjectRef ?? '', b.subjectRef ?? '') ||
    compareText(a.deviceId, b.deviceId) ||
    compareText(a.purpose, b.purpose) ||
    (REASON_ORDER.get(a.reason) ?? 0) - (REASON_ORDER.get(b.reason) ?? 0) ||
    compareText(a.consentIds.join(','), b.consentIds.join(','))
  );
}
