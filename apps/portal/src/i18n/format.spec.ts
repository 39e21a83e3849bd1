import { formatDateTime, formatDay, formatMoney, formatWan } from './format';

describe('portal formatting', () => {
  it('shows money exactly, with two decimals, in either language', () => {
    expect(formatMoney('250000', 'zh-CN')).toBe('¥250,000.00');
    expect(formatMoney('250000.5', 'en')).toBe('CN¥250,000.50');
  });

  it('writes the compact 万元 form for Chinese and a compact figure for English', () => {
    expect(formatWan('250000', 'zh-CN')).toBe('25万元');
    expect(formatWan(1_234_500, 'zh-CN')).toBe('123.45万元');
    expect(formatWan(9_000, 'zh-CN')).toBe('9,000元');
    expect(formatWan('250000', 'en')).toBe('CN¥250K');
  });

  it("shows days as calendar days and instants in the bureau's zone", () => {
    expect(formatDay('2026-01-19', 'zh-CN')).toBe('2026年1月19日');
    expect(formatDay('2026-01-19', 'en')).toBe('Jan 19, 2026');
    // An instant is the day it falls on in Beijing: a withdrawal at midnight on 1 March is 1 March, not 28 February.
    expect(formatDay('2025-02-28T16:00:00.000Z', 'zh-CN')).toBe('2025年3月1日');
    expect(formatDay('2025-03-01T15:59:59Z', 'en')).toBe('Mar 1, 2025');
    // 16:30 UTC is half past midnight the next day in Beijing.
    expect(formatDateTime('2026-01-19T16:30:00Z', 'zh-CN')).toBe('2026年1月20日 00:30');
  });
});
