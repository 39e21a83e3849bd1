import { DateTime } from 'luxon';
import { getSolarTermDate, getYearLeapMonth, monthDays } from 'chinese-days';

/**
 * The statutory public holidays of the 全国年节及纪念日放假办法 (Measures on National Annual Festivals and
 * Commemoration Days), placed on the Gregorian calendar for a year. The annual State Council notice arranges the
 * actual days off around these (bridging days, days in lieu of a holiday on a weekend, make-up working days); when
 * no notice is pinned for a year, the provisional calendar uses these days and weekends only.
 *
 * Art. 2 as amended by 国务院关于修改《全国年节及纪念日放假办法》的决定 (国务院令第795号, 2024-11-10, in force
 * 2025-01-01): 元旦 1 day (1 January); 春节 4 days (农历除夕 and 正月初一 to 初三); 清明节 1 day (the day of the Qingming
 * solar term); 劳动节 2 days (1 and 2 May); 端午节 1 day (农历五月初五); 中秋节 1 day (农历八月十五); 国庆节 3 days
 * (1 to 3 October). Before 2025 (国务院令第644号, 2013-12-11, in force 2014-01-01) 春节 was 正月初一 to 初三 (3 days) and
 * 劳动节 1 May only. Years before 2014 are not needed: the first pinned notice is 2020's.
 *
 * Lunar and solar-term dates come from the `chinese-days` package's tables, read so that the machine's time zone
 * cannot move them (see lunarToSolar and qingming).
 */

export interface StatutoryHoliday {
  /** The name as the notices print it (元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节). */
  name: string;
  /** The statutory days off, YYYY-MM-DD, ascending. */
  days: readonly string[];
}

/** The first and last year the lunar table and the measures' versions handled here are used for. */
export const STATUTORY_YEARS = { from: 2014, until: 2099 } as const;

/** The instrument the provisional calendar rests on, as printed in the docs and the provisional reason. */
export const HOLIDAY_MEASURES_2024 = {
  title: '全国年节及纪念日放假办法',
  amendedBy: '国务院关于修改《全国年节及纪念日放假办法》的决定',
  docNumber: '国务院令第795号',
  issued: '2024-11-10',
  inForceFrom: '2025-01-01',
} as const;

const LUNAR_EPOCH = DateTime.fromISO('1900-01-31', { zone: 'utc' }); // 正月初一 of lunar year 1900

function iso(d: DateTime): string {
  return d.toISODate() as string;
}

function lunarYearDays(y: number): number {
  let sum = 0;
  for (let m = 1; m <= 12; m += 1) sum += monthDays(y, m);
  return sum + getYearLeapMonth(y).days;
}

/**
 * The Gregorian date of a lunar date (a regular month, not the leap one). The package's own
 * getSolarDateFromLunar adds days to a local-time Date and gives the day after in zones west of UTC
 * (America/New_York: 2027-02-07 for 正月初一 2027, which is 2027-02-06); the month lengths it exports are plain
 * table reads, so the offset is summed here and added in UTC.
 */
export function lunarToSolar(lunarYear: number, month: number, day: number): string {
  let offset = 0;
  for (let y = 1900; y < lunarYear; y += 1) offset += lunarYearDays(y);
  const leap = getYearLeapMonth(lunarYear);
  for (let m = 1; m < month; m += 1) {
    offset += monthDays(lunarYear, m);
    if (leap.leapMonth === m) offset += leap.days;
  }
  return iso(LUNAR_EPOCH.plus({ days: offset + day - 1 }));
}

/** 农历除夕: the last day of the twelfth month of the lunar year before `year` (the eve of 正月初一 of `year`). */
export function lunarNewYearsEve(year: number): string {
  return iso(DateTime.fromISO(lunarToSolar(year, 1, 1), { zone: 'utc' }).minus({ days: 1 }));
}

/**
 * The day of the Qingming solar term (清明, the sun at 15° ecliptic longitude) in `year`. The package computes the
 * day number without dates, then formats it through a Date parsed as UTC midnight and read with local getters —
 * one day early west of UTC. The same round trip is applied here to find out whether this machine shifts the day,
 * and undone.
 */
export function qingming(year: number): string {
  const printed = getSolarTermDate(year, 4, 'pure_brightness');
  const probe = new Date(Date.UTC(year, 3, Number(printed.slice(8, 10))));
  const shifted = probe.getDate() !== probe.getUTCDate();
  return shifted ? iso(DateTime.fromISO(printed, { zone: 'utc' }).plus({ days: 1 })) : printed;
}

function span(first: string, n: number): string[] {
  const d = DateTime.fromISO(first, { zone: 'utc' });
  return Array.from({ length: n }, (_, i) => iso(d.plus({ days: i })));
}

/** The statutory holidays of a Gregorian year (STATUTORY_YEARS), by the version of the measures in force. */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  if (!Number.isInteger(year) || year < STATUTORY_YEARS.from || year > STATUTORY_YEARS.until) {
    throw new RangeError(`no statutory holiday rule handled for ${year}`);
  }
  const decree795 = year >= 2025;
  const eve = lunarNewYearsEve(year);
  return [
    { name: '元旦', days: [`${year}-01-01`] },
    // 除夕 is a statutory day off only from 2025; before, 正月初一 to 初三.
    decree795 ? { name: '春节', days: span(eve, 4) } : { name: '春节', days: span(eve, 4).slice(1) },
    { name: '清明节', days: [qingming(year)] },
    { name: '劳动节', days: decree795 ? [`${year}-05-01`, `${year}-05-02`] : [`${year}-05-01`] },
    { name: '端午节', days: [lunarToSolar(year, 5, 5)] },
    { name: '中秋节', days: [lunarToSolar(year, 8, 15)] },
    { name: '国庆节', days: span(`${year}-10-01`, 3) },
  ];
}
