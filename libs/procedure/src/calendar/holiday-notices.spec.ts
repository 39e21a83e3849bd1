import { DateTime } from 'luxon';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { CALENDAR_COVERAGE, HOLIDAY_NOTICES } from './holiday-notices';

/**
 * Pins the `chinese-days` package to the notices written out by hand in HOLIDAY_NOTICES: a package update that adds,
 * moves or drops a day off or a make-up working day in a covered year fails here before it can move a deadline.
 */

const pkg = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };

function expand(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = DateTime.fromISO(from, { zone: 'utc' }); d.toISODate()! <= to; d = d.plus({ days: 1 })) {
    out.push(d.toISODate()!);
  }
  return out;
}

const covered = (d: string): boolean => d >= CALENDAR_COVERAGE.from && d <= CALENDAR_COVERAGE.until;
const weekday = (d: string): number => DateTime.fromISO(d, { zone: 'utc' }).weekday;

describe('holiday notices 2020–2026 against chinese-days', () => {
  it('covers every year from 2020 to 2026 once, in order', () => {
    expect(HOLIDAY_NOTICES.map((n) => n.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(CALENDAR_COVERAGE).toEqual({ from: '2020-01-01', until: '2026-12-31' });
  });

  it.each(HOLIDAY_NOTICES.map((n) => [n.year, n] as const))(
    '%i: every day off of the notice is a holiday in the package',
    (_y, n) => {
      const days = n.spans.flatMap((s) => expand(s.from, s.to));
      expect(days.filter((d) => pkg.holidays[d] === undefined)).toEqual([]);
    },
  );

  it.each(HOLIDAY_NOTICES.map((n) => [n.year, n] as const))(
    '%i: the make-up working days are exactly the package’s',
    (y, n) => {
      const pkgDays = Object.keys(pkg.workdays)
        .filter((d) => d.startsWith(`${y}-`))
        .sort();
      expect(pkgDays).toEqual([...n.makeUpWorkingDays].sort());
      // A make-up day is a weekend day worked; a weekday there would be a typo in the table.
      expect(n.makeUpWorkingDays.filter((d) => weekday(d) < 6)).toEqual([]);
    },
  );

  it('the package has no day off in the covered years that no notice lists', () => {
    const listed = new Set(HOLIDAY_NOTICES.flatMap((n) => n.spans.flatMap((s) => expand(s.from, s.to))));
    const extra = Object.keys(pkg.holidays).filter((d) => covered(d) && !listed.has(d));
    expect(extra).toEqual([]);
  });

  it('each notice was issued before its year began (amendments inside it), spans ordered and inside the year or its eve', () => {
    for (const n of HOLIDAY_NOTICES) {
      expect(n.issued < `${n.year}-01-01`).toBe(true);
      for (const a of n.amendedBy) expect(a.issued.startsWith(`${n.year}-`)).toBe(true);
      for (const s of n.spans) {
        expect(s.from <= s.to).toBe(true);
        expect(s.from >= `${n.year - 1}-12-31` && s.to <= `${n.year}-12-31`).toBe(true);
      }
    }
  });

  it('2026 (国办发明电〔2025〕7号): Spring Festival 02-15..02-23, make-up Saturdays 02-14 and 02-28, make-up Sunday 01-04', () => {
    const n = HOLIDAY_NOTICES.find((x) => x.year === 2026)!;
    expect(n.docNumber).toBe('国办发明电〔2025〕7号');
    expect(n.spans.find((s) => s.name === '春节')).toEqual({
      name: '春节',
      from: '2026-02-15',
      to: '2026-02-23',
    });
    expect(n.makeUpWorkingDays).toEqual(expect.arrayContaining(['2026-01-04', '2026-02-14', '2026-02-28']));
    expect(weekday('2026-01-04')).toBe(7);
  });
});
