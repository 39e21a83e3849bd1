import { FineCalculator } from '../fine-calculator';
import { parsePenaltyFacts } from '../core/facts';
import { closestPrecedents, factsDistance } from '../core/precedents';
import ningbo from '../fixtures/cn/ningbo-poly-2021.facts.json';
import shunde from '../fixtures/cn/shunde-company-a-2021.facts.json';
import { PRECEDENTS } from './precedents';

describe('precedents data file', () => {
  it('holds real decisions with unique ids, a source address, decimal amounts and valid facts', () => {
    expect(new Set(PRECEDENTS.map((p) => p.id)).size).toBe(PRECEDENTS.length);
    for (const p of PRECEDENTS) {
      expect(p.publication).toMatch(/\d{4}-\d{2}-\d{2}/);
      // Reposts on unofficial mirror hosts are never cited (reference addendum 2, E).
      expect(`${p.source} ${p.publication}`).not.toMatch(
        /hrtwrk|dlhunqing|xf17|vagaawaga|hairdiseases|shqcsy|zhimen|weidonghui/,
      );
      expect(p.authorityText.zh.length).toBeGreaterThan(0);
      expect(p.amount?.amount ?? '0').toMatch(/^\d+(\.\d+)?$/);
      expect(p.facts.decisionDate).toBe(p.decisionDate);
    }
    expect(PRECEDENTS.map((p) => p.id)).toEqual(
      expect.arrayContaining([
        'C1-ningbo-poly-2021',
        'C4-shunde-company-a-2021',
        'E4-clearview-ap-2024',
        'E6-mercadona-aepd-2021',
        'E7-skelleftea-imy-2019',
      ]),
    );
  });

  it('every precedent with a fine can be assessed by its jurisdiction\u2019s default rulebook', () => {
    const calc = new FineCalculator();
    for (const p of PRECEDENTS.filter((x) => x.facts.rulebook === null)) {
      expect(() => calc.assess(p.facts)).not.toThrow();
    }
  });
});

describe('closest precedents', () => {
  const n = parsePenaltyFacts(ningbo);
  const s = parsePenaltyFacts(shunde);

  it('measures distance as 0 for identical facts and symmetrically otherwise', () => {
    expect(factsDistance(n, n)).toBe(0);
    expect(factsDistance(n, s)).toBe(factsDistance(s, n));
    expect(factsDistance(n, s)).toBeGreaterThan(0);
  });

  it('ranks same-jurisdiction precedents only, nearest first, and compares amounts in the same currency', () => {
    const list = closestPrecedents(s, '180000', 'CNY', PRECEDENTS, 'cn-crpl-56');
    expect(list.every((p) => !p.id.startsWith('E') && !p.id.startsWith('U'))).toBe(true);
    expect(list[0].id).toBe('C4-shunde-company-a-2021');
    expect(list[0].proposalVersusPrecedent).toBe('+12.5%');
    const distances = list.filter((p) => p.comparable).map((p) => p.distance);
    expect(list.filter((p) => !p.comparable).map((p) => p.id)).toEqual(['C10-didi-cac-2022']);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
  });
});

describe('the CN precedents, each assessed by the default rulebook', () => {
  const calc = new FineCalculator();
  const byId = (id: string) => {
    const p = PRECEDENTS.find((x) => x.id === id);
    if (!p) throw new Error(id);
    return { imposed: p.amount?.amount ?? '0', proposed: calc.assess(p.facts).amount };
  };

  it('Didi is a multi-law CAC fine far above any one rulebook\u2019s range: shown apart, never counted', () => {
    const { imposed, proposed } = byId('C10-didi-cac-2022');
    expect(Number(proposed)).toBeLessThan(Number(imposed) / 100);
  });
});
