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
const RUNS = { numRuns: 100, seed: 8 };

const bool = fc.option(fc.boolean(), { nil: null });
const day = (base: string, offset: number) =>
  DateTime.fromISO(base, { zone: 'UTC' }).plus({ days: offset }).toISODate() as string;

/**
 * Two eras: CRPL-only conduct (2019-2021, decided 2021-10-31) and PIPL-era conduct (2022-2024, decided
 * 2024-12-31) where a refusal to correct opens PIPL art. 66(1) (up to CNY 1m) over the CRPL.
 */
const ERAS = {
  crpl: { base: '2019-01-01', decisionDate: '2021-10-31', discoveryDate: '2021-06-01', cap: 500_000 },
  pipl: { base: '2022-01-01', decisionDate: '2024-12-31', discoveryDate: '2024-10-01', cap: 1_000_000 },
} as const;

/** Random facts of either era, discovered in time. */
const factsArb = fc
  .record({
    era: fc.constantFrom('crpl' as const, 'pipl' as const),
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
    seriousness: fc.constantFrom(null, 'low' as const, 'medium' as const, 'high' as const),
  })
  .map(
    (r): PenaltyFacts => ({
      jurisdiction: 'CN',
      rulebook: null,
      decisionDate: ERAS[r.era].decisionDate,
      discoveryDate: ERAS[r.era].discoveryDate,
      filingDate: null,
      conduct: {
        from: day(ERAS[r.era].base, r.start),
        to: day(ERAS[r.era].base, r.start + r.days - 1),
        continuing: false,
      },
      firm: { name: 'random', annualTurnover: null, turnoverWithheld: null },
      affectedPersons: r.persons,
      captureEvents: r.persons === null || r.extra === null ? r.extra : r.persons + r.extra,
      minorsAffected: r.minors,
      illegalGains: null,
      infringements:
        r.era === 'pipl' ? ['NO_CONSENT', 'NO_NOTICE', 'NOT_SEPARATE_CONSENT'] : ['NO_CONSENT', 'NO_NOTICE'],
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
        const era = f.decisionDate === ERAS.pipl.decisionDate ? ERAS.pipl : ERAS.crpl;
        // PIPL art. 66(2) (serious) raises the maximum to CNY 50m; otherwise the era's cap bounds it.
        const cap = f.seriousness === 'high' && era === ERAS.pipl ? 50_000_000 : era.cap;
        return x.greaterThanOrEqualTo(a.min) && x.lessThanOrEqualTo(a.max) && Number(a.max) <= cap;
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
        return step >= 0 && step <= 0.01 * Number(amountOf(f).max);
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
        fc.pre(lo.outcome === 'fine' && hi.outcome === 'fine' && lo.max === hi.max);
        return Number(hi.amount) - Number(lo.amount) <= 0.1 * Number(hi.max);
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

  it('unknown facts are never aggravating: an unknown flag or count gives at most what any known value gives', () => {
    fc.assert(
      fc.property(factsArb, fc.integer({ min: 0, max: 10_000 }), (f, k) => {
        const unknownMinors = num({ ...f, minorsAffected: null });
        const unknownIntent = num(withC(f, { intentional: null }));
        const persons = f.affectedPersons ?? 1;
        const unknownCaptures = num({ ...f, affectedPersons: persons, captureEvents: null });
        return (
          unknownMinors <= num({ ...f, minorsAffected: true }) &&
          unknownMinors === num({ ...f, minorsAffected: false }) &&
          unknownIntent === num(withC(f, { intentional: false })) &&
          unknownCaptures <= num({ ...f, affectedPersons: persons, captureEvents: persons + k })
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

  it('the tier is a label of the position: lighter ≤ ordinary ≤ heavier', () => {
    const rank = { mitigated: 0, lighter: 1, ordinary: 2, heavier: 3 } as Record<string, number>;
    const position = (f: PenaltyFacts) => {
      const a = amountOf(f);
      const p = a.steps.find((st) => st.id === 'discretion.mandatory-lighter')?.value;
      return { a, p: p === undefined ? null : Number(p) };
    };
    fc.assert(
      fc.property(factsArb, factsArb, (f, g) => {
        const x = position(f);
        const y = position(g);
        fc.pre(x.p !== null && y.p !== null && x.a.tier !== 'mitigated' && y.a.tier !== 'mitigated');
        const [px, py] = [x.p, y.p];
        return px < py ? rank[x.a.tier] <= rank[y.a.tier] : rank[x.a.tier] >= rank[y.a.tier];
      }),
      { ...RUNS, numRuns: 60 },
    );
  });
});
