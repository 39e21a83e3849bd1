import { MoneyDecimal } from '@app/common';
import { FineCalculator } from '../../fine-calculator';
import { parsePenaltyFacts, type PenaltyFacts } from '../../core/facts';
import ningbo from '../../fixtures/cn/ningbo-poly-2021.facts.json';
import shunde from '../../fixtures/cn/shunde-company-a-2021.facts.json';

const calc = new FineCalculator();
const crpl = (f: unknown) => calc.assess(parsePenaltyFacts(f), { rulebook: 'cn-crpl-56' });
const within = (amount: string, actual: string, tolerance: string) =>
  new MoneyDecimal(amount).minus(actual).abs().div(actual).lessThanOrEqualTo(tolerance);

describe('cn-crpl-56 against the real decisions (tolerances in docs/rulebooks/cn-crpl-56.md)', () => {
  it('Ningbo Poly 2021: lands within 5 % of the CNY 250,000 imposed, in the ordinary tier', () => {
    const a = crpl(ningbo);
    expect(a.currency).toBe('CNY');
    expect(a.tier).toBe('ordinary');
    expect([a.min, a.max]).toEqual(['0', '500000']);
    expect(within(a.amount, '250000', '0.05')).toBe(true);
  });

  it('Shunde Company A 2021: lands within 15 % of the CNY 160,000 imposed, in the ordinary tier', () => {
    const a = crpl(shunde);
    expect(a.tier).toBe('ordinary');
    expect(within(a.amount, '160000', '0.15')).toBe(true);
    expect(new MoneyDecimal(a.amount).lessThan(crpl(ningbo).amount)).toBe(true);
  });
});

const base = (
  over: Partial<PenaltyFacts> = {},
  circumstances: Partial<PenaltyFacts['circumstances']> = {},
) => {
  const f = parsePenaltyFacts(ningbo);
  return calc.assess(
    { ...f, ...over, circumstances: { ...f.circumstances, ...circumstances } },
    { rulebook: 'cn-crpl-56' },
  );
};

describe('cn-crpl-56 tiers (APL arts. 32, 33, 36 and the benchmark split)', () => {
  it('moves to the heavier tier (CNY 350,000-500,000) for a repeat violation', () => {
    const a = base({}, { priorViolations: 2 });
    expect(a.tier).toBe('heavier');
    expect(new MoneyDecimal(a.amount).greaterThanOrEqualTo(350000)).toBe(true);
    expect(a.measures.join()).toMatch(/suspension/);
  });

  it('moves to the heavier tier when minors were affected or conduct ran over two years', () => {
    expect(base({ minorsAffected: true }).tier).toBe('heavier');
    expect(base({ conduct: { from: '2018-01-01', to: '2020-12-01', continuing: false } }).tier).toBe(
      'heavier',
    );
  });

  it('applies APL art. 32 mandatory lighter treatment even against heavier circumstances', () => {
    const a = base({}, { priorViolations: 1, correctedPromptly: true });
    expect(a.tier).toBe('lighter');
    expect(new MoneyDecimal(a.amount).lessThanOrEqualTo(150000)).toBe(true);
    expect(a.steps.find((s) => s.id === 'discretion.tier')?.description).toMatch(
      /defeats: tier.ordinary, tier.heavier/,
    );
  });

  it('mitigates below the lighter tier when the firm corrected and self-reported', () => {
    const a = base({}, { correctedPromptly: true, selfReported: true });
    expect(a.tier).toBe('mitigated');
    expect(new MoneyDecimal(a.amount).lessThanOrEqualTo(50000)).toBe(true);
  });

  it('proposes no fine for a minor violation corrected in time (APL art. 33(1))', () => {
    const a = base({ seriousness: 'low' }, { correctedPromptly: true });
    expect(a.tier).toBe('no-penalty');
    expect(a.amount).toBe('0');
  });

  it('treats a short first violation as lighter (benchmark), but not once it is repeated', () => {
    const short = { conduct: { from: '2020-09-01', to: '2020-12-01', continuing: false } };
    expect(base(short).tier).toBe('lighter');
    expect(base(short, { firstViolation: false, priorViolations: 1 }).tier).toBe('heavier');
  });

  it('is time-barred two years after the conduct ended unless it is continuing (APL art. 36)', () => {
    const late = base({ decisionDate: '2023-01-02' });
    expect(late.tier).toBe('time-barred');
    expect(late.amount).toBe('0');
    expect(late.assumptions.join()).toMatch(/discovery date/);
    expect(
      base({
        decisionDate: '2023-01-02',
        conduct: { from: '2019-04-01', to: '2020-12-01', continuing: true },
      }).tier,
    ).toBe('ordinary');
  });

  it('uses 1-10x the illegal gains when they are established', () => {
    const a = base({ illegalGains: { amount: '40000', currency: 'CNY' } });
    expect([a.min, a.max]).toEqual(['40000', '400000']);
    expect(a.tier).toBe('ordinary');
    // ordinary tier of a multiple range = 3.7x to 7.3x (benchmark B3)
    expect(new MoneyDecimal(a.amount).greaterThanOrEqualTo(148000)).toBe(true);
    expect(new MoneyDecimal(a.amount).lessThanOrEqualTo(292000)).toBe(true);
    expect(a.measures.join()).toMatch(/confiscation/);
  });

  it('routes conduct from 1 Jul 2024 through the Implementing Regulations art. 50(3)', () => {
    const a = base({
      decisionDate: '2025-03-01',
      conduct: { from: '2023-09-01', to: '2024-09-01', continuing: false },
    });
    expect(a.steps.map((s) => s.id)).toContain('crpl.implementing-regs');
    expect(base().steps.map((s) => s.id)).not.toContain('crpl.implementing-regs');
  });

  it('refuses conduct before the 2013 amendment applied and facts with no CRPL duty', () => {
    expect(() => base({ conduct: { from: '2012-01-01', to: '2013-01-01', continuing: false } })).toThrow(
      /no formula in force/,
    );
    expect(() => base({ infringements: ['NO_IMPACT_ASSESSMENT'] })).toThrow(/breaches a CRPL art. 29 duty/);
  });

  it('cites a source at every step and ends the steps with the rounded proposal', () => {
    const a = base();
    expect(a.steps.every((s) => s.citation.length > 0)).toBe(true);
    expect(a.steps[a.steps.length - 1]).toMatchObject({ id: 'proposal', value: a.amount });
    expect(a.steps.find((s) => s.id === 'param.noGainsCap')).toMatchObject({
      value: '500000',
      citation: 'Consumer Rights Protection Law (2013 amendment) art. 56(1)',
    });
  });

  it('is deterministic', () => {
    expect(JSON.stringify(base())).toBe(JSON.stringify(base()));
  });
});
