import { parseJsonLine, tokenizeCsvRecord } from './line-parsers';

describe('parseJsonLine', () => {
  it('reads a JSON object as a field map', () => {
    expect(parseJsonLine('{"deviceId":"D-1","matchScore":0.5}')).toEqual({
      ok: true,
      fields: { deviceId: 'D-1', matchScore: 0.5 },
    });
  });

  it.each([
    ['truncated JSON', '{"deviceId":"D-1"', /invalid JSON/],
    ['trailing garbage', '{"a":1} x', /invalid JSON/],
    ['an array', '[1,2]', /must be a JSON object/],
    ['null', 'null', /must be a JSON object/],
    ['a string', '"D-1"', /must be a JSON object/],
    ['a number', '42', /must be a JSON object/],
  ])('rejects %s', (_name, text, message) => {
    const r = parseJsonLine(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe('tokenizeCsvRecord', () => {
  const fields = (text: string): string[] => {
    const t = tokenizeCsvRecord(text);
    if (t.kind !== 'fields') throw new Error(`expected fields, got ${t.kind}`);
    return t.fields;
  };

  it('splits unquoted fields, keeping empty ones', () => {
    expect(fields('a,b,c')).toEqual(['a', 'b', 'c']);
    expect(fields('a,,c,')).toEqual(['a', '', 'c', '']);
    expect(fields(',')).toEqual(['', '']);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(fields('"a,1","say ""hi""",c')).toEqual(['a,1', 'say "hi"', 'c']);
    expect(fields('"",x')).toEqual(['', 'x']);
    expect(fields('x,""')).toEqual(['x', '']);
    expect(fields('"two\nlines",z')).toEqual(['two\nlines', 'z']);
    expect(fields('a,"b",')).toEqual(['a', 'b', '']);
    expect(fields('"张三",门禁')).toEqual(['张三', '门禁']);
  });

  it('asks for the next line while a quote is open', () => {
    expect(tokenizeCsvRecord('a,"b')).toEqual({ kind: 'open' });
    expect(tokenizeCsvRecord('a,"b""')).toEqual({ kind: 'open' });
  });

  it('rejects text after a closing quote and quotes inside unquoted fields', () => {
    expect(tokenizeCsvRecord('a,"b"c,d')).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/after a closing quote at column 6/) as unknown,
    });
    expect(tokenizeCsvRecord('a,b"c,d')).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/column 4/) as unknown,
    });
  });
});
