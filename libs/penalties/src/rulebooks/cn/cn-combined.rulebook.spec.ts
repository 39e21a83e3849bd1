import { MoneyDecimal } from '@app/common';
import { FineCalculator } from '../../fine-calculator';
import { parsePenaltyFacts, type PenaltyFacts } from '../../core/facts';
import ningbo from '../../fixtures/cn/ningbo-poly-2021.facts.json';
import prePipl from '../../fixtures/cn/pre-pipl-2020.facts.json';
import refused from '../../fixtures/cn/sales-office-refused-correction-2023.facts.json';
import straddle from '../../fixtures/cn/straddle-pipl-2021.facts.json';

const calc = new FineCalculator();
const vary = (
  json: unknown,
  over: Partial<PenaltyFacts> = {},
  c: Partial<PenaltyFacts['circumstances']> = {},
) => {
  const f = parsePenaltyFacts(json);
  return { ...f, ...over, circumstances: { ...f.circumstances, ...c } };
};
const D = (s: string) => new MoneyDecimal(s);
const PIPL = /Personal Information Protection Law|个人信息保护法|PIPL/;

describe('cn (APL art. 29: one act, one fine, the higher rule)', () => {
  it('is the CN default and, before the PIPL, gives the CRPL result for Ningbo', () => {
    const a = calc.assess(parsePenaltyFacts(ningbo));
    expect(a.rulebook).toBe('cn');
    expect([a.tier, a.decidingRulebook]).toEqual(['ordinary', 'cn-crpl-56']);
    expect(a.amount).toBe(calc.assess(parsePenaltyFacts(ningbo), { rulebook: 'cn-crpl-56' }).amount);
    const choice = a.steps.find((s) => s.id === 'apl29.choice');
    expect(choice?.zh?.description).toMatch(/《个人信息保护法》第六十六条不适用/);
    expect(choice?.citation).toBe(
      'Administrative Penalty Law (2017 amendment) art. 24 (one act, one fine: the rule with the higher fine)',
    );
  });

  it('conduct entirely before 2021-11-01: no PIPL article is the basis of anything but the "does not govern" line', () => {
    const a = calc.assess(parsePenaltyFacts(prePipl));
    expect(a.decidingRulebook).toBe('cn-crpl-56');
    const basisSteps = a.steps.filter((s) => s.id !== 'apl29.choice');
    for (const s of basisSteps) {
      expect([s.description, s.citation, s.zh?.description, s.zh?.citation].join(' ')).not.toMatch(PIPL);
    }
    expect([...a.measures, ...a.assumptions].join(' ')).not.toMatch(PIPL);
  });

  it('conduct straddling 2021-11-01: both laws govern; the PIPL judges only the part from 2021-11-01 and says so', () => {
    const a = calc.assess(parsePenaltyFacts(straddle));
    expect(a.steps.map((s) => s.id)).toEqual(
      expect.arrayContaining(['apl29.candidate.cn-pipl-66', 'apl29.candidate.cn-crpl-56']),
    );
    expect(a.decidingRulebook).toBe('cn-crpl-56');
    const pipl = calc.assess(
      {
        ...parsePenaltyFacts(straddle),
        circumstances: { ...parsePenaltyFacts(straddle).circumstances, refusedCorrection: true },
      },
      { rulebook: 'cn-pipl-66' },
    );
    expect(pipl.assumptions.join()).toMatch(/only the conduct from 2021-11-01 is judged/);
    expect(pipl.steps.find((s) => s.id === 'discretion.duration')?.description).toMatch(
      /\(2021-11-01 to 2022-01-31\)/,
    );
  });

  it('keeps the CRPL when the PIPL carries no fine (no refusal to correct)', () => {
    const a = calc.assess(vary(refused, {}, { refusedCorrection: false }));
    expect(a.decidingRulebook).toBe('cn-crpl-56');
    expect(a.assumptions.join()).toMatch(
      /also applicable: Personal Information Protection Law art. 66 \(maximum 0/,
    );
  });

  it('applies PIPL art. 66(1) (up to CNY 1m) over the CRPL when the processor refused to correct, counting the refusal once', () => {
    const a = calc.assess(parsePenaltyFacts(refused));
    expect([a.decidingRulebook, a.tier, a.min, a.max]).toEqual(['cn-pipl-66', 'ordinary', '0', '1000000']);
    expect(a.steps.find((s) => s.id === 'discretion.refusal')).toMatchObject({ value: '0' });
    expect(a.measures.join()).toMatch(/responsible persons: CNY 10000-100000/);
    expect(D(a.amount).lessThan(1_000_000)).toBe(true);
  });
});

describe('cn-pipl-66', () => {
  const pipl = (f: PenaltyFacts) => calc.assess(f, { rulebook: 'cn-pipl-66' });

  it('proposes no fine without refusal or seriousness, and says what it assumed', () => {
    const a = pipl(vary(refused, { seriousness: null }, { refusedCorrection: null }));
    expect([a.amount, a.tier]).toEqual(['0', 'no-fine']);
    expect(a.assumptions.join('\n')).toMatch(
      /seriousness unknown: assumed not serious.*If known: low → 0 \(no-fine\); high → \d+ \(/,
    );
  });

  it('serious cases: up to CNY 50m, or 5 % of turnover when that is higher', () => {
    expect(pipl(vary(refused, { seriousness: 'high' })).max).toBe('50000000');
    const big = pipl(
      vary(refused, {
        seriousness: 'high',
        firm: {
          name: 'x',
          annualTurnover: { amount: '2000000000', currency: 'CNY' },
          turnoverWithheld: false,
        },
      }),
    );
    expect(big.max).toBe('100000000');
    expect(big.measures.join()).toMatch(/provincial-level/);
  });

  it('does not govern conduct before 2021-11-01', () => {
    expect(() => pipl(parsePenaltyFacts(ningbo))).toThrow(/before the PIPL entered into force/);
  });
});

describe('cn-ndsmr-55', () => {
  const in2025 = {
    conduct: { from: '2025-01-01', to: '2025-06-01', continuing: false },
    decisionDate: '2025-09-01',
    discoveryDate: null,
    filingDate: null,
  };
  const ndsmr = (f: PenaltyFacts) => calc.assess(f, { rulebook: 'cn-ndsmr-55' });

  it('fines up to CNY 1m on refusal or in serious cases, otherwise only warns', () => {
    expect(ndsmr(vary(refused, in2025)).max).toBe('1000000');
    expect(ndsmr(vary(refused, { ...in2025, seriousness: 'high' }, { refusedCorrection: false })).max).toBe(
      '1000000',
    );
    const none = ndsmr(vary(refused, in2025, { refusedCorrection: false }));
    expect([none.amount, none.tier]).toEqual(['0', 'no-fine']);
  });

  it('does not govern conduct ending before 2025-01-01', () => {
    expect(() => ndsmr(parsePenaltyFacts(refused))).toThrow(
      /before the Regulations entered into force \(2025-01-01/,
    );
  });

  it('ties with the PIPL on refusal; the combined rulebook then keeps the law over the regulation', () => {
    const a = calc.assess(vary(refused, in2025));
    expect(a.decidingRulebook).toBe('cn-pipl-66');
    expect(a.assumptions.join()).toMatch(
      /Network Data Security Management Regulations art. 55 \(from 2025-01-01\) \(maximum 1000000/,
    );
  });
});
