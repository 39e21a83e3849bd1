import { DomainError } from '@app/common';
import { parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['30d', 30 * 86_400_000],
    ['90d', 90 * 86_400_000],
    ['12h', 12 * 3_600_000],
    ['15m', 15 * 60_000],
    ['730d', 730 * 86_400_000],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '0d', '30', 'd', '-1d', '1.5d', '30 days', '1w', '731d', '99999999d'])(
    'refuses %p with AUTH.BAD_DURATION',
    (text) => {
      let error: unknown;
      try {
        parseDuration(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('AUTH.BAD_DURATION');
    },
  );
});
