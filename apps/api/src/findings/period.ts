import { DateTime } from 'luxon';

/** The legal calendar: evidence periods are Beijing dates. */
const ZONE = 'Asia/Shanghai';

/**
 * A period filter as an instant range [from, to): `2021`, `2021-03`, `2021-03-05`, or two of these joined by
 * `..` (both ends inclusive, as a person reads "March to May"). Null when it does not parse.
 */
export function parsePeriod(period: string): { from: Date; to: Date } | null {
  const [a, b, ...rest] = period.split('..');
  if (rest.length > 0) return null;
  const start = unitOf(a);
  const end = b === undefined ? start : unitOf(b);
  if (!start || !end) return null;
  const from = start.start;
  const to = end.start.plus(end.length);
  if (to <= from) return null;
  return { from: from.toJSDate(), to: to.toJSDate() };
}

function unitOf(
  s: string,
): { start: DateTime; length: { years?: number; months?: number; days?: number } } | null {
  const formats: [RegExp, string, { years?: number; months?: number; days?: number }][] = [
    [/^\d{4}$/, 'yyyy', { years: 1 }],
    [/^\d{4}-\d{2}$/, 'yyyy-MM', { months: 1 }],
    [/^\d{4}-\d{2}-\d{2}$/, 'yyyy-MM-dd', { days: 1 }],
  ];
  for (const [re, format, length] of formats) {
    if (!re.test(s)) continue;
    const start = DateTime.fromFormat(s, format, { zone: ZONE });
    return start.isValid ? { start, length } : null;
  }
  return null;
}
