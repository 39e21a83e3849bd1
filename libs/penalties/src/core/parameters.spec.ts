import { ParameterSet, type ParameterFile } from './parameters';

const file: ParameterFile = {
  rulebook: 'test',
  version: '1.0.0',
  parameters: {
    cap: {
      description: 'cap',
      unit: 'CNY',
      values: [
        { from: '2014-03-15', value: '500000', citation: 'art. 1', source: 's', confidence: 'P' },
        { from: '2025-01-01', value: '1000000', citation: 'art. 2', source: 's', confidence: 'P' },
      ],
    },
  },
};

describe('ParameterSet', () => {
  const set = new ParameterSet(file);
  it('returns the value in force on a date with its citation', () => {
    expect(set.at('cap', '2024-12-31')).toMatchObject({
      value: '500000',
      citation: 'art. 1',
      from: '2014-03-15',
    });
    expect(set.at('cap', '2025-01-01')).toMatchObject({ value: '1000000', citation: 'art. 2' });
  });
  it('refuses a date before the first value instead of falling back', () => {
    expect(() => set.at('cap', '2014-03-14')).toThrow(/no value in force on 2014-03-14/);
  });
  it('refuses values out of date order', () => {
    const bad = structuredClone(file);
    bad.parameters.cap.values.reverse();
    expect(() => new ParameterSet(bad)).toThrow(/strictly increasing/);
  });
  it('reports the earliest date every parameter covers', () => {
    expect(set.earliestDate()).toBe('2014-03-15');
  });
});
