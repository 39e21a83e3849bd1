import { formatDate } from '@app/common';

/** A capture made after one of the subject's consents ended, which no other consent covers. */
export interface CaptureAfterEnd {
  consentId: number;
  ended: 'withdrawn' | 'expired';
  endedAt: number;
  occurredAt: number;
}

/** One notice: a consent and the month (firm's time zone) its subject kept being captured in. */
export interface EndedConsentNotice {
  consentId: number;
  period: string;
  ended: 'withdrawn' | 'expired';
  endedAt: number;
  captures: number;
  firstAt: number;
  lastAt: number;
}

/** Groups the captures by consent and month of capture, in the firm's time zone; ordered by consent, month. */
export function endedConsentNotices(
  captures: Iterable<CaptureAfterEnd>,
  firmTimezone: string,
): EndedConsentNotice[] {
  const out = new Map<string, EndedConsentNotice>();
  for (const c of captures) {
    const period = formatDate(c.occurredAt, firmTimezone).slice(0, 7);
    const key = `${c.consentId}:${period}`;
    const n = out.get(key);
    if (n === undefined) {
      out.set(key, {
        consentId: c.consentId,
        period,
        ended: c.ended,
        endedAt: c.endedAt,
        captures: 1,
        firstAt: c.occurredAt,
        lastAt: c.occurredAt,
      });
    } else {
      n.captures++;
      n.firstAt = Math.min(n.firstAt, c.occurredAt);
      n.lastAt = Math.max(n.lastAt, c.occurredAt);
    }
  }
  return [...out.values()].sort((a, b) => a.consentId - b.consentId || a.period.localeCompare(b.period));
}

/**
 * The consent a finding verdict blames when it says the consent was withdrawn or had expired: among the
 * decisive consents, the one that ended last before the capture (the most recent that could have covered it).
 */
export function endedConsentOf(
  consents: ReadonlyMap<number, { withdrawnAt: number | null; expiresAt: number | null }>,
  decisive: readonly number[],
  reason: 'CONSENT_WITHDRAWN' | 'CONSENT_EXPIRED',
  occurredAt: number,
): { consentId: number; ended: 'withdrawn' | 'expired'; endedAt: number } | null {
  let best: { consentId: number; ended: 'withdrawn' | 'expired'; endedAt: number } | null = null;
  for (const id of decisive) {
    const c = consents.get(id);
    if (!c) continue;
    const endedAt = reason === 'CONSENT_WITHDRAWN' ? c.withdrawnAt : c.expiresAt;
    if (endedAt === null || endedAt > occurredAt) continue;
    if (best === null || endedAt > best.endedAt) {
      best = { consentId: id, ended: reason === 'CONSENT_WITHDRAWN' ? 'withdrawn' : 'expired', endedAt };
    }
  }
  return best;
}
