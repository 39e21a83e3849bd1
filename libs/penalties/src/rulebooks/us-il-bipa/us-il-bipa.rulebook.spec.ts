import { FineCalculator } from '../../fine-calculator';
import { parsePenaltyFacts, type PenaltyFacts } from '../../core/facts';
import straddle from '../../fixtures/us/bipa-straddle-2024.facts.json';
import timeclock from '../../fixtures/us/bipa-timeclock-2023.facts.json';

const calc = new FineCalculator();
const assess = (
  json: unknown,
  over: Partial<PenaltyFacts> = {},
  c: Partial<PenaltyFacts['circumstances']> = {},
) => {
  const f = parsePenaltyFacts(json);
  return calc.assess({ ...f, ...over, circumstances: { ...f.circumstances, ...c } });
};

describe('us-il-bipa', () => {
  it('counts every scan before 2 Aug 2024 (Cothron): 48,000 scans × USD 1,000 negligent', () => {
    const a = assess(timeclock);
    expect([a.rulebook, a.currency, a.amount, a.tier]).toEqual([
      'us-il-bipa',
      'USD',
      '48000000',
      'negligent',
    ]);
    expect([a.min, a.max]).toEqual(['48000000', '240000000']);
    expect(a.steps.find((s) => s.id === 'bipa.violations.per-scan')?.citation).toMatch(/Cothron/);
  });

  it('charges USD 5,000 per violation when intentional or reckless', () => {
    expect(assess(timeclock, {}, { intentional: true }).amount).toBe('240000000');
  });

  it('counts once per person and method from 2 Aug 2024 (P.A. 103-0769)', () => {
    const a = assess(timeclock, {
      conduct: { from: '2024-08-02', to: '2025-03-01', continuing: false },
      decisionDate: '2025-06-01',
    });
    expect(a.amount).toBe('120000');
    expect(a.steps.map((s) => s.id)).not.toContain('bipa.violations.per-scan');
    expect(a.steps.find((s) => s.id === 'bipa.violations.per-person')?.citation).toMatch(/103-0769/);
  });

  it('splits a conduct straddling the amendment and says how', () => {
    const a = assess(straddle);
    // 2024-05-01..2024-08-01 = 93 of 184 days: 18,400 × 93/184 = 9,300 scans, then 500 persons
    expect(a.steps.find((s) => s.id === 'bipa.violations.per-scan')?.value).toBe('9300');
    expect(a.steps.find((s) => s.id === 'bipa.violations')?.value).toBe('9800');
    expect(a.amount).toBe('9800000');
    const text = a.assumptions.join('\n');
    expect(text).toMatch(/straddles 2 Aug 2024: 93 of 184 days/);
    expect(text).toMatch(/circumstances.intentional unknown: assumed negligent.*If known: true → 49000000/);
    expect(text).toMatch(/§15\(d\) disclosures/);
  });

  it('refuses facts with no §15(b) collection', () => {
    expect(() => assess(timeclock, { infringements: ['INSECURE_STORAGE'] })).toThrow(
      /us-il-bipa: none of the infringements/,
    );
  });
});
