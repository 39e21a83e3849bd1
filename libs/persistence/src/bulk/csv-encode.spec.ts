import fc from 'fast-check';
import { copyInstant } from './csv-encode';

describe('copyInstant (an instant for COPY)', () => {
  it('writes every instant exactly as toISOString does, in time order or not', () => {
    const instant = fc.integer({ min: -62_000_000_000_000, max: 253_402_300_799_999 });
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 50 }), (times) => {
        for (const t of [...times, ...times.map((x) => x + 1), ...times.map((x) => x + 86_399_999)]) {
          if (t > 253_402_300_799_999) continue;
          expect(copyInstant(t)).toBe(new Date(t).toISOString());
        }
      }),
      { numRuns: 500 },
    );
  });

  it('agrees at the edges: midnight, the last millisecond of a day, before 1970, past 9999, a fraction', () => {
    for (const t of [
      0,
      -1,
      86_399_999,
      86_400_000,
      Date.UTC(2020, 1, 29, 23, 59, 59, 999),
      -62_198_755_200_001,
    ]) {
      expect(copyInstant(t)).toBe(new Date(t).toISOString());
    }
    expect(copyInstant(253_402_300_800_000)).toBe('+010000-01-01T00:00:00.000Z');
    expect(copyInstant(1.5)).toBe(new Date(1.5).toISOString());
  });
});
