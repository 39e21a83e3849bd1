import { toCsv } from './csv';

describe('toCsv', () => {
  it('starts with a BOM, quotes what needs it and ends lines with CRLF', () => {
    expect(
      toCsv(
        ['月份', 'n'],
        [
          ['2026-01', 3],
          ['a,"b"', null],
        ],
      ),
    ).toBe('\uFEFF月份,n\r\n2026-01,3\r\n"a,""b""",\r\n');
  });
});
