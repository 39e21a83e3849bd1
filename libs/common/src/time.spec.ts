import { birthdayInstant, parseInstant, parseIsoDate } from './time';

describe('parseInstant', () => {
  it('reads Z and explicit offsets exactly', () => {
    expect(parseInstant('2021-04-01T01:30:00Z', 'Asia/Shanghai')).toBe(Date.UTC(2021, 3, 1, 1, 30));
    expect(parseInstant('2021-04-01T09:30:00+08:00', 'UTC')).toBe(Date.UTC(2021, 3, 1, 1, 30));
    expect(parseInstant('2021-04-01T09:30:00+0800', 'UTC')).toBe(Date.UTC(2021, 3, 1, 1, 30));
    expect(parseInstant('2021-03-31T20:30:00-05:00', 'UTC')).toBe(Date.UTC(2021, 3, 1, 1, 30));
    expect(parseInstant('2021-04-01T01:30:00.250Z', 'UTC')).toBe(Date.UTC(2021, 3, 1, 1, 30, 0, 250));
  });

  it('reads times without an offset in the given zone, across a DST change', () => {
    expect(parseInstant('2021-04-01 09:30:00', 'Asia/Shanghai')).toBe(Date.UTC(2021, 3, 1, 1, 30));
    expect(parseInstant('2021-04-01', 'Asia/Shanghai')).toBe(Date.UTC(2021, 2, 31, 16, 0));
    expect(parseInstant('2021-03-27T12:00:00', 'Europe/Amsterdam')).toBe(Date.UTC(2021, 2, 27, 11, 0));
    expect(parseInstant('2021-03-29T12:00:00', 'Europe/Amsterdam')).toBe(Date.UTC(2021, 2, 29, 10, 0));
  });

  it('rejects impossible or malformed times', () => {
    for (const bad of [
      '',
      'yesterday',
      '2021-02-29T00:00:00Z',
      '2021-13-01',
      '2021-04-01T24:00:00Z',
      '2021-04-31',
      '2021-04-01T10:00:00+15:00',
    ]) {
      expect(parseInstant(bad, 'UTC')).toBeNull();
    }
    expect(parseInstant('2021-04-01T10:00:00', 'Mars/Olympus')).toBeNull();
    expect(parseInstant('2020-02-29T00:00:00Z', 'UTC')).toBe(Date.UTC(2020, 1, 29));
  });

  it('validates plain dates', () => {
    expect(parseIsoDate('2010-06-15')).toBe('2010-06-15');
    expect(parseIsoDate('2010-6-15')).toBeNull();
    expect(parseIsoDate('2010-02-30')).toBeNull();
  });

  it('finds the instant a person turns 14 at local midnight, leap days moving to 1 March', () => {
    expect(birthdayInstant('2010-06-15', 14, 'Asia/Shanghai')).toBe(Date.UTC(2024, 5, 14, 16));
    expect(birthdayInstant('2008-02-29', 14, 'UTC')).toBe(Date.UTC(2022, 2, 1));
    expect(birthdayInstant('2008-02-29', 16, 'UTC')).toBe(Date.UTC(2024, 1, 29));
  });
});
