import { MoneyDecimal, type Money } from '@app/common';
import type { PrecedentComparison } from './assessment';
import type { PenaltyFacts } from './facts';

/** A real, public decision: its outcome, its source, and its facts in the facts-document shape. */
export interface Precedent {
  id: string;
  authority: string;
  decisionDate: string;
  defendant: string;
  /** The fine imposed; `null` when the decision imposed none (declarations, orders only). */
  amount: Money | null;
  legalBasis: string;
  source: string;
  summary: string;
  facts: PenaltyFacts;
}

const MONTH_DAYS = 30.4375;

/** Conduct length in months (days / 30.4375), at least one day. */
export function conductMonths(from: string, to: string): number {
  const days = Math.max(1, (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
  return days / MONTH_DAYS;
}

function logGap(a: number | null, b: number | null): number | null {
  if (a === null || b === null) return null;
  return Math.abs(Math.log10(Math.max(a, 1)) - Math.log10(Math.max(b, 1)));
}

/**
 * How unlike two facts documents are: the sum of the log10 gaps of affected persons, capture volume and
 * duration (a factor of 10 counts 1), plus 1 × the share of infringement codes not in common. Unknown
 * counts contribute a neutral 0.5 so that precedents with missing facts are not ranked as perfect matches.
 */
export function factsDistance(a: PenaltyFacts, b: PenaltyFacts): number {
  const gaps = [
    logGap(a.affectedPersons, b.affectedPersons),
    logGap(a.captureEvents, b.captureEvents),
    logGap(conductMonths(a.conduct.from, a.conduct.to), conductMonths(b.conduct.from, b.conduct.to)),
  ].map((g) => (g === null ? 0.5 : g));
  const sa = new Set(a.infringements);
  const sb = new Set(b.infringements);
  const union = new Set([...sa, ...sb]);
  const common = [...sa].filter((x) => sb.has(x)).length;
  const infringementGap = union.size === 0 ? 0 : 1 - common / union.size;
  return Math.round((gaps.reduce((x, y) => x + y, 0) + infringementGap) * 1000) / 1000;
}

function relative(proposal: string, currency: string, p: Precedent): string {
  if (!p.amount || p.amount.currency !== currency) return 'n/a';
  const base = new MoneyDecimal(p.amount.amount);
  if (base.isZero()) return 'n/a';
  const pct = new MoneyDecimal(proposal).minus(base).div(base).times(100).toDecimalPlaces(1);
  return `${pct.isNegative() ? '' : '+'}${pct.toFixed(1)}%`;
}

/** The `limit` closest precedents of the same jurisdiction, nearest first (ties by id, for determinism). */
export function closestPrecedents(
  facts: PenaltyFacts,
  amount: string,
  currency: string,
  precedents: readonly Precedent[],
  limit = 3,
): PrecedentComparison[] {
  return precedents
    .filter((p) => p.facts.jurisdiction === facts.jurisdiction)
    .map((p) => ({ p, distance: factsDistance(facts, p.facts) }))
    .sort((x, y) => x.distance - y.distance || x.p.id.localeCompare(y.p.id))
    .slice(0, limit)
    .map(({ p, distance }) => ({
      id: p.id,
      authority: p.authority,
      decisionDate: p.decisionDate,
      defendant: p.defendant,
      amount: p.amount?.amount ?? '0',
      currency: p.amount?.currency ?? currency,
      legalBasis: p.legalBasis,
      source: p.source,
      distance,
      proposalVersusPrecedent: relative(amount, currency, p),
    }));
}

/** Where `amount` sits among every same-jurisdiction, same-currency precedent, in one sentence. */
export function precedentPosition(
  facts: PenaltyFacts,
  amount: string,
  currency: string,
  precedents: readonly Precedent[],
): string {
  const same = precedents.filter(
    (p) => p.facts.jurisdiction === facts.jurisdiction && p.amount?.currency === currency,
  );
  if (same.length === 0) return `no ${facts.jurisdiction} precedent in ${currency} to compare with`;
  const a = new MoneyDecimal(amount);
  const amounts = same.map((p) => new MoneyDecimal(p.amount?.amount ?? '0'));
  const below = amounts.filter((x) => x.lessThan(a)).length;
  const equal = amounts.filter((x) => x.equals(a)).length;
  const lo = MoneyDecimal.min(...amounts);
  const hi = MoneyDecimal.max(...amounts);
  return (
    `${currency} ${amount} is above ${below}, equal to ${equal} and below ${same.length - below - equal} ` +
    `of ${same.length} ${facts.jurisdiction} precedents (which range from ${lo.toFixed(0)} to ${hi.toFixed(0)})`
  );
}
