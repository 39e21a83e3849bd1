import { FineCalculator } from '../../fine-calculator';
import { parsePenaltyFacts, type PenaltyFacts } from '../../core/facts';
import store from '../../fixtures/us/cubi-store-2025.facts.json';

const calc = new FineCalculator();
const assess = (over: Partial<PenaltyFacts> = {}) => calc.assess({ ...parsePenaltyFacts(store), ...over });

describe('us-tx-cubi', () => {
  it('proposes the maximum exposure: USD 25,000 per person captured without notice and consent', () => {
    const a = assess();
    expect([a.rulebook, a.currency, a.amount, a.min, a.max, a.tier]).toEqual([
      'us-tx-cubi',
      'USD',
      '50000000',
      '0',
      '50000000',
      'maximum-exposure',
    ]);
    expect(a.assumptions.join()).toMatch(/Attorney General/);
    expect(a.assumptions.join()).not.toMatch(/b-1/);
  });

  it('notes §503.001(b-1) for conduct from 1 Jan 2026', () => {
    const a = assess({ conduct: { from: '2025-06-01', to: '2026-02-01', continuing: false } });
    expect(a.assumptions.join()).toMatch(/\(b-1\) \(from 1 Jan 2026\)/);
  });

  it('falls back to one violation per capture when the persons are unknown, and says so', () => {
    const a = assess({ affectedPersons: null });
    expect(a.amount).toBe('3750000000');
    expect(a.assumptions.join()).toMatch(/affectedPersons unknown: counted one violation per capture/);
  });

  it('lists the Texas settlements as precedents', () => {
    expect(assess().precedents.map((p) => p.id)).toEqual(expect.arrayContaining(['U5-texas-meta-2024']));
  });
});
