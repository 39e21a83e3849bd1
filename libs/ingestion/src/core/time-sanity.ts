import { formatInstant, parseInstant } from '@app/common';
import { clip } from './field-reader';
import type { QuarantineReason } from './quarantine-reasons';

/**
 * The instants an evidence time may fall in: not before `notBefore` (2000-01-01T00:00Z: no consumer face
 * recognition logs exist from before) and not after `notAfter` (the time of ingest plus a tolerance for
 * clocks running fast). Times outside are quarantined as INGEST.IMPLAUSIBLE_TIME.
 */
export interface TimeWindow {
  notBefore: number;
  notAfter: number;
}

/** 2000-01-01T00:00:00Z, the earliest plausible evidence time. */
export const EARLIEST_PLAUSIBLE_TIME = Date.UTC(2000, 0, 1);

/** Default tolerance for times after the time of ingest (a device clock running fast): one day. */
export const DEFAULT_FUTURE_TOLERANCE_MS = 86_400_000;

/** The window for an ingest at `ingestAt` (epoch ms) with `toleranceMs` for times ahead of it. */
export function plausibleWindow(ingestAt: number, toleranceMs = DEFAULT_FUTURE_TOLERANCE_MS): TimeWindow {
  return { notBefore: EARLIEST_PLAUSIBLE_TIME, notAfter: ingestAt + toleranceMs };
}

/** A time that cannot be evidence, with its reason. */
export interface TimeProblem {
  code: QuarantineReason;
  message: string;
}

/** What checkEvidenceTime applies: `placeholder` and `window` are off for times that may lie far ahead (expiry). */
export interface TimeChecks {
  window?: TimeWindow;
  /** Refuse year 9999 (a "never" / "unknown" placeholder, not a time something happened). Default true. */
  placeholder?: boolean;
}

const YEAR = /^\s*([+-]?\d+)-/;
const LOCAL_WALL_CLOCK =
  /^\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2}))?(?:(?::\d{2}(?:[.,]\d{1,9})?)?)?\s*$/;

/** Per zone, per local quarter hour: whether that wall-clock time exists (false inside a DST gap). */
const existsCache = new Map<string, Map<number, boolean>>();
const QUARTER = 900_000;

function wallClockExists(zone: string, date: string, hour: number, minute: number): boolean {
  const [y, mo, d] = date.split('-').map(Number);
  // Every DST transition in the tz database starts on a quarter hour: checking the quarter's start is exact.
  const local = Date.UTC(y, mo - 1, d, hour, minute - (minute % 15));
  const bucket = Math.floor(local / QUARTER);
  let byZone = existsCache.get(zone);
  if (!byZone) {
    byZone = new Map();
    existsCache.set(zone, byZone);
  }
  let exists = byZone.get(bucket);
  if (exists === undefined) {
    const hh = String(hour).padStart(2, '0');
    const mm = String(minute - (minute % 15)).padStart(2, '0');
    const ms = parseInstant(`${date}T${hh}:${mm}:00`, zone);
    // A wall-clock time inside a gap is shifted by the zone rules: read back, it is another time.
    exists = ms !== null && formatInstant(ms, zone).slice(0, 16) === `${date}T${hh}:${mm}`;
    if (byZone.size > 200_000) byZone.clear();
    byZone.set(bucket, exists);
  }
  return exists;
}

const bound = (ms: number): string => (Number.isFinite(ms) ? new Date(ms).toISOString() : 'open');

/**
 * Parses an evidence time and runs checkEvidenceTime on it: the parser FieldReader.optionalTime takes
 * (null: not ISO 8601; a TimeProblem: valid ISO 8601 but not evidence).
 */
export function evidenceTimeParser(
  field: string,
  zone: string,
  checks: TimeChecks = {},
): (text: string) => number | TimeProblem | null {
  return (text) => {
    const ms = parseInstant(text, zone);
    if (ms === null) return null;
    return checkEvidenceTime(field, text, ms, zone, checks) ?? ms;
  };
}

/**
 * The sanity checks an evidence time passes beyond being valid ISO 8601 (`ms` is what parseInstant read from
 * `text` in `zone`). In order: a year 0000-0099 (JavaScript reads it as 1900-1999), year 9999 (a
 * placeholder), a local time the device's zone skips (a DST gap: it never happened), then the plausible
 * window. Returns null when the time is fine.
 */
export function checkEvidenceTime(
  field: string,
  text: string,
  ms: number,
  zone: string,
  checks: TimeChecks = {},
): TimeProblem | null {
  const y = YEAR.exec(text);
  const year = y === null ? null : Number(y[1]);
  if (year !== null && year < 100) {
    return {
      code: 'INGEST.TRUNCATED_YEAR',
      message: `${field} has year ${y![1]} (0000-0099 would be read as 1900-1999): "${clip(text)}"`,
    };
  }
  if ((checks.placeholder ?? true) && year === 9999) {
    return {
      code: 'INGEST.PLACEHOLDER_TIME',
      message: `${field} has year 9999, a placeholder rather than a time: "${clip(text)}"`,
    };
  }
  const local = LOCAL_WALL_CLOCK.exec(text);
  if (local !== null) {
    const hour = local[2] === undefined ? 0 : Number(local[2]);
    const minute = local[3] === undefined ? 0 : Number(local[3]);
    if (!wallClockExists(zone, local[1], hour, minute)) {
      return {
        code: 'INGEST.NONEXISTENT_LOCAL_TIME',
        message: `${field} "${clip(text)}" does not exist in ${zone} (the clocks skip it)`,
      };
    }
  }
  const w = checks.window;
  if (w !== undefined && (ms < w.notBefore || ms > w.notAfter)) {
    return {
      code: 'INGEST.IMPLAUSIBLE_TIME',
      message: `${field} ${new Date(ms).toISOString()} is outside the plausible window ${bound(w.notBefore)} – ${bound(w.notAfter)}`,
    };
  }
  return null;
}
