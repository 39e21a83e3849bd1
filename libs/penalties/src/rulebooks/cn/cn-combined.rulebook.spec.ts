import { MoneyDecimal } from '@app/common';
import { FineCalculator } from '../../fine-calculator';
import { parsePenaltyFacts, type PenaltyFacts } from '../../core/facts';
import ningbo from '../../fixtures/cn/ningbo-poly-2021.facts.json';
import refused from '../../fixtures/cn/sales-office-refused-correction-2023.facts.json';

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

describe('cn (APL art. 29: one act, one fine, the higher rule)', () => {
  it('is the CN default and, before the PIPL, gives the CRPL result for Ningbo', () => {
    const a = calc.assess(parsePenaltyFacts(ningbo));
    expect(a.rulebook).toBe('cn');
    expect(a.tier).toBe('cn-crpl-56:ordinary');
    expect(a.amount).toBe(calc.assess(parsePenaltyFacts(ningbo), { rulebook: 'cn-crpl-56' }).amount);
    const choice = a.steps.find((s) => s.id === 'apl29.choice');
    expect(choice?.value).toBe('cn-crpl-56');
    expect(choice?.description).toMatch(/cn-pipl-66: conduct ending 2020-12-01 is before the PIPL/);
    expect(choice?.description).toMatch(/cn-ndsmr-55: .*before the Regulations/);
  });

  it('keeps the CRPL when the PIPL carries no fine (no refusal to correct)', () => {
    const a = calc.assess(vary(refused, {}, { refusedCorrection: false }));
    expect(a.tier).toMatch(/^cn-crpl-56:/);
    expect(a.steps.map((s) => s.id)).toEqual(
      expect.arrayContaining(['apl29.candidate.cn-pipl-66', 'apl29.candidate.cn-crpl-56']),
    );
    expect(a.assumptions.join()).toMatch(/also applicable: cn-pipl-66 \(max 0/);
  });

  it('applies PIPL art. 66(1) (up to CNY 1m) over the CRPL when the processor refused to correct', () => {
    const a = calc.assess(parsePenaltyFacts(refused));
    expect(a.tier).toBe('cn-pipl-66:refusal/ordinary');
    expect([a.min, a.max]).toEqual(['0', '1000000']);
    // refusal opened the fine; it is not counted again as a heavier circumstance
    expect(D(a.amount).greaterThanOrEqualTo(300000) && D(a.amount).lessThanOrEqualTo(700000)).toBe(true);
    expect(a.steps.find((s) => s.id === 'discretion.tier')?.description).toMatch(
      /refusedCorrection already decided/,
    );
    expect(a.measures.join()).toMatch(/responsible persons: CNY 10000-100000/);
  });
});

describe('cn-pipl-66', () => {
  const pipl = (f: PenaltyFacts) => calc.assess(f, { rulebook: 'cn-pipl-66' });

  it('proposes no fine without refusal or seriousness, and says what it assumed', () => {
    const a = pipl(vary(refused, { seriousness: null }, { refusedCorrection: null }));
    expect(a.amount).toBe('0');
    expect(a.tier).toBe('no-fine');
    expect(a.assumptions.join('\n')).toMatch(
      /seriousness unknown: assumed not serious.*If known: low → 0 \(no-fine\); high → \d+ \(serious\//,
    );
  });

  it('serious cases: up to CNY 50m, or 5 % of turnover when that is higher', () => {
    const noTurnover = pipl(vary(refused, { seriousness: 'high' }));
    expect(noTurnover.max).toBe('50000000');
    expect(noTurnover.assumptions.join()).toMatch(/annual turnover unknown/);
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
    expect(big.assumptions.join()).toMatch(/joins the CNY 50m and 5 %-of-turnover caps with "or"/);
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
    expect(a.tier).toMatch(/^cn-pipl-66:/);
    expect(a.assumptions.join()).toMatch(/cn-ndsmr-55 \(max 1000000/);
  });
});
