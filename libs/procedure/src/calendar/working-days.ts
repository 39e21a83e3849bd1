import { DateTime } from 'luxon';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { PROCEDURE_ERRORS, ProcedureError } from '../procedure.errors';
import type { CountStatus, WorkingCalendar } from '../core/definition.types';
import { HOLIDAY_NOTICES, type HolidayNotice } from './holiday-notices';
import { HOLIDAY_MEASURES_2024, STATUTORY_YEARS, statutoryHolidays } from './statutory-holidays';

/**
 * The PRC working-day calendar: Monday–Friday, minus the days off and plus the make-up working days the State
 * Council's General Office announces each year. For a year with a pinned notice the days come from the
 * `chinese-days` package (its published JSON, read once; the package's own date functions use the machine's time
 * zone and are not used) and the notice cited comes from HOLIDAY_NOTICES, against which a spec pins the package.
 *
 * A year after the last pinned notice is counted PROVISIONALLY: weekends plus the statutory holidays of the
 * 全国年节及纪念日放假办法 (statutory-holidays.ts). The notice for such a year is published late in the year before
 * and moves days (bridging days off, days in lieu, make-up working days) that nobody can know earlier; every count
 * that touches such a year says so (countStatus), and a party's window is accepted up to partyLastDay.
 *
 * Dates are Beijing calendar dates `YYYY-MM-DD`; no instant or time zone is involved, so luxon works in UTC.
 */

/** The package's day tables (or a test's). */
export interface CalendarDayTables {
  holidays: Readonly<Record<string, string>>;
  workdays: Readonly<Record<string, string>>;
}

/** The PRC calendar, with what it derived from the notices (for the docs and the specs). */
export interface PrcWorkingCalendar extends WorkingCalendar {
  /** The years whose notice is pinned (confirmed). */
  confirmedYears: readonly number[];
  /** Per holiday name: the most weekdays off beyond the statutory days any pinned notice gave (bridging, in lieu). */
  bridgingDays: Readonly<Record<string, number>>;
  /** The farthest (calendar days) any such extra day lay from a statutory day of its holiday. */
  bridgingReach: number;
  /** The last day the calendar answers at all (provisionally after the last notice). */
  lastDay: string;
  /** The pinned notice behind a day, null in a provisional year. */
  holidayNoticeFor(date: string): HolidayNotice | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

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

function expand(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = parse(from); iso(d) <= to; d = d.plus({ days: 1 })) out.push(iso(d));
  return out;
}

const yearOf = (date: string): number => Number(date.slice(0, 4));

/**
 * What the pinned notices added to each statutory holiday: the weekdays a notice gave off beyond the statutory days
 * of its year (bridging days, and days in lieu of a statutory day on a weekend), the most for each holiday, and how
 * far from a statutory day of that holiday such a day ever lay. A span the notice names for two holidays
 * (国庆节、中秋节) counts for both.
 */
function bridgingOf(notices: readonly HolidayNotice[]): { days: Record<string, number>; reach: number } {
  const days: Record<string, number> = {};
  let reach = 0;
  for (const n of notices) {
    if (n.year < STATUTORY_YEARS.from || n.year > STATUTORY_YEARS.until) continue;
    const statutory = statutoryHolidays(n.year);
    for (const s of n.spans) {
      const names = s.name.split('、');
      const legal = statutory.filter((h) => names.includes(h.name)).flatMap((h) => h.days);
      const extra = expand(s.from, s.to).filter((d) => parse(d).weekday <= 5 && !legal.includes(d));
      for (const d of extra) {
        const gap = Math.min(...legal.map((l) => Math.abs(parse(d).diff(parse(l), 'days').days)));
        reach = Math.max(reach, gap);
      }
      for (const name of names) days[name] = Math.max(days[name] ?? 0, extra.length);
    }
  }
  return { days, reach };
}

/**
 * Builds the calendar from a table of pinned notices and the day tables that carry them (the package's in
 * production; a spec passes a fake notice for a future year to show that year turns confirmed by itself).
 */
export function createPrcWorkingCalendar(
  notices: readonly HolidayNotice[],
  tables: CalendarDayTables,
): PrcWorkingCalendar {
  const confirmedYears = notices.map((n) => n.year).sort((a, b) => a - b);
  const confirmed = new Set(confirmedYears);
  const coverage = {
    from: `${confirmedYears[0]}-01-01`,
    until: `${confirmedYears[confirmedYears.length - 1]}-12-31`,
  };
  const lastDay = `${STATUTORY_YEARS.until}-12-31`;
  const bridging = bridgingOf(notices);
  const statutoryCache = new Map<number, ReturnType<typeof statutoryHolidays>>();
  const statutory = (year: number): ReturnType<typeof statutoryHolidays> => {
    let s = statutoryCache.get(year);
    if (!s) {
      s = statutoryHolidays(year);
      statutoryCache.set(year, s);
    }
    return s;
  };

  function assertAnswerable(date: string): void {
    if (date < coverage.from || date > lastDay) {
      throw new ProcedureError(
        PROCEDURE_ERRORS.CALENDAR_NOT_COVERED,
        `${date} is outside the PRC working-day calendar (${coverage.from} to ${lastDay}; confirmed by the pinned notices until ${coverage.until})`,
        { date, coveredFrom: coverage.from, coveredUntil: coverage.until, answersUntil: lastDay },
      );
    }
  }

  function isWorkingDay(date: string): boolean {
    const d = parse(date);
    assertAnswerable(date);
    if (confirmed.has(d.year)) {
      if (tables.workdays[date] !== undefined) return true;
      if (tables.holidays[date] !== undefined) return false;
      return d.weekday <= 5;
    }
    return d.weekday <= 5 && !statutory(d.year).some((h) => h.days.includes(date));
  }

  function addWorkingDays(date: string, n: number): string {
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
    assertAnswerable(date);
    let left = n;
    while (left > 0) {
      d = d.plus({ days: 1 });
      if (isWorkingDay(iso(d))) left -= 1;
    }
    return iso(d);
  }

  function workingDaysBetween(from: string, to: string): number {
    if (to < from) return -workingDaysBetween(to, from);
    let d = parse(from, 'from');
    const end = parse(to, 'to');
    assertAnswerable(from);
    assertAnswerable(to);
    let count = 0;
    while (d < end) {
      d = d.plus({ days: 1 });
      if (isWorkingDay(iso(d))) count += 1;
    }
    return count;
  }

  function countStatus(from: string, to: string): CountStatus {
    const a = parse(from, 'from');
    const b = parse(to, 'to');
    if (b <= a) return { provisional: false };
    const missing: number[] = [];
    for (let y = a.plus({ days: 1 }).year; y <= b.year; y += 1) if (!confirmed.has(y)) missing.push(y);
    if (missing.length === 0) return { provisional: false };
    return {
      provisional: true,
      missingNoticeYears: missing,
      reason:
        `no State Council holiday notice for ${missing.join(', ')} is pinned: counted on weekends and the statutory ` +
        `holidays of the ${HOLIDAY_MEASURES_2024.title} (${HOLIDAY_MEASURES_2024.docNumber}); the notice's bridging ` +
        `days, days in lieu and make-up working days are not known until it is published`,
    };
  }

  /**
   * Each unknown bridging day or day in lieu removes one working day from a window, so the real last day is at most
   * the provisional count extended by as many working days as the notices could add to the holidays near the window.
   * Per holiday that is the most any pinned notice added to it, and at least its statutory days that fall on a
   * weekend this year (art. 6 of the measures requires a weekday in lieu for those). Make-up working days can only
   * bring the real last day earlier, so they need no margin. Adding holidays can reach further ones: iterate.
   */
  function partyLastDay(date: string, n: number): string {
    const due = addWorkingDays(date, n);
    if (!countStatus(date, due).provisional) return due;
    const start = parse(date);
    let extra = 0;
    for (;;) {
      const end = addWorkingDays(date, n + extra);
      const lo = iso(start.minus({ days: bridging.reach }));
      const hi = iso(parse(end).plus({ days: bridging.reach }));
      let next = 0;
      for (let y = yearOf(lo); y <= yearOf(hi); y += 1) {
        if (confirmed.has(y) || y < STATUTORY_YEARS.from || y > STATUTORY_YEARS.until) continue;
        for (const h of statutory(y)) {
          if (!h.days.some((d) => d > lo && d <= hi)) continue;
          const inLieu = h.days.filter((d) => parse(d).weekday > 5).length;
          next += Math.max(bridging.days[h.name] ?? 0, inLieu);
        }
      }
      if (next <= extra) return end;
      extra = next;
    }
  }

  function holidayNoticeFor(date: string): HolidayNotice | null {
    parse(date);
    assertAnswerable(date);
    const inSpan = notices.find((n) => n.spans.some((s) => s.from <= date && date <= s.to));
    return inSpan ?? notices.find((n) => n.year === yearOf(date)) ?? null;
  }

  return {
    id: 'cn-state-council-holidays',
    coverage,
    confirmedYears,
    bridgingDays: bridging.days,
    bridgingReach: bridging.reach,
    lastDay,
    isWorkingDay,
    addWorkingDays,
    addCalendarDays: (date, n) => iso(parse(date).plus({ days: n })),
    calendarDaysBetween: (from, to) => Math.round(parse(to, 'to').diff(parse(from, 'from'), 'days').days),
    addYears: (date, n) => iso(parse(date).plus({ years: n })),
    workingDaysBetween,
    countStatus,
    partyLastDay,
    holidayNoticeFor,
    sourceFor: (date) => {
      const n = holidayNoticeFor(date);
      if (n) return `${n.title}（${n.docNumber}，${n.issued}）`;
      const m = HOLIDAY_MEASURES_2024;
      return `${m.title}（${m.docNumber}修订，${m.inForceFrom}施行）— 暂定：${yearOf(date)}年放假安排通知未发布`;
    },
  };
}

/** The PRC calendar as the procedure engine's port (the engine's core never imports luxon or the package). */
export const PRC_WORKING_CALENDAR: PrcWorkingCalendar = createPrcWorkingCalendar(
  HOLIDAY_NOTICES,
  chineseDays,
);

/**
 * Whether a day is a working day (工作日) in the PRC — provisionally after the last pinned notice; throws
 * PROCEDURE.CALENDAR_NOT_COVERED before the first notice (2020) and after the lunar tables handled (2099).
 */
export function isWorkingDay(date: string): boolean {
  return PRC_WORKING_CALENDAR.isWorkingDay(date);
}

/**
 * The n-th working day after `date` (n ≥ 0; n = 0 gives `date`). The start day is not counted — the general rule
 * for periods in Chinese procedure law (期间开始的时和日不计算在期间内, Civil Procedure Law; the APL has no rule of its
 * own, so this is applied by analogy — docs/procedure.md) — and only working days count,
 * as APL 2021 art. 85 says of the law's 2-, 3-, 5- and 7-day periods. So a 5-working-day window opened on a Friday
 * ends on the following Friday; one opened on the eve of a holiday ends five working days after the holiday.
 */
export function addWorkingDays(date: string, n: number): string {
  return PRC_WORKING_CALENDAR.addWorkingDays(date, n);
}

/** `date` plus n calendar days (n may be negative); calendar days need no holiday table. */
export function addCalendarDays(date: string, n: number): string {
  return PRC_WORKING_CALENDAR.addCalendarDays(date, n);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return PRC_WORKING_CALENDAR.calendarDaysBetween(from, to);
}

/** `date` plus n years; 29 February becomes 28 February in a common year (luxon's rule). */
export function addYears(date: string, n: number): string {
  return PRC_WORKING_CALENDAR.addYears(date, n);
}

/**
 * Working days d with from < d ≤ to (negative when `to` is earlier), so that addWorkingDays(from, k) ≤ to exactly
 * when k ≤ workingDaysBetween(from, to).
 */
export function workingDaysBetween(from: string, to: string): number {
  return PRC_WORKING_CALENDAR.workingDaysBetween(from, to);
}

/** Whether every day in (from, to] lies in a year whose notice is pinned, else which notices are missing. */
export function countStatus(from: string, to: string): CountStatus {
  return PRC_WORKING_CALENDAR.countStatus(from, to);
}

/** The last day a party's act in an n-working-day window after `date` is accepted (see PrcWorkingCalendar). */
export function partyLastDay(date: string, n: number): string {
  return PRC_WORKING_CALENDAR.partyLastDay(date, n);
}

/**
 * The notice that fixed a confirmed day's status (the notice of its calendar year; 12-31 of the year before the
 * 2023 notice belongs to it); null for a provisional day (no notice yet). Throws PROCEDURE.CALENDAR_NOT_COVERED
 * outside the calendar.
 */
export function holidayNoticeFor(date: string): HolidayNotice | null {
  return PRC_WORKING_CALENDAR.holidayNoticeFor(date);
}
