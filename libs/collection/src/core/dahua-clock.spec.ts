import { deviceClockSeconds } from './dahua-clock';

describe('deviceClockSeconds', () => {
  it('counts the device’s wall clock as UTC seconds (CreateTime’s scale)', () => {
    // 2025-03-01T00:12:44Z is 08:12:44 in Shanghai; the fixture's CreateTime for it is 1740816764.
    expect(deviceClockSeconds(new Date('2025-03-01T00:12:44Z'), 'Asia/Shanghai')).toBe(1740816764);
    expect(deviceClockSeconds(new Date('2025-03-01T00:12:44.900Z'), 'UTC')).toBe(1740787964);
    // Daylight saving: the offset of that instant.
    expect(deviceClockSeconds(new Date('2025-07-01T12:00:00Z'), 'Europe/Berlin')).toBe(
      Date.parse('2025-07-01T14:00:00Z') / 1000,
    );
  });

  it('refuses an unknown zone', () => {
    expect(() => deviceClockSeconds(new Date(0), 'Mars/Olympus')).toThrow(RangeError);
  });
});
