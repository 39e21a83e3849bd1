import { FieldReader } from './field-reader';

describe('FieldReader', () => {
  it.each([
    ['0', 0],
    ['1', 1],
    [' 0.5 ', 0.5],
    ['.5', 0.5],
    ['5e-1', 0.5],
    ['+0.25', 0.25],
    [0.75, 0.75],
  ])('reads the number %p', (raw, n) => {
    const r = new FieldReader({ x: raw });
    expect(r.optionalNumber('x', 0, 1)).toBe(n);
    expect(r.failed).toBe(false);
  });

  it.each(['0x1', 'Infinity', 'NaN', '1,5', '½', true, {}])('rejects %p as not a number', (raw) => {
    const r = new FieldReader({ x: raw });
    expect(r.optionalNumber('x', 0, 1)).toBeNull();
    expect(r.firstProblem).toMatchObject({ code: 'INGEST.BAD_VALUE', field: 'x' });
  });

  it('treats null, undefined and blank text as absent', () => {
    const r = new FieldReader({ a: null, b: '  ', c: '' });
    expect([r.optionalText('a'), r.optionalText('b'), r.optionalText('c'), r.optionalText('d')]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect([r.optionalBoolean('b'), r.optionalNumber('c', 0, 1)]).toEqual([null, null]);
    expect(r.failed).toBe(false);
  });

  it('reads booleans case-insensitively from text, and JSON booleans', () => {
    const r = new FieldReader({ a: 'True', b: 'FALSE', c: false });
    expect([r.optionalBoolean('a'), r.optionalBoolean('b'), r.optionalBoolean('c')]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('keeps only the first problem unless asked to collect all', () => {
    const first = new FieldReader({ a: 'x', b: 'y' });
    first.optionalNumber('a', 0, 1);
    first.optionalNumber('b', 0, 1);
    expect(first.problems.map((p) => p.field)).toEqual(['a']);
    const all = new FieldReader({ a: 'x', b: 'y' }, true);
    all.optionalNumber('a', 0, 1);
    all.optionalNumber('b', 0, 1);
    expect(all.problems.map((p) => p.field)).toEqual(['a', 'b']);
  });
});
