import { fenToYuan, storedAmountToFen, yuanToFen } from './money-minor';

describe('yuan ↔ fen', () => {
  it('converts yuan decimal strings to fen exactly', () => {
    expect(yuanToFen('250000.00')).toBe(25_000_000);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('0.29')).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(yuanToFen('1005.07')).toBe(100_507);
    expect(yuanToFen('0')).toBe(0);
  });

  it('refuses what is not a yuan amount with at most two places', () => {
    for (const bad of ['', '-1', '1.234', '1e5', ' 1', '01', '1,000.00', '99999999999999.99', 'abc', '.5']) {
      expect(yuanToFen(bad)).toBeNull();
    }
  });

  it('prints fen as yuan with two places', () => {
    expect(fenToYuan(25_000_000)).toBe('250000.00');
    expect(fenToYuan(29)).toBe('0.29');
  });

  it('reads stored numeric amounts, capping an unbounded maximum', () => {
    expect(storedAmountToFen('5000000.00')).toBe(500_000_000);
    expect(storedAmountToFen('0.29')).toBe(29);
    expect(storedAmountToFen('1e30')).toBe(Number.MAX_SAFE_INTEGER);
  });
});
