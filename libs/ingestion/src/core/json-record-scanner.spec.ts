import { JsonRecordScanner, type JsonRecordLayout, type ScannedRecord } from './json-record-scanner';

function scan(layout: JsonRecordLayout, text: string, chunk = text.length, max = 1 << 20): ScannedRecord[] {
  const s = new JsonRecordScanner(layout, max);
  const out: ScannedRecord[] = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...s.push(text.slice(i, i + chunk)));
  out.push(...s.end());
  return out;
}

const PAGES =
  '{"AcsEvent":{"searchID":"x","InfoList":[{"a":"}]{[\\"","n":1},\n{"a":2}]}}\n' +
  '{"AcsEvent":{"responseStatusStrg":"NO MATCH"}}{"AcsEvent":{"InfoList":[\n\n{"b":[1,{"c":3}]}]}}';

describe('JsonRecordScanner', () => {
  it.each([1, 2, 3, 7, 1000])('cuts InfoList items out of paged search results in chunks of %i', (chunk) => {
    expect(scan('hikvision-search', PAGES, chunk)).toEqual([
      { line: 1, text: '{"a":"}]{[\\"","n":1}', oversized: false, truncated: false },
      { line: 2, text: '{"a":2}', oversized: false, truncated: false },
      { line: 5, text: '{"b":[1,{"c":3}]}', oversized: false, truncated: false },
    ]);
  });

  it('ignores arrays named InfoList elsewhere and keys that only look like AcsEvent', () => {
    const text =
      '{"Other":{"InfoList":[{"x":1}]},"AcsEvent":{"Deep":{"InfoList":[{"y":1}]},"note":"AcsEvent"}}';
    expect(scan('hikvision-search', text)).toEqual([]);
  });

  it('reads concatenated, pretty-printed and array-wrapped top-level values', () => {
    const text = '{"a":1}{"b":\n 2}\n[{"c":3},\n{"d":4}]\n"str" 42 nul';
    expect(scan('top-level', text, 3).map((r) => [r.line, r.text])).toEqual([
      [1, '{"a":1}'],
      [1, '{"b":\n 2}'],
      [3, '{"c":3}'],
      [4, '{"d":4}'],
      [5, '"str"'],
      [5, '42'],
      [5, 'nul'],
    ]);
  });

  it('returns a record cut off by the end of the input as truncated', () => {
    expect(scan('top-level', '{"a":1}\n{"b":"open', 4)).toEqual([
      { line: 1, text: '{"a":1}', oversized: false, truncated: false },
      { line: 2, text: '{"b":"open', oversized: false, truncated: true },
    ]);
  });

  it('keeps only the head of an over-long record and goes on with the next', () => {
    const long = `{"x":"${'y'.repeat(5000)}"}`;
    const out = scan('top-level', `${long}\n{"z":1}`, 100, 2000);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ line: 1, oversized: true, truncated: false });
    expect(out[0].text.length).toBe(1024);
    expect(out[1]).toEqual({ line: 2, text: '{"z":1}', oversized: false, truncated: false });
  });
});
