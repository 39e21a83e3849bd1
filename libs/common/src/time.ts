import { DateTime, IANAZone } from 'luxon';

/**
 * Reads ISO 8601 instants fast: this is on the ingestion hot path (millions of rows). Times with `Z` or an
 * offset are exact; times without one are wall-clock times in `zone`, whose offset is looked up once per
 * zone and hour and cached.
 */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

const HOUR = 3_600_000;
const offsetCache = new Map<string, Map<number, number>>();

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** Offset in ms of `zone` at the wall-clock instant `localMs` (a UTC-epoch encoding of the local time). */
function zoneOffsetAt(zone: string, localMs: number): number {
  let byHour = offsetCache.get(zone);
  if (!byHour) {
    byHour = new Map();
    offsetCache.set(zone, byHour);
  }
  const bucket = Math.floor(localMs / HOUR);
  let offset = byHour.get(bucket);
  if (offset === undefined) {
    const d = new Date(bucket * HOUR);
    const local = DateTime.fromObject(
      {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
      },
      { zone },
    );
    offset = local.isValid ? local.offset * 60_000 : Number.NaN;
    byHour.set(bucket, offset);
  }
  return offset;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Parses an ISO 8601 date or date-time. Returns epoch milliseconds, or `null` when the text is not a valid
 * instant (bad syntax, 31 February, hour 25, unknown zone).
 */
export function parseInstant(text: string, zone: string): number | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const year = +m[1];
  const month = +m[2];
  const day = +m[3];
  const hour = m[4] === undefined ? 0 : +m[4];
  const minute = m[5] === undefined ? 0 : +m[5];
  const second = m[6] === undefined ? 0 : +m[6];
  const ms = m[7] === undefined ? 0 : Math.floor(+`0.${m[7]}` * 1000);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) return null;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const tz = m[8];
  if (tz === undefined) {
    const offset = zoneOffsetAt(zone, local);
    return Number.isNaN(offset) ? null : local - offset;
  }
  if (tz === 'Z' || tz === 'z') return local;
  const sign = tz.startsWith('-') ? -1 : 1;
  const digits = tz.slice(1).replace(':', '');
  const oh = +digits.slice(0, 2);
  const om = digits.length > 2 ? +digits.slice(2, 4) : 0;
  if (oh > 14 || om > 59) return null;
  return local - sign * (oh * HOUR + om * 60_000);
}

/** Parses `YYYY-MM-DD` strictly; returns the same string or null. */
export function parseIsoDate(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  return parseInstant(m[0], 'UTC') === null ? null : m[0];
}

/** The instant a person born on `birthDate` turns `years` old: local midnight of that birthday in `zone`. */
export function birthdayInstant(birthDate: string, years: number, zone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) return null;
  const y = +m[1] + years;
  let mo = +m[2];
  let d = +m[3];
  // A 29 February birthday is reached on 1 March in common years.
  if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) {
    mo = 3;
    d = 1;
  }
  const text = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return parseInstant(text, zone);
}

/** Formats epoch ms as an ISO 8601 string in `zone` with its offset (e.g. `2021-04-01T09:30:00+08:00`). */
export function formatInstant(epochMs: number, zone: string): string {
  return (
    DateTime.fromMillis(epochMs, { zone }).toISO({ suppressMilliseconds: true }) ??
    new Date(epochMs).toISOString()
  );
}

/** Formats epoch ms as the calendar date in `zone` (YYYY-MM-DD). */
export function formatDate(epochMs: number, zone: string): string {
  return DateTime.fromMillis(epochMs, { zone }).toISODate() ?? new Date(epochMs).toISOString().slice(0, 10);
}
