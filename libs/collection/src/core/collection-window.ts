import { DateTime } from 'luxon';

/** How windows are cut (AppConfig.collection). */
export interface WindowSettings {
  /** Re-asked before the cursor on every run: events that reach the terminal late, clocks running slow. */
  overlapMs: number;
  /** Left out at the recent end: the terminal may still be writing events of the last moments. */
  settleMs: number;
  /** The longest window from a known start: bounds what a failed window makes the next run fetch again. */
  maxWindowMs: number;
}

/** One request window, both ends inclusive, whole seconds (ISAPI times have no fractions). */
export interface CollectionWindow {
  start: Date;
  end: Date;
}

/** The start of "everything the terminal still holds" when neither a cursor nor `since` is known (terminals reject earlier years). */
export const EVERYTHING_FROM = new Date('2000-01-01T00:00:00Z');

function floorSecond(ms: number): Date {
  return new Date(Math.floor(ms / 1000) * 1000);
}

/**
 * What to ask a terminal for at `now`: from the cursor less the overlap (else `since`, else everything) to
 * `now` less the settle margin, or null when that is empty. The collector cuts it further (splitWindow)
 * where it holds more than a page and spans more than maxWindowMs.
 */
export function rangeToCollect(
  state: { cursor: Date | null; since: Date | null },
  now: Date,
  s: WindowSettings,
): CollectionWindow | null {
  const end = floorSecond(now.getTime() - s.settleMs).getTime();
  const from =
    state.cursor !== null
      ? state.cursor.getTime() - s.overlapMs
      : state.since !== null
        ? state.since.getTime()
        : EVERYTHING_FROM.getTime();
  const start = floorSecond(Math.max(from, EVERYTHING_FROM.getTime())).getTime();
  return start < end ? { start: new Date(start), end: new Date(end) } : null;
}

/** Whether a window is too long to be paged whole (then it is split if it holds more than one page). */
export function splittable(w: CollectionWindow, s: WindowSettings): boolean {
  return w.end.getTime() - w.start.getTime() > s.maxWindowMs;
}

/** The two halves of a window, cut on a whole second. */
export function splitWindow(w: CollectionWindow): [CollectionWindow, CollectionWindow] {
  const mid = floorSecond((w.start.getTime() + w.end.getTime()) / 2);
  return [
    { start: w.start, end: mid },
    { start: mid, end: w.end },
  ];
}

/** A time as the terminal expects it: ISO 8601 in its own zone with the offset, to the second. */
export function deviceTime(at: Date, zone: string): string {
  const t = DateTime.fromJSDate(at, { zone });
  if (!t.isValid) throw new RangeError(`invalid time zone ${zone}`);
  return t.toISO({ suppressMilliseconds: true, includeOffset: true });
}
