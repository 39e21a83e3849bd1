import { DateTime } from 'luxon';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { PROCEDURE_ERRORS, ProcedureError } from '../procedure.errors';
import type { WorkingCalendar } from '../core/definition.types';
import { CALENDAR_COVERAGE, HOLIDAY_NOTICES, type HolidayNotice } from './holiday-notices';

/**
 * The PRC working-day calendar: Monday–Friday, minus the days off and plus the make-up working days the State
 * Council's General Office announces each year. The days come from the `chinese-days` package (its published JSON,
 * read once; the package's own date functions use the machine's time zone and are not used); the years covered and
 * the notice cited for each come from HOLIDAY_NOTICES, against which a spec pins the package.
 *
 * Dates are Beijing calendar dates `YYYY-MM-DD`; no instant or time zone is involved, so luxon works in UTC.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const data = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };

function parse(date: string, field = 'date'): DateTime {
  const d = DAY.test(date) ? DateTime.fromISO(date, { zone: 'utc' }) : null;
  if (!d || !d.isValid) {
    throw new ProcedureError(PROCEDURE_ERRORS.INVALID_INPUT, `not a date YYYY-MM-DD: "${date}"`, {
      field,
      date,
    });
  }
  return d;
}

function iso(d: DateTime): string {
  return d.toISODate() as string;
}

function assertCovered(date: string): void {
  if (date < CALENDAR_COVERAGE.from || date > CALENDAR_COVERAGE.until) {
    throw new ProcedureError(
      PROCEDURE_ERRORS.CALENDAR_NOT_COVERED,
      `${date} is outside the official holiday calendars pinned (${CALENDAR_COVERAGE.from} to ${CALENDAR_COVERAGE.until})`,
      { date, coveredFrom: CALENDAR_COVERAGE.from, coveredUntil: CALENDAR_COVERAGE.until },
    );
  }
}

/** Whether a day is a working day (工作日) in the PRC; throws PROCEDURE.CALENDAR_NOT_COVERED outside 2020–2026. */
export function isWorkingDay(date: string): boolean {
  const d = parse(date);
  assertCovered(date);
  if (data.workdays[date] !== undefined) return true;
  if (data.holidays[date] !== undefined) return false;
  return d.weekday <= 5;
}

/**
 * The n-th working day after `date` (n ≥ 0; n = 0 gives `date`). The start day is not counted — the general rule
 * for periods in Chinese procedure law (期间开始的时和日不计算在期间内, Civil Procedure Law; the APL has no rule of its
 * own, so this is applied by analogy — docs/procedure.md) — and only working days count,
 * as APL 2021 art. 85 says of the law's 2-, 3-, 5- and 7-day periods. So a 5-working-day window opened on a Friday
 * ends on the following Friday; one opened on the eve of a holiday ends five working days after the holiday.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) {
    throw new ProcedureError(
      PROCEDURE_ERRORS.INVALID_INPUT,
      `working days must be a whole number ≥ 0: ${n}`,
      {
        field: 'days',
      },
    );
  }
  let d = parse(date);
  assertCovered(date);
  let left = n;
  while (left > 0) {
    d = d.plus({ days: 1 });
    if (isWorkingDay(iso(d))) left -= 1;
  }
  return iso(d);
}

/** `date` plus n calendar days (n may be negative); calendar days need no holiday table and are never refused. */
export function addCalendarDays(date: string, n: number): string {
  return iso(parse(date).plus({ days: n }));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round(parse(to, 'to').diff(parse(from, 'from'), 'days').days);
}

/** `date` plus n years; 29 February becomes 28 February in a common year (luxon's rule). */
export function addYears(date: string, n: number): string {
  return iso(parse(date).plus({ years: n }));
}

/**
 * Working days d with from < d ≤ to (negative when `to` is earlier), so that addWorkingDays(from, k) ≤ to exactly
 * when k ≤ workingDaysBetween(from, to).
 */
export function workingDaysBetween(from: string, to: string): number {
  if (to < from) return -workingDaysBetween(to, from);
  let d = parse(from, 'from');
  const end = parse(to, 'to');
  assertCovered(from);
  assertCovered(to);
  let count = 0;
  while (d < end) {
    d = d.plus({ days: 1 });
    if (isWorkingDay(iso(d))) count += 1;
  }
  return count;
}

/** The notice that fixed a covered day's status (the notice of its calendar year; 12-31 of the year before the
 * 2023 notice belongs to it). Throws PROCEDURE.CALENDAR_NOT_COVERED outside the pinned years. */
export function holidayNoticeFor(date: string): HolidayNotice {
  parse(date);
  assertCovered(date);
  const inSpan = HOLIDAY_NOTICES.find((n) => n.spans.some((s) => s.from <= date && date <= s.to));
  return inSpan ?? (HOLIDAY_NOTICES.find((n) => n.year === Number(date.slice(0, 4))) as HolidayNotice);
}

/** The PRC calendar as the procedure engine's port (the engine's core never imports luxon or the package). */
export const PRC_WORKING_CALENDAR: WorkingCalendar = {
  id: 'cn-state-council-holidays',
  coverage: CALENDAR_COVERAGE,
  isWorkingDay,
  addWorkingDays,
  addCalendarDays,
  calendarDaysBetween,
  addYears,
  workingDaysBetween,
  sourceFor: (date) => {
    const n = holidayNoticeFor(date);
    return `${n.title}（${n.docNumber}，${n.issued}）`;
  },
};
