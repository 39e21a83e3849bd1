import { durationParts } from './duration';

describe("a run's duration", () => {
  const start = '2026-03-01T18:00:00.000Z';

  it.each([
    ['2026-03-01T18:00:00.400Z', { unit: 'seconds', s: 0 }],
    ['2026-03-01T18:00:59.000Z', { unit: 'seconds', s: 59 }],
    ['2026-03-01T18:01:05.000Z', { unit: 'minutes', m: 1, s: 5 }],
    ['2026-03-01T18:59:59.000Z', { unit: 'minutes', m: 59, s: 59 }],
    ['2026-03-01T20:30:10.000Z', { unit: 'hours', h: 2, m: 30 }],
  ])('ended at %s', (end, parts) => {
    expect(durationParts(start, end)).toEqual(parts);
  });

  it('has none while running, and never a negative one', () => {
    expect(durationParts(start, null)).toBeNull();
    expect(durationParts(start, '2026-03-01T17:59:00.000Z')).toEqual({ unit: 'seconds', s: 0 });
  });
});
