import { parsePeriod } from './period';

describe('parsePeriod (Beijing dates)', () => {
  it('reads a day, a month, a year and inclusive ranges of them', () => {
    expect(parsePeriod('2021-03-05')).toEqual({
      from: new Date('2021-03-04T16:00:00Z'),
      to: new Date('2021-03-05T16:00:00Z'),
    });
    expect(parsePeriod('2021-03')).toEqual({
      from: new Date('2021-02-28T16:00:00Z'),
      to: new Date('2021-03-31T16:00:00Z'),
    });
    expect(parsePeriod('2020')).toEqual({
      from: new Date('2019-12-31T16:00:00Z'),
      to: new Date('2020-12-31T16:00:00Z'),
    });
    expect(parsePeriod('2021-03..2021-05')).toEqual({
      from: new Date('2021-02-28T16:00:00Z'),
      to: new Date('2021-05-31T16:00:00Z'),
    });
  });

  it('refuses impossible dates, reversed ranges and other shapes', () => {
    for (const bad of ['2021-02-30', '2021-13', '2021-05..2021-03', '2021..2022..2023', 'March', '']) {
      expect([bad, parsePeriod(bad)]).toEqual([bad, null]);
    }
  });
});
