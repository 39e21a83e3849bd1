import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MoneyDecimal } from '@app/common';
import { FineCalculator } from '../../fine-calculator';
import { parsePenaltyFacts } from '../../core/facts';
import tiny from '../../fixtures/cn/tiny-first-violation-2024.facts.json';
import { PRECEDENTS } from '../../precedents/precedents';

/**
 * The calibration table of docs/rulebooks/cn-discretion.md: every public Chinese decision of the same legal
 * basis (CRPL art. 56) reproduced within ×1.25 of the amount imposed, by the default rulebook.
 */
const calc = new FineCalculator();
const CALIBRATION = [
  'C1-ningbo-poly-2021',
  'C2-ningbo-sunac-2021',
  'C3-ningbo-hangzhou-bay-2021',
  'C4-shunde-company-a-2021',
];

function calibrationRows(): { id: string; imposed: string; proposed: string; ratio: string; tier: string }[] {
  return CALIBRATION.map((id) => {
    const p = PRECEDENTS.find((x) => x.id === id);
    if (!p?.amount) throw new Error(id);
    const a = calc.assess(p.facts);
    return {
      id,
      imposed: p.amount.amount,
      proposed: a.amount,
      ratio: new MoneyDecimal(a.amount).div(p.amount.amount).toDecimalPlaces(3).toFixed(3),
      tier: a.tierLabel.en,
    };
  });
}

describe('calibration on the public Chinese decisions (docs/rulebooks/cn-discretion.md)', () => {
  it.each(CALIBRATION)('%s: the proposal is within ×1.25 of the amount imposed', (id) => {
    const row = calibrationRows().find((r) => r.id === id);
    const ratio = Number(row?.ratio);
    expect(ratio).toBeGreaterThanOrEqual(0.8);
    expect(ratio).toBeLessThanOrEqual(1.25);
  });

  it('pins the table printed in the docs', () => {
    expect(calibrationRows()).toEqual([
      {
        id: 'C1-ningbo-poly-2021',
        imposed: '250000',
        proposed: PIN.poly,
        ratio: PIN.polyRatio,
        tier: 'ordinary',
      },
      {
        id: 'C2-ningbo-sunac-2021',
        imposed: '250000',
        proposed: PIN.poly,
        ratio: PIN.polyRatio,
        tier: 'ordinary',
      },
      {
        id: 'C3-ningbo-hangzhou-bay-2021',
        imposed: '250000',
        proposed: PIN.poly,
        ratio: PIN.polyRatio,
        tier: 'ordinary',
      },
      {
        id: 'C4-shunde-company-a-2021',
        imposed: '160000',
        proposed: PIN.shunde,
        ratio: PIN.shundeRatio,
        tier: 'ordinary',
      },
    ]);
  });

  it('is the table printed in docs/rulebooks/cn-discretion.md', () => {
    const doc = readFileSync(join(__dirname, '../../../../../docs/rulebooks/cn-discretion.md'), 'utf8');
    for (const r of calibrationRows()) {
      const tag = r.id.split('-')[0];
      const row = doc.split('\n').find((l) => l.includes(`(${tag})`) && l.startsWith('|'));
      const cny = (x: string) => `CNY ${Number(x).toLocaleString('en-US')}`;
      expect(row).toContain(`| ${cny(r.imposed)} `);
      expect(row).toContain(`| ${cny(r.proposed)} `);
      expect(row).toContain(`| ${r.ratio} `);
    }
  });

  it('puts the tiny case (10 captures of 9 people over 15 days) in the lighter part, well under CNY 100,000', () => {
    const a = calc.assess(parsePenaltyFacts(tiny));
    expect(a.tier).toBe('lighter');
    expect(Number(a.amount)).toBeLessThan(100_000);
    expect(Number(a.amount)).toBeGreaterThan(0);
  });
});

const PIN = { poly: '254599', polyRatio: '1.018', shunde: '162388', shundeRatio: '1.015' };
