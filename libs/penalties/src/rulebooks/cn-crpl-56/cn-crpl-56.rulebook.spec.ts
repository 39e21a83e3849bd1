import { MoneyDecimal } from '@app/common';
import { FineCalculator } from '../../fine-calculator';
import { parsePenaltyFacts, type PenaltyFacts } from '../../core/facts';
import ningbo from '../../fixtures/cn/ningbo-poly-2021.facts.json';

const calc = new FineCalculator();
const D = (s: string) => new MoneyDecimal(s);

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

describe('cn-crpl-56 (CRPL art. 56(1)(9) with the continuous discretion model)', () => {
  it('places Ningbo Poly in the ordinary part of the no-gains range, labelled in both languages', () => {
    const a = base();
    expect([a.min, a.max, a.tier, a.outcome]).toEqual(['0', '500000', 'ordinary', 'fine']);
    expect(a.tierLabel).toEqual({ zh: '一般', en: 'ordinary' });
    expect(a.rulebookTitle.zh).toBe(
      '《消费者权益保护法》第五十六条第一款第（九）项（侵害消费者个人信息依法得到保护的权利）',
    );
  });

  it('a repeat violation, minors or obstruction raise the amount by bounded steps; suspension is proposed only when heavier', () => {
    const a = D(base().amount);
    const minors = D(base({ minorsAffected: true }).amount);
    expect(minors.minus(a).toNumber()).toBeGreaterThan(0);
    expect(minors.minus(a).toNumber()).toBeLessThanOrEqual(50_000);
    const heavy = base(
      { minorsAffected: true },
      { priorViolations: 3, obstructed: true, refusedCorrection: true },
    );
    expect(heavy.tier).toBe('heavier');
    expect(heavy.measures.join()).toMatch(/suspension/);
    expect(base().measures.join()).not.toMatch(/suspension/);
  });

  it('APL art. 32 caps the position: lighter (≤ 30 %) on prompt correction, mitigated (≤ 10 %) with a confession too', () => {
    const lighter = base({}, { priorViolations: 1, correctedPromptly: true });
    expect(lighter.tier).toBe('lighter');
    expect(D(lighter.amount).lessThanOrEqualTo(150000)).toBe(true);
    const mitigated = base({}, { correctedPromptly: true, selfReported: true });
    expect(mitigated.tier).toBe('mitigated');
    expect(mitigated.tierLabel.zh).toBe('减轻处罚');
    expect(D(mitigated.amount).lessThanOrEqualTo(50000)).toBe(true);
  });

  it('proposes no penalty for a minor violation corrected in time (APL art. 33), with its reason', () => {
    const a = base({ seriousness: 'low' }, { correctedPromptly: true });
    expect([a.amount, a.tier, a.outcome]).toEqual(['0', 'no-penalty', 'no-penalty']);
    expect(a.steps.find((s) => s.id === 'apl.no-penalty')?.zh?.description).toMatch(/^不予行政处罚/);
    expect(a.measuresText.map((m) => m.zh).join()).toMatch(/责令改正/);
  });

  it('APL art. 37: a first violation decided after 2021-07-15 gets the lighter new law (first violation may go unpunished)', () => {
    const facts = { seriousness: 'low' as const, minorsAffected: true };
    const before = base(
      { ...facts, decisionDate: '2021-04-21' },
      { correctedPromptly: true, firstViolation: true },
    );
    expect(before.outcome).toBe('fine');
    expect(before.lawApplied?.lighterNewLaw).toBe(false);
    const after = base(
      { ...facts, decisionDate: '2021-09-01' },
      { correctedPromptly: true, firstViolation: true },
    );
    expect(after.outcome).toBe('no-penalty');
    expect(after.lawApplied).toMatchObject({
      conductLawDate: '2020-12-01',
      decisionDate: '2021-09-01',
      lighterNewLaw: true,
    });
    expect(after.lawApplied?.text.zh).toMatch(/从旧兼从轻/);
  });

  it('limitation runs two years from the end of the conduct to its discovery (APL 2021 art. 36 / 1996 art. 29)', () => {
    const discovered = base({ decisionDate: '2023-06-01', discoveryDate: '2022-11-30' });
    expect(discovered.outcome).toBe('fine');
    expect(discovered.limitation).toMatchObject({
      deadline: '2022-12-01',
      discoveryAssumed: false,
      barred: false,
    });
    const late = base({ decisionDate: '2023-01-02', discoveryDate: null });
    expect([late.outcome, late.amount, late.tier]).toEqual(['time-barred', '0', 'time-barred']);
    expect(late.limitation).toMatchObject({
      discoveryDate: '2023-01-02',
      discoveryAssumed: true,
      barred: true,
    });
    expect(late.assumptions.join()).toMatch(/discovered by 2022-12-01, it is not time-barred/);
    expect(late.limitation?.citation.zh).toBe('《行政处罚法》（2017年修正）第二十九条');
    const continuing = base({
      decisionDate: '2023-01-02',
      conduct: { from: '2019-04-01', to: '2020-12-01', continuing: true },
    });
    expect(continuing.outcome).toBe('fine');
  });

  it('uses luxon for the deadline: a conduct ending on 29 February runs to 28 February', () => {
    const a = base({
      conduct: { from: '2019-04-01', to: '2020-02-29', continuing: false },
      discoveryDate: '2020-03-01',
    });
    expect(a.limitation?.deadline).toBe('2022-02-28');
  });

  it('cites the APL by the version in force at the end of the conduct, never the 2021 text for 2020 conduct', () => {
    const a = base();
    const cites = a.steps.map((s) => s.citation).filter((c) => c.includes('Administrative Penalty Law'));
    expect(cites.length).toBeGreaterThan(0);
    expect(cites.every((c) => !c.includes('2021 revision'))).toBe(true);
    expect(a.steps.find((s) => s.id === 'discretion.mandatory-lighter')?.zh?.citation).toMatch(
      /2017年修正）第二十七条第一款/,
    );
  });

  it('uses 1-10x the illegal gains when they are established', () => {
    const a = base({ illegalGains: { amount: '40000', currency: 'CNY' } });
    expect([a.min, a.max]).toEqual(['40000', '400000']);
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
      /before the CRPL \(2013 amendment\) entered into force/,
    );
    expect(() => base({ infringements: ['NO_IMPACT_ASSESSMENT'] })).toThrow(/breaches a CRPL art. 29 duty/);
  });

  it('a non-separate consent is still consent under the CRPL (separate consent is a PIPL notion)', () => {
    expect(() => base({ infringements: ['NOT_SEPARATE_CONSENT'] })).toThrow(/breaches a CRPL art. 29 duty/);
  });
});
