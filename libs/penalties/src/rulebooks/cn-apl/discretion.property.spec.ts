import { MoneyDecimal } from '@app/common';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { FineCalculator } from '../../fine-calculator';
import type { PenaltyFacts } from '../../core/facts';

/**
 * Properties of the Chinese fine (issue 8, item 2), checked on random facts with fast-check: monotone in
 * every aggravating fact, non-increasing in every mitigating one, bounded steps, always inside the legal range,
 * and fewer findings never raise it.
 */
const calc = new FineCalculator();
const amountOf = (f: PenaltyFacts) => calc.assess(f);
const num = (f: PenaltyFacts) => Number(amountOf(f).amount);
const CAP = 500_000;
const RUNS = { numRuns: 150, seed: 8 };

const bool = fc.option(fc.boolean(), { nil: null });
const day = (offset: number) =>
  DateTime.fromISO('2019-01-01', { zone: 'UTC' }).plus({ days: offset }).toISODate() as string;

/** Random CRPL-era facts (conduct ends before 2021-11-01 so the CRPL alone governs), decided in time. */
const factsArb = fc
  .record({
    start: fc.integer({ min: 0, max: 400 }),
    days: fc.integer({ min: 1, max: 600 }),
    persons: fc.option(fc.integer({ min: 1, max: 200_000 }), { nil: null }),
    extra: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: null }),
    minors: bool,
    firstViolation: bool,
    correctedPromptly: bool,
    cooperated: bool,
    refusedCorrection: bool,
    intentional: bool,
    priorViolations: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null }),
    selfReported: bool,
    obstructed: bool,
    seriousness: fc.constantFrom(null, 'medium' as const, 'high' as const),
  })
  .map(
    (r): PenaltyFacts => ({
      jurisdiction: 'CN',
      rulebook: null,
      decisionDate: '2021-10-31',
      discoveryDate: '2021-06-01',
      filingDate: null,
      conduct: { from: day(r.start), to: day(r.start + r.days - 1), continuing: false },
      firm: { name: 'random', annualTurnover: null, turnoverWithheld: null },
      affectedPersons: r.persons,
      captureEvents: r.persons === null || r.extra === null ? r.extra : r.persons + r.extra,
      minorsAffected: r.minors,
      illegalGains: null,
      infringements: ['NO_CONSENT', 'NO_NOTICE'],
      circumstances: {
        firstViolation: r.firstViolation,
        correctedPromptly: r.correctedPromptly,
        cooperated: r.cooperated,
        refusedCorrection: r.refusedCorrection,
        intentional: r.intentional,
        priorViolations: r.priorViolations,
        selfReported: r.selfReported,
        obstructed: r.obstructed,
      },
      seriousness: r.seriousness,
    }),
  );

const withC = (f: PenaltyFacts, c: Partial<PenaltyFacts['circumstances']>): PenaltyFacts => ({
  ...f,
  circumstances: { ...f.circumstances, ...c },
});
const longer = (f: PenaltyFacts, days: number): PenaltyFacts => ({
  ...f,
  conduct: {
    ...f.conduct,
    to: DateTime.fromISO(f.conduct.to, { zone: 'UTC' }).plus({ days }).toISODate() as string,
  },
});
const known = (f: PenaltyFacts) => ({
  persons: f.affectedPersons ?? 1,
  captures: f.captureEvents ?? f.affectedPersons ?? 1,
});
const more = (f: PenaltyFacts, dPersons: number, dCaptures: number): PenaltyFacts => {
  const k = known(f);
  return { ...f, affectedPersons: k.persons + dPersons, captureEvents: k.captures + dPersons + dCaptures };
};

describe('the Chinese fine: properties (fast-check)', () => {
  it('always lies inside the legal range', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const a = amountOf(f);
        const x = new MoneyDecimal(a.amount);
        return x.greaterThanOrEqualTo(a.min) && x.lessThanOrEqualTo(a.max) && Number(a.max) <= CAP;
      }),
      RUNS,
    );
  });

  it('is monotone in captures, persons and duration, each step +1 moving it by at most 1 % of the cap', () => {
    fc.assert(
      fc.property(factsArb, fc.constantFrom('capture', 'person', 'day'), (f0, what) => {
        const f = more(f0, 0, 0);
        const g = what === 'capture' ? more(f, 0, 1) : what === 'person' ? more(f, 1, 0) : longer(f, 1);
        const step = num(g) - num(f);
        return step >= 0 && step <= 0.01 * CAP;
      }),
      RUNS,
    );
  });

  it('is monotone in each aggravating flag (minors, refusal, obstruction, intent) and in prior violations', () => {
    fc.assert(
      fc.property(
        factsArb,
        fc.constantFrom('minors', 'refused', 'obstructed', 'intentional', 'prior'),
        (f, what) => {
          const [lo, hi] =
            what === 'minors'
              ? [
                  { ...f, minorsAffected: false },
                  { ...f, minorsAffected: true },
                ]
              : what === 'prior'
                ? [
                    withC(f, { priorViolations: f.circumstances.priorViolations ?? 0 }),
                    withC(f, { priorViolations: (f.circumstances.priorViolations ?? 0) + 1 }),
                  ]
                : [
                    withC(f, { [what === 'refused' ? 'refusedCorrection' : what]: false }),
                    withC(f, { [what === 'refused' ? 'refusedCorrection' : what]: true }),
                  ];
          return num(hi) >= num(lo);
        },
      ),
      RUNS,
    );
  });

  it('flipping the minors flag moves a fine by at most 10 % of the cap', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const lo = amountOf({ ...f, minorsAffected: false });
        const hi = amountOf({ ...f, minorsAffected: true });
        fc.pre(lo.outcome === 'fine' && hi.outcome === 'fine');
        return Number(hi.amount) - Number(lo.amount) <= 0.1 * CAP;
      }),
      RUNS,
    );
  });

  it('never rises with a mitigating fact (cooperation, prompt correction, confession, first violation)', () => {
    fc.assert(
      fc.property(
        factsArb,
        fc.constantFrom('cooperated', 'correctedPromptly', 'selfReported', 'firstViolation'),
        (f, what) => {
          return num(withC(f, { [what]: true })) <= num(withC(f, { [what]: false }));
        },
      ),
      RUNS,
    );
  });

  it('unknown facts are never aggravating: an unknown flag gives at most what any known value gives', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const unknown = num({ ...f, minorsAffected: null });
        return (
          unknown <= num({ ...f, minorsAffected: true }) && unknown === num({ ...f, minorsAffected: false })
        );
      }),
      RUNS,
    );
  });

  it('fewer findings never raise it: fewer captures, fewer persons, a shorter conduct, fewer infringement codes', () => {
    fc.assert(
      fc.property(
        factsArb,
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 5000 }),
        (f0, dPersons, dCaptures) => {
          const f = more(f0, 0, 0);
          const bigger = more(f, dPersons, dCaptures);
          const fewerCodes = { ...bigger, infringements: ['NO_CONSENT' as const] };
          return num(f) <= num(bigger) && num(fewerCodes) <= num(bigger);
        },
      ),
      RUNS,
    );
  });

  it('the tier is a label of the amount: lighter ≤ ordinary ≤ heavier', () => {
    const rank = { mitigated: 0, lighter: 1, ordinary: 2, heavier: 3 } as Record<string, number>;
    fc.assert(
      fc.property(factsArb, factsArb, (f, g) => {
        const a = amountOf(f);
        const b = amountOf(g);
        fc.pre(
          a.outcome === 'fine' && b.outcome === 'fine' && a.tier !== 'mitigated' && b.tier !== 'mitigated',
        );
        return Number(a.amount) < Number(b.amount)
          ? rank[a.tier] <= rank[b.tier]
          : rank[a.tier] >= rank[b.tier];
      }),
      RUNS,
    );
  });
});
