import { DateTime } from 'luxon';
import { DomainError, MINOR_AGE_YEARS, type FindingReason, type SiteRule } from '@app/common';
import type { ArticleRef, LawPeriod, LegalInstrument, LegalRequirement } from './law.types';
import { CN_INSTRUMENTS } from './cn/instruments';
import { CN_LAW_PERIODS } from './cn/periods';
import { penaltyArticles, requirementIn } from './cn/requirements';
import { LAW_ERRORS } from './law.errors';

/** Chinese law enters into force at midnight Beijing time. */
export const CN_LAW_ZONE = 'Asia/Shanghai';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(date: string): void {
  if (!DATE.test(date)) {
    throw new DomainError(LAW_ERRORS.BAD_DATE, `not a date YYYY-MM-DD: "${date}"`, { date });
  }
}

/** An instrument by id. */
export function instrument(id: string): LegalInstrument {
  const found = CN_INSTRUMENTS.find((i) => i.id === id);
  if (!found) throw new DomainError(LAW_ERRORS.UNKNOWN_INSTRUMENT, `no legal instrument "${id}"`, { id });
  return found;
}

/** The Chinese law period a day (YYYY-MM-DD, China time) falls in. */
export function lawPeriodOf(date: string): LawPeriod {
  checkDate(date);
  let found = CN_LAW_PERIODS[0];
  for (const p of CN_LAW_PERIODS) if (p.from <= date) found = p;
  return found;
}

/** A law period by id. */
export function lawPeriod(id: string): LawPeriod {
  const found = CN_LAW_PERIODS.find((p) => p.id === id);
  if (!found) throw new DomainError(LAW_ERRORS.UNKNOWN_PERIOD, `no law period "${id}"`, { id });
  return found;
}

/** The day (YYYY-MM-DD) of an instant in China time: the calendar the law's dates are written in. */
export function chinaDate(epochMs: number): string {
  return DateTime.fromMillis(epochMs, { zone: CN_LAW_ZONE }).toFormat('yyyy-MM-dd');
}

/** What a finding of `code` breaches on `date` (China time), or null when it breaches nothing then. */
export function requirementFor(code: FindingReason | SiteRule, date: string): LegalRequirement | null {
  return requirementIn(code, lawPeriodOf(date));
}

/**
 * The consent rules as data for the pure detection core: each period's first instant (epoch ms, the
 * midnight Beijing time it starts) and what it requires. Detection judges each capture by the period it
 * was made in (APL 2021 art. 37: the law in force when the act was committed).
 */
export interface ConsentLawSchedule {
  guardianConsentAge: number;
  periods: {
    id: string;
    fromMs: number;
    consentRequired: boolean;
    separateConsent: boolean;
    guardianConsent: boolean;
    faceOnlyAccessRule: boolean;
  }[];
}

/** The Chinese consent schedule (one table, read by detection, rulebooks and case files alike). */
export function consentLawSchedule(): ConsentLawSchedule {
  return {
    guardianConsentAge: MINOR_AGE_YEARS,
    periods: CN_LAW_PERIODS.map((p) => ({
      id: p.id,
      fromMs: DateTime.fromISO(p.from, { zone: CN_LAW_ZONE }).toMillis(),
      consentRequired: p.instruments.length > 0,
      separateConsent: p.separateConsent,
      guardianConsent: p.guardianConsent,
      faceOnlyAccessRule: p.faceOnlyAccessRule,
    })),
  };
}

/** One law period's legal basis: the requirements breached by its findings and the penalty articles. */
export interface PeriodLegalBasis {
  period: LawPeriod;
  requirements: LegalRequirement[];
  /** Every article cited for the period, requirements first, then penalties, without repeats. */
  articles: ArticleRef[];
  /** Codes found in the period that no rule in force made a breach (should not occur: detection applies the same table). */
  notBreaches: (FindingReason | SiteRule)[];
}

/** The articles a case file cites, per law period with findings, in period order. */
export function legalBasisFor(
  periods: readonly { period: string; reasons: readonly (FindingReason | SiteRule)[] }[],
): PeriodLegalBasis[] {
  const out: PeriodLegalBasis[] = [];
  for (const p of CN_LAW_PERIODS) {
    const found = periods.filter((x) => x.period === p.id).flatMap((x) => x.reasons);
    if (found.length === 0) continue;
    const codes = [...new Set(found)];
    const requirements: LegalRequirement[] = [];
    const notBreaches: (FindingReason | SiteRule)[] = [];
    for (const code of codes) {
      const r = requirementIn(code, p);
      if (r) requirements.push(r);
      else notBreaches.push(code);
    }
    const seen = new Set<string>();
    const articles: ArticleRef[] = [];
    for (const a of [...requirements.flatMap((r) => r.articles), ...penaltyArticles(p)]) {
      const key = `${a.instrument}:${a.article}`;
      if (!seen.has(key)) {
        seen.add(key);
        articles.push(a);
      }
    }
    out.push({ period: p, requirements, articles, notBreaches });
  }
  for (const x of periods) lawPeriod(x.period);
  return out;
}
