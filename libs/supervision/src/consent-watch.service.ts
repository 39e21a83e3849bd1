import { Injectable } from '@nestjs/common';
import { Clock, formatInstant } from '@app/common';
import { ConsentIndex, resolvePurpose } from '@app/detection';
import { consentLawSchedule } from '@app/law';
import {
  AuditRepository,
  FirmNoticeRepository,
  IngestBatchRepository,
  RegistryRepository,
} from '@app/persistence';
import {
  endedConsentNotices,
  endedConsentOf,
  type CaptureAfterEnd,
  type EndedConsentNotice,
} from './core/ended-consent-notices';
import type { SupervisionResult, SupervisionTarget } from './job-result';
import { SUPERVISION_ERRORS, SupervisionError } from './supervision.errors';

/** The firm a consent watch runs for. */
export type ConsentWatchData = {
  creditCode: string;
};

/**
 * Consent watch: a consent that was withdrawn or expired while the firm's terminals kept capturing the same
 * subject. Subjects are matched as the audit matches them — by the stored subject reference (the firm's own
 * reference, or its pseudonym when it is a personal identifier: the same person has the same pseudonym) — and
 * every capture after the end is judged by the detection core (one path): only a capture no other consent
 * covers, and that the core blames on the withdrawal or expiry, counts. Each consent and month of such captures
 * is one notice to the firm's account and a note on its page, once (`uq_firm_notice_consent_period`).
 */
@Injectable()
export class ConsentWatch {
  constructor(
    private readonly clock: Clock,
    private readonly registry: RegistryRepository,
    private readonly batches: IngestBatchRepository,
    private readonly evidence: AuditRepository,
    private readonly notices: FirmNoticeRepository,
  ) {}

  /** One target per firm holding a consent that has ended, keyed by its credit code. */
  async targets(): Promise<SupervisionTarget<ConsentWatchData>[]> {
    const firms = await this.notices.firmsWithEndedConsents(this.clock.now());
    return firms.map((f) => ({ key: f.creditCode, data: { creditCode: f.creditCode } }));
  }

  async run(data: ConsentWatchData): Promise<SupervisionResult> {
    const firm = await this.registry.findFirm(data.creditCode);
    if (!firm) {
      throw new SupervisionError(SUPERVISION_ERRORS.FIRM_NOT_FOUND, `no registered firm ${data.creditCode}`, {
        creditCode: data.creditCode,
      });
    }
    const now = this.clock.now();
    const evidenceIds = (await this.batches.completedOf(firm.id))
      .filter((b) => b.kind === 'captures' || b.kind === 'consents')
      .map((b) => b.id);
    const consents = await this.evidence.consents(firm.id, evidenceIds);
    const endedBy = (c: { withdrawnAt: number | null; expiresAt: number | null }) =>
      Math.min(c.withdrawnAt ?? Infinity, c.expiresAt ?? Infinity);
    const ended = consents.filter((c) => endedBy(c) <= now.getTime());
    if (ended.length === 0) {
      return { summary: { firm: firm.creditCode, skipped: 'no consent has been withdrawn or expired' } };
    }
    const endedSubjects = new Set(ended.map((c) => c.subjectRef));
    const byId = new Map(consents.map((c) => [c.id, c]));
    const index = new ConsentIndex(consents, firm.timezone, consentLawSchedule());
    const registered = await this.registry.devicesOf(firm.id);
    const afterEnd: CaptureAfterEnd[] = [];
    for await (const page of this.evidence.captures(firm.id, evidenceIds)) {
      for (const c of page) {
        if (c.subjectRef === null || !endedSubjects.has(c.subjectRef) || c.occurredAt > now.getTime())
          continue;
        const verdict = index.evaluate({
          id: c.id,
          deviceId: c.deviceId,
          subjectRef: c.subjectRef,
          occurredAt: c.occurredAt,
          purpose: resolvePurpose(c.ownPurpose, registered.get(c.deviceId)?.profile),
        });
        if (verdict.covered) continue;
        if (verdict.reason !== 'CONSENT_WITHDRAWN' && verdict.reason !== 'CONSENT_EXPIRED') continue;
        const blamed = endedConsentOf(byId, verdict.consentIds, verdict.reason, c.occurredAt);
        if (blamed) afterEnd.push({ ...blamed, occurredAt: c.occurredAt });
      }
    }
    let fresh = 0;
    const found = endedConsentNotices(afterEnd, firm.timezone);
    for (const n of found) {
      const recorded = await this.notices.record({
        firmId: firm.id,
        kind: 'consent-ended',
        consentRecordId: String(n.consentId),
        period: n.period,
        ended: n.ended,
        endedAt: new Date(n.endedAt),
        captures: n.captures,
        firstCaptureAt: new Date(n.firstAt),
        lastCaptureAt: new Date(n.lastAt),
        message: messageOf(n, firm.timezone),
        createdAt: now,
      });
      if (recorded) fresh++;
    }
    return {
      summary: {
        firm: firm.creditCode,
        endedConsents: ended.length,
        capturesAfterEnd: afterEnd.length,
        notices: fresh,
        alreadyNoticed: found.length - fresh,
      },
    };
  }
}

/** The notice as the firm reads it (Chinese first, as its other documents). */
function messageOf(n: EndedConsentNotice, zone: string): string {
  const zh = n.ended === 'withdrawn' ? '已撤回' : '已过期';
  const en = n.ended === 'withdrawn' ? 'was withdrawn' : 'expired';
  const endedAt = formatInstant(n.endedAt, zone);
  return (
    `同意记录于 ${endedAt} ${zh}，但贵单位终端在 ${n.period} 仍采集同一人脸 ${n.captures} 次。` +
    ` / A consent ${en} on ${endedAt}, yet your terminals captured the same person ${n.captures} time(s) in ${n.period}.`
  );
}
