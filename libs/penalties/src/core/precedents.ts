import { MoneyDecimal, type BilingualText, type Money } from '@app/common';
import type { PrecedentComparison } from './assessment';
import type { PenaltyFacts } from './facts';

/** A real, public decision: its outcome, its source, and its facts in the facts-document shape. */
export interface Precedent {
  id: string;
  authority: string;
  authorityText: BilingualText;
  decisionDate: string;
  defendant: string;
  defendantText: BilingualText;
  /** The fine imposed; `null` when the decision imposed none (declarations, orders only). */
  amount: Money | null;
  legalBasis: string;
  legalBasisText: BilingualText;
  /** The rulebook whose law the decision applied (e.g. `cn-crpl-56`), or another basis id none of ours has. */
  basis: string;
  /** The kind of conduct (e.g. `face-capture-without-consent`). */
  conductType: string;
  /** The original publication and date; never a mirror address. */
  publication: string;
  source: string;
  summary: string;
  /** Facts the sources do not give and the data file assumed, said in both languages. */
  factsAssumed?: BilingualText;
  facts: PenaltyFacts;
}

/** The conduct type bioaudit's own cases always have: face capture without a valid consent. */
export const OWN_CONDUCT_TYPE = 'face-capture-without-consent';
/** Two cases are of a similar scale when their affected persons (else captures) are within this factor. */
export const SIMILAR_SCALE_FACTOR = 1000;

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

function scaleRatio(a: PenaltyFacts, b: PenaltyFacts): number | null {
  const pair: [number | null, number | null][] = [
    [a.affectedPersons, b.affectedPersons],
    [a.captureEvents, b.captureEvents],
  ];
  for (const [x, y] of pair) {
    if (x !== null && y !== null) return Math.max(x, y, 1) / Math.max(Math.min(x, y), 1);
  }
  return null;
}

/**
 * Why a precedent is not comparable with the case, or null when it is: comparable means the same legal
 * basis (the law of the rulebook that decided), the same conduct type and a similar scale, with a fine in the
 * same currency.
 */
export function apartReason(
  facts: PenaltyFacts,
  decidedBy: string,
  currency: string,
  p: Precedent,
): BilingualText | null {
  if (!p.amount || p.amount.currency !== currency) {
    return { en: `no fine in ${currency}`, zh: `无以${currency}计的罚款` };
  }
  if (p.basis !== decidedBy) {
    return {
      en: `another legal basis (${p.legalBasisText.en})`,
      zh: `法律依据不同（${p.legalBasisText.zh}）`,
    };
  }
  if (p.conductType !== OWN_CONDUCT_TYPE) {
    return { en: 'another kind of conduct', zh: '违法行为类型不同' };
  }
  const ratio = scaleRatio(facts, p.facts);
  if (ratio !== null && ratio > SIMILAR_SCALE_FACTOR) {
    return {
      en: `a different scale (more than ${SIMILAR_SCALE_FACTOR.toLocaleString('en-US')} times larger or smaller)`,
      zh: `规模相差悬殊（相差${SIMILAR_SCALE_FACTOR}倍以上）`,
    };
  }
  return null;
}

/**
 * Every precedent of the same jurisdiction: the comparable ones first (nearest first), then the others with
 * the reason they are shown apart. Ties by id, for determinism.
 */
export function closestPrecedents(
  facts: PenaltyFacts,
  amount: string,
  currency: string,
  precedents: readonly Precedent[],
  decidedBy: string,
): PrecedentComparison[] {
  return precedents
    .filter((p) => p.facts.jurisdiction === facts.jurisdiction)
    .map((p) => ({
      p,
      distance: factsDistance(facts, p.facts),
      apart: apartReason(facts, decidedBy, currency, p),
    }))
    .sort(
      (x, y) =>
        Number(x.apart !== null) - Number(y.apart !== null) ||
        x.distance - y.distance ||
        x.p.id.localeCompare(y.p.id),
    )
    .map(({ p, distance, apart }) => ({
      id: p.id,
      comparable: apart === null,
      apartReason: apart,
      authorityText: p.authorityText,
      defendantText: p.defendantText,
      publication: p.publication,
      legalBasisText: p.legalBasisText,
      ...(p.factsAssumed ? { factsAssumed: p.factsAssumed } : {}),
      authority: p.authority,
      decisionDate: p.decisionDate,
      defendant: p.defendant,
      amount: p.amount?.amount ?? '0',
      currency: p.amount?.currency ?? currency,
      legalBasis: p.legalBasis,
      source: p.publication,
      distance,
      proposalVersusPrecedent: relative(amount, currency, p),
    }));
}

/** Where `amount` sits among the comparable precedents, in one sentence in both languages; counts are exact. */
export function precedentPosition(
  amount: string,
  currency: string,
  list: readonly PrecedentComparison[],
): BilingualText {
  const same = list.filter((p) => p.comparable);
  const apart = list.length - same.length;
  const apartText = {
    en: apart === 0 ? '' : `; ${apart} other decision${apart === 1 ? '' : 's'} shown apart, not counted`,
    zh: apart === 0 ? '' : `；另有${apart}件决定单列，不计入比较`,
  };
  if (same.length === 0) {
    return {
      en: `No comparable precedent (same legal basis, conduct and scale) to compare with${apartText.en}`,
      zh: `无可比先例（法律依据、违法行为类型和规模相同或相近）${apartText.zh}`,
    };
  }
  const a = new MoneyDecimal(amount);
  const amounts = same.map((p) => new MoneyDecimal(p.amount));
  const below = amounts.filter((x) => x.lessThan(a)).length;
  const equal = amounts.filter((x) => x.equals(a)).length;
  const above = same.length - below - equal;
  const lo = MoneyDecimal.min(...amounts).toFixed(0);
  const hi = MoneyDecimal.max(...amounts).toFixed(0);
  return {
    en:
      `${currency} ${amount} is above ${below}, equal to ${equal} and below ${above} of ${same.length} comparable ` +
      `precedent${same.length === 1 ? '' : 's'} (${lo === hi ? lo : `from ${lo} to ${hi}`})${apartText.en}`,
    zh:
      `拟处罚款${amount}元，在${same.length}件可比先例（${lo === hi ? `${lo}元` : `${lo}元至${hi}元`}）中：` +
      `高于${below}件，等于${equal}件，低于${above}件${apartText.zh}`,
  };
}
