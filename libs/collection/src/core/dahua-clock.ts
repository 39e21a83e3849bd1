import { DateTime } from 'luxon';

/**
 * An instant on a Dahua terminal's clock scale: `CreateTime` counts the device's wall-clock seconds as if they
 * were UTC (the ingestion adapter reads it so), and StartTime/EndTime filter on that same scale, so a window
 * in real time is asked as its wall-clock seconds in the device's zone.
 */
export function deviceClockSeconds(at: Date, zone: string): number {
  const t = DateTime.fromJSDate(at, { zone });
  if (!t.isValid) throw new RangeError(`invalid time zone ${zone}`);
  return Math.floor(at.getTime() / 1000) + t.offset * 60;
}
