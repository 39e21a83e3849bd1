import { formulaAt, resolveRules, type Rule } from './rules';

type Ctx = { a: boolean; b: boolean };
const rule = (id: string, when: (c: Ctx) => boolean, overrides?: string[]): Rule<Ctx, string> => ({
  id,
  description: id,
  citation: `art. ${id}`,
  applies: when,
  conclude: () => id,
  overrides,
});

describe('resolveRules', () => {
  const general = rule('general', () => true);
  const exceptionA = rule('exception-a', (c) => c.a, ['general']);
  const exceptionB = rule('exception-b', (c) => c.b, ['general']);

  it('applies the general rule when no exception holds', () => {
    expect(resolveRules('q', [general, exceptionA], { a: false, b: false }).value).toBe('general');
  });

  it('lets an exception defeat the rule it names, whatever the order of the list', () => {
    for (const rules of [
      [general, exceptionA],
      [exceptionA, general],
    ]) {
      const out = resolveRules('q', rules, { a: true, b: false });
      expect(out.value).toBe('exception-a');
      expect(out.defeated).toEqual(['general']);
    }
  });

  it('reports two undefeated rules as a conflict instead of picking one', () => {
    expect(() => resolveRules('q', [general, exceptionA, exceptionB], { a: true, b: true })).toThrow(
      /exception-a, exception-b all apply/,
    );
  });

  it('reports when no rule applies', () => {
    expect(() => resolveRules('q', [exceptionA], { a: false, b: false })).toThrow('q: no rule applies');
  });
});

describe('formulaAt', () => {
  const formulas = [
    { id: 'old', from: '2014-03-15', until: '2024-07-01', citation: '', formula: 1 },
    { id: 'new', from: '2024-07-01', citation: '', formula: 2 },
  ];
  it('picks the formula in force on the date, the boundary day belonging to the new one', () => {
    expect(formulaAt('rb', formulas, '2024-06-30').id).toBe('old');
    expect(formulaAt('rb', formulas, '2024-07-01').id).toBe('new');
  });
  it('refuses dates before every formula', () => {
    expect(() => formulaAt('rb', formulas, '2010-01-01')).toThrow('rb: no formula in force on 2010-01-01');
  });
});
