import { DateTime } from 'luxon';
import {
  chineseUppercaseAmount,
  fitText,
  formatBytes,
  formatCount,
  formatLocalDate,
  formatLocalDateTime,
  formatLocalMinute,
  formatZoneOffset,
  wrapText,
} from './format';

describe('formatCount / formatBytes', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [305114, '305,114'],
    [100000000, '100,000,000'],
  ])('formatCount(%d) = %s', (n, text) => expect(formatCount(n)).toBe(text));

  it.each([
    [0, '0 B'],
    [1023, '1,023 B'],
    [1536, '1,536 B (1.5 KiB)'],
    [48211337, '48,211,337 B (46.0 MiB)'],
  ])('formatBytes(%d) = %s', (n, text) => expect(formatBytes(n)).toBe(text));
});

describe('chineseUppercaseAmount', () => {
  it.each([
    ['250000', '人民币贰拾伍万元整'],
    ['250000.00', '人民币贰拾伍万元整'],
    ['160000', '人民币壹拾陆万元整'],
    ['500000', '人民币伍拾万元整'],
    ['100500', '人民币壹拾万零伍佰元整'],
    ['1010', '人民币壹仟零壹拾元整'],
    ['10', '人民币壹拾元整'],
    ['100000005', '人民币壹亿零伍元整'],
    ['120000000', '人民币壹亿贰仟万元整'],
    ['20000001', '人民币贰仟万零壹元整'],
    ['8026000000', '人民币捌拾亿贰仟陆佰万元整'],
    ['100002600', '人民币壹亿零贰仟陆佰元整'],
    ['102600', '人民币壹拾万贰仟陆佰元整'],
    ['1000010', '人民币壹佰万零壹拾元整'],
    ['1.50', '人民币壹元伍角'],
    ['1.05', '人民币壹元零伍分'],
    ['1.55', '人民币壹元伍角伍分'],
    ['0.05', '人民币伍分'],
    ['0', '人民币零元整'],
    ['0.005', '人民币壹分'],
  ])('%s → %s', (amount, text) => expect(chineseUppercaseAmount(amount)).toBe(text));

  it('refuses negative amounts', () => {
    expect(() => chineseUppercaseAmount('-1')).toThrow(RangeError);
  });
});

describe('local time formatting', () => {
  it('prints instants in the firm zone with the offset', () => {
    expect(formatLocalDateTime('2021-04-20T02:00:00Z', 'Asia/Shanghai')).toBe('2021-04-20 10:00:00 +08:00');
    expect(formatLocalDate('2021-04-19T16:30:00Z', 'Asia/Shanghai')).toBe('2021-04-20');
    expect(formatLocalDate('2019-04-01', 'Asia/Shanghai')).toBe('2019-04-01');
    expect(formatZoneOffset('2021-07-01T00:00:00Z', 'Europe/Berlin')).toBe('UTC+02:00');
  });

  it('formatLocalMinute agrees with luxon every 7 minutes across DST changes, half-hour and odd zones', () => {
    const zones = [
      'Asia/Shanghai',
      'America/New_York',
      'America/St_Johns',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
    ];
    const start = Date.UTC(2021, 2, 13);
    const end = Date.UTC(2021, 2, 15);
    const autumn = Date.UTC(2021, 3, 3);
    for (const zone of zones) {
      for (const from of [start, autumn]) {
        for (let ms = from; ms < from + (end - start); ms += 7 * 60_000) {
          const iso = new Date(ms).toISOString();
          expect(formatLocalMinute(iso, zone)).toBe(
            DateTime.fromMillis(ms, { zone }).toFormat('yyyy-LL-dd HH:mm'),
          );
        }
      }
    }
  });
});

describe('wrapText', () => {
  const measure = (s: string) => Array.from(s).length * 10;

  it('keeps a short value on one line', () => {
    expect(wrapText('C-1, C-2', 100, 4, measure)).toEqual(['C-1, C-2']);
  });

  it('breaks lists after separators and identifiers between characters, losing nothing', () => {
    expect(wrapText('C-0001, C-0002, C-0003', 100, 4, measure)).toEqual(['C-0001,', 'C-0002,', 'C-0003']);
    const id = 'VISITOR-2020-12-01-ABCDEFGH';
    const lines = wrapText(id, 100, 4, measure);
    expect(lines.join('')).toBe(id);
    expect(lines.every((l) => measure(l) <= 100)).toBe(true);
  });

  it('ends with a visible ellipsis when the lines run out', () => {
    const lines = wrapText('A'.repeat(60), 100, 3, measure);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe(`${'A'.repeat(9)}…`);
    expect(lines.slice(0, 2).join('')).toBe('A'.repeat(20));
  });
});

describe('fitText', () => {
  const measure = (s: string) => Array.from(s).length * 10;

  it('keeps text that fits', () => {
    expect(fitText('P000123', 70, measure)).toBe('P000123');
  });

  it('cuts text that does not fit, with an ellipsis, to the longest prefix that does', () => {
    expect(fitText('MINOR_WITHOUT_GUARDIAN_CONSENT', 100, measure)).toBe('MINOR_WIT…');
    expect(measure(fitText('未成年人未经监护人同意', 55, measure))).toBeLessThanOrEqual(55);
    expect(fitText('未成年人未经监护人同意', 55, measure)).toBe('未成年人…');
  });

  it('returns a bare ellipsis when nothing fits', () => {
    expect(fitText('abc', 5, measure)).toBe('…');
  });
});
