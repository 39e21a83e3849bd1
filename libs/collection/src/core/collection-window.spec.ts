import { deviceTime, EVERYTHING_FROM, rangeToCollect, splittable, splitWindow } from './collection-window';

const MIN = 60_000;
const settings = { overlapMs: 10 * MIN, settleMs: MIN, maxWindowMs: 60 * MIN };
const now = new Date('2025-03-01T12:00:30.500Z');

describe('rangeToCollect and splitWindow', () => {
  it('takes everything the terminal holds when neither cursor nor since is known, up to settle before now', () => {
    expect(rangeToCollect({ cursor: null, since: null }, now, settings)).toEqual({
      start: EVERYTHING_FROM,
      end: new Date('2025-03-01T11:59:30Z'),
    });
  });

  it('starts at since, or at the cursor less the overlap whatever since says', () => {
    expect(
      rangeToCollect({ cursor: null, since: new Date('2025-03-01T09:30:00.700Z') }, now, settings),
    ).toEqual({
      start: new Date('2025-03-01T09:30:00Z'),
      end: new Date('2025-03-01T11:59:30Z'),
    });
    const cursor = new Date('2025-03-01T11:50:00Z');
    expect(rangeToCollect({ cursor, since: new Date('2020-01-01T00:00:00Z') }, now, settings)).toEqual({
      start: new Date('2025-03-01T11:40:00Z'),
      end: new Date('2025-03-01T11:59:30Z'),
    });
  });

  it('asks nothing when the cursor is within the settle margin of now', () => {
    const s = { ...settings, overlapMs: 0 };
    expect(rangeToCollect({ cursor: new Date('2025-03-01T11:59:30Z'), since: null }, now, s)).toBeNull();
  });

  it('splits only windows longer than maxWindowMs, in halves on whole seconds', () => {
    const w = { start: new Date('2025-03-01T09:00:00Z'), end: new Date('2025-03-01T11:00:01Z') };
    expect(splittable(w, settings)).toBe(true);
    const [a, b] = splitWindow(w);
    expect([a.end, b.start]).toEqual([new Date('2025-03-01T10:00:00Z'), new Date('2025-03-01T10:00:00Z')]);
    expect(splittable(a, settings)).toBe(false);
  });

  it('writes times in the terminal’s zone with its offset', () => {
    expect(deviceTime(new Date('2025-03-01T00:12:44Z'), 'Asia/Shanghai')).toBe('2025-03-01T08:12:44+08:00');
    expect(() => deviceTime(now, 'Mars/Olympus')).toThrow(RangeError);
  });
});
