import { parseInstant } from '@app/common';
import { LocalTimeFormatter } from './time-text';

describe('LocalTimeFormatter', () => {
  it('writes Shanghai times with and without the offset, both read back to the same instant', () => {
    const f = new LocalTimeFormatter('Asia/Shanghai');
    const t = Date.UTC(2020, 1, 29, 16, 5, 9);
    expect(f.format(t, true)).toBe('2020-03-01T00:05:09+08:00');
    expect(f.format(t, false)).toBe('2020-03-01 00:05:09');
    expect(parseInstant(f.format(t, false), 'Asia/Shanghai')).toBe(t);
  });

  it('follows a zone with summer time and negative offsets', () => {
    const ams = new LocalTimeFormatter('Europe/Amsterdam');
    expect(ams.format(Date.UTC(2021, 2, 27, 11), true)).toBe('2021-03-27T12:00:00+01:00');
    expect(ams.format(Date.UTC(2021, 2, 29, 10), true)).toBe('2021-03-29T12:00:00+02:00');
    const ny = new LocalTimeFormatter('America/New_York');
    const t = Date.UTC(2021, 0, 15, 3, 30);
    expect(ny.format(t, true)).toBe('2021-01-14T22:30:00-05:00');
    expect(parseInstant(ny.format(t, true), 'UTC')).toBe(t);
  });

  it('tells the local hour', () => {
    expect(new LocalTimeFormatter('Asia/Shanghai').localHour(Date.UTC(2020, 0, 1, 16, 30))).toBe(0);
    expect(new LocalTimeFormatter('Asia/Shanghai').localHour(Date.UTC(2020, 0, 1, 1))).toBe(9);
    expect(new LocalTimeFormatter('America/New_York').localHour(Date.UTC(2021, 0, 15, 3, 30))).toBe(22);
  });
});
