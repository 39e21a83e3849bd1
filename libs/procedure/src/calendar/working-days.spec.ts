import chineseDays from 'chinese-days/dist/chinese-days.json';
import { PROCEDURE_ERRORS } from '../procedure.errors';
import { HOLIDAY_NOTICES, type HolidayNotice } from './holiday-notices';
import {
  type CalendarDayTables,
  PRC_WORKING_CALENDAR,
  addCalendarDays,
  countStatus,
  createPrcWorkingCalendar,
  partyLastDay,
  addWorkingDays,
  addYears,
  holidayNoticeFor,
  isWorkingDay,
  workingDaysBetween,
} from './working-days';

function expandDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) out.push(d);
  return out;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

describe('the PRC working-day calendar', () => {
  describe('isWorkingDay', () => {
    it.each([
      ['2026-02-13', true, 'Friday before the Spring Festival'],
      ['2026-02-14', true, 'make-up Saturday'],
      ['2026-02-15', false, 'first day off (Sunday)'],
      ['2026-02-18', false, 'Wednesday in the Spring Festival'],
      ['2026-02-23', false, 'Monday, last day off'],
      ['2026-02-24', true, 'Tuesday after'],
      ['2026-02-28', true, 'make-up Saturday'],
      ['2026-03-01', false, 'ordinary Sunday'],
      ['2026-01-04', true, 'make-up Sunday after New Year'],
      ['2026-01-02', false, 'New Year, Friday'],
      ['2026-09-20', true, 'make-up Sunday before National Day'],
      ['2026-10-07', false, 'National Day, Wednesday'],
      ['2026-10-10', true, 'make-up Saturday'],
      ['2020-02-01', false, 'Saturday first meant as make-up, then given off (国办发明电〔2020〕1号)'],
      ['2020-02-03', true, 'work resumed after the extended Spring Festival'],
      ['2022-12-31', false, 'Saturday in the 2023 New Year holiday'],
      ['2023-01-28', true, 'make-up Saturday 2023'],
    ])('%s → %s (%s)', (date, expected) => {
      expect(isWorkingDay(date)).toBe(expected);
    });
  });

  describe('addWorkingDays counts the n-th working day after the start day', () => {
    it('0 days is the start day itself', () => {
      expect(addWorkingDays('2026-11-30', 0)).toBe('2026-11-30');
    });
    it('an ordinary week: Friday 2026-11-27 + 5 = Friday 12-04 (Mon 30, Tue 1, Wed 2, Thu 3, Fri 4)', () => {
      expect(addWorkingDays('2026-11-27', 5)).toBe('2026-12-04');
    });
    it('over the 2026 Spring Festival: Thu 02-12 + 5 = Thu 02-26 (Fri 13, Sat 14 make-up, [15..23 off], Tue 24, Wed 25, Thu 26)', () => {
      expect(addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
    });
    it('Fri 02-13 + 3 = Wed 02-25 (Sat 14, Tue 24, Wed 25)', () => {
      expect(addWorkingDays('2026-02-13', 3)).toBe('2026-02-25');
    });
    it('the make-up Sunday counts: Wed 2025-12-31 + 1 = Sun 2026-01-04 (01-01..03 off)', () => {
      expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
    });
    it('National Day 2026: Wed 09-30 + 5 = Tue 10-13 (Thu 8, Fri 9, Sat 10 make-up, Mon 12, Tue 13)', () => {
      expect(addWorkingDays('2026-09-30', 5)).toBe('2026-10-13');
    });
    it('Mid-Autumn with a make-up Sunday: Fri 09-18 + 7 = Tue 09-29 (Sun 20, Mon 21–Thu 24, [25..27 off], Mon 28, Tue 29)', () => {
      expect(addWorkingDays('2026-09-18', 7)).toBe('2026-09-29');
    });
    it('refuses a negative or fractional count', () => {
      expect(codeOf(() => addWorkingDays('2026-03-02', -1))).toBe(PROCEDURE_ERRORS.INVALID_INPUT);
      expect(codeOf(() => addWorkingDays('2026-03-02', 1.5))).toBe(PROCEDURE_ERRORS.INVALID_INPUT);
    });
  });

  describe('workingDaysBetween counts days d with from < d ≤ to', () => {
    it('Fri 02-13 to Sat 02-28 2026 = 6 (14, 24, 25, 26, 27, 28)', () => {
      expect(workingDaysBetween('2026-02-13', '2026-02-28')).toBe(6);
    });
    it('is the inverse of addWorkingDays and antisymmetric', () => {
      const to = addWorkingDays('2026-09-18', 7);
      expect(workingDaysBetween('2026-09-18', to)).toBe(7);
      expect(workingDaysBetween(to, '2026-09-18')).toBe(-7);
      expect(workingDaysBetween('2026-09-18', '2026-09-18')).toBe(0);
    });
  });

  describe('calendar days and years need no holiday table', () => {
    it('adds calendar days across months and outside the covered years', () => {
      expect(addCalendarDays('2026-01-31', 90)).toBe('2026-05-01');
      expect(addCalendarDays('2027-03-01', 1)).toBe('2027-03-02');
    });
    it('29 February plus a year is 28 February', () => {
      expect(addYears('2024-02-29', 2)).toBe('2026-02-28');
    });
  });

  describe('before the first pinned notice it never guesses', () => {
    it.each([
      ['isWorkingDay 2019-12-31', () => isWorkingDay('2019-12-31')],
      ['addWorkingDays from 2019', () => addWorkingDays('2019-12-30', 1)],
      ['workingDaysBetween from 2019', () => workingDaysBetween('2019-12-01', '2020-01-05')],
      ['isWorkingDay 2100-01-04 (after the lunar years handled)', () => isWorkingDay('2100-01-04')],
    ])('%s → PROCEDURE.CALENDAR_NOT_COVERED', (_name, fn) => {
      expect(codeOf(fn)).toBe(PROCEDURE_ERRORS.CALENDAR_NOT_COVERED);
    });
  });

  describe('after the last pinned notice (2026) it counts provisionally: weekends and the statutory holidays', () => {
    it.each([
      ['2027-01-01', false, 'New Year (Friday), statutory'],
      ['2027-01-04', true, 'Monday after (no notice: not known whether it is a bridging day)'],
      ['2027-02-04', true, 'Thursday before 除夕'],
      ['2027-02-05', false, '除夕 (Friday), statutory from 2025'],
      ['2027-02-08', false, '初三 (Monday)'],
      [
        '2027-02-09',
        true,
        'Tuesday after 初三 (the notice will almost surely give it off: see partyLastDay)',
      ],
      ['2027-04-05', false, 'Qingming (Monday)'],
      ['2027-06-09', false, 'Dragon Boat (Wednesday)'],
      ['2027-09-15', false, 'Mid-Autumn (Wednesday)'],
      ['2027-10-01', false, 'National Day (Friday)'],
      ['2027-10-04', true, 'Monday after National Day'],
      ['2027-02-20', false, 'an ordinary Saturday (a make-up day cannot be known)'],
    ])('%s → %s (%s)', (date, expected) => {
      expect(isWorkingDay(date)).toBe(expected);
    });

    it('a window from Mon 2026-12-28: + 5 = Tue 2027-01-05 (29, 30, 31, [01-01], 04, 05), provisional for 2027', () => {
      expect(addWorkingDays('2026-12-28', 5)).toBe('2027-01-05');
      expect(countStatus('2026-12-28', '2027-01-05')).toMatchObject({
        provisional: true,
        missingNoticeYears: [2027],
      });
      expect(countStatus('2026-12-21', '2026-12-31')).toEqual({ provisional: false });
      // The reason names the missing notice and the measures counted instead.
      const s = countStatus('2026-12-28', '2027-01-05');
      expect(s.provisional && s.reason).toContain('2027');
      expect(s.provisional && s.reason).toContain('国务院令第795号');
    });

    it('reaches 2026-12-31 itself, confirmed (Thu 12-30 + 1)', () => {
      expect(addWorkingDays('2026-12-30', 1)).toBe('2026-12-31');
      expect(countStatus('2026-12-30', '2026-12-31').provisional).toBe(false);
    });

    it('over the 2027 Spring Festival: Mon 02-01 + 5 = Wed 02-10 (2, 3, 4, [5 除夕 .. 8 初三], 9, 10)', () => {
      expect(addWorkingDays('2027-02-01', 5)).toBe('2027-02-10');
      expect(workingDaysBetween('2027-02-01', '2027-02-10')).toBe(5);
    });
  });

  describe('the bridging days the pinned notices added, and the party’s safe last day', () => {
    it('per holiday, the most weekdays off beyond the statutory days in 2020–2026, at most 5 days from one', () => {
      // 春节 5: 2020 (statutory 初一–初三 01-25..27; off 01-24..02-02 with the extension: Fri 24, Tue 28 – Fri 31).
      // 劳动节 3: 2022 (statutory 05-01, a Sunday; off 04-30..05-04: Mon 2, Tue 3, Wed 4).
      // 国庆节/中秋节 4: 2020 (statutory 10-01..03, 中秋 10-01; off to 10-08: Mon 5 – Thu 8), 5 days after 10-03.
      // 元旦 1: 2022 (Mon 01-03 in lieu of Sat 01-01), 2023 (Mon 01-02), 2026 (Fri 01-02).
      expect(PRC_WORKING_CALENDAR.bridgingDays).toEqual({
        元旦: 1,
        春节: 5,
        清明节: 1,
        劳动节: 3,
        端午节: 1,
        中秋节: 4,
        国庆节: 4,
      });
      expect(PRC_WORKING_CALENDAR.bridgingReach).toBe(5);
    });

    it('a confirmed window’s safe last day is its last day', () => {
      expect(partyLastDay('2026-02-12', 5)).toBe('2026-02-26');
      expect(partyLastDay('2026-12-21', 5)).toBe('2026-12-28');
    });

    it('New Year 2027: Mon 2026-12-28 + 5 = 01-05 provisional; accepted until Wed 01-06 (+1 for 元旦)', () => {
      expect(partyLastDay('2026-12-28', 5)).toBe('2027-01-06');
    });

    it('Spring Festival 2027: Mon 02-01 + 5 = 02-10 provisional; accepted until Wed 02-17 (+5 for 春节)', () => {
      expect(partyLastDay('2027-02-01', 5)).toBe('2027-02-17');
    });

    it('an ordinary provisional stretch needs no margin: Mon 2027-03-01 + 5 = Mon 03-08', () => {
      expect(addWorkingDays('2027-03-01', 5)).toBe('2027-03-08');
      expect(partyLastDay('2027-03-01', 5)).toBe('2027-03-08');
    });

    it('a holiday just after the provisional last day counts too (a bridging day may come before it)', () => {
      // Wed 2027-06-02 + 5 = Thu 06-10 (3, 4, 7, 8, [9 端午], 10); + 1 for 端午 = Fri 06-11.
      expect(addWorkingDays('2027-06-02', 5)).toBe('2027-06-10');
      expect(partyLastDay('2027-06-02', 5)).toBe('2027-06-11');
      // Tue 06-01 + 5 = Tue 06-08, the day before 端午: still + 1 (2, 3, 4, 7, 8, [9], 10).
      expect(addWorkingDays('2027-06-01', 5)).toBe('2027-06-08');
      expect(partyLastDay('2027-06-01', 5)).toBe('2027-06-10');
    });
  });

  describe('a notice added for a later year makes it confirmed by itself', () => {
    // A made-up 2027 notice (NOT the real one, which is not published): New Year 01-01..03, Spring Festival
    // 02-05..02-13 with Saturday 02-20 worked; the day tables carry it as an updated package would.
    const fake: HolidayNotice = {
      year: 2027,
      title: '国务院办公厅关于2027年部分节假日安排的通知（测试用虚构）',
      docNumber: '国办发明电〔2026〕0号',
      issued: '2026-11-01',
      amendedBy: [],
      spans: [
        { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
        { name: '春节', from: '2027-02-05', to: '2027-02-13' },
      ],
      makeUpWorkingDays: ['2027-02-20'],
      confidence: 'U',
      verifiedIn: 'test fixture',
    };
    const pkg = chineseDays as CalendarDayTables;
    const off = Object.fromEntries(
      [...fake.spans.flatMap((s) => expandDays(s.from, s.to))].map((d) => [d, 'fake']),
    );
    const cal = createPrcWorkingCalendar([...HOLIDAY_NOTICES, fake], {
      holidays: { ...pkg.holidays, ...off },
      workdays: { ...pkg.workdays, '2027-02-20': 'fake' },
    });

    it('2027 is confirmed and counted on the notice’s days; 2028 is now the provisional year', () => {
      expect(cal.coverage).toEqual({ from: '2020-01-01', until: '2027-12-31' });
      expect(cal.countStatus('2026-12-28', '2027-01-05')).toEqual({ provisional: false });
      // Tue 2, Wed 3, Thu 4, [5..13 off], Mon 15, Tue 16.
      expect(cal.addWorkingDays('2027-02-01', 5)).toBe('2027-02-16');
      expect(cal.isWorkingDay('2027-02-09')).toBe(false);
      expect(cal.isWorkingDay('2027-02-20')).toBe(true);
      // Confirmed: the party's window ends on its last day, no margin.
      expect(cal.partyLastDay('2027-02-01', 5)).toBe('2027-02-16');
      expect(cal.countStatus('2027-12-27', '2028-01-04')).toMatchObject({
        provisional: true,
        missingNoticeYears: [2028],
      });
      expect(cal.sourceFor('2027-02-09')).toContain('国办发明电〔2026〕0号');
      // The production calendar is untouched: 2027 stays provisional there.
      expect(countStatus('2026-12-28', '2027-01-05').provisional).toBe(true);
      expect(PRC_WORKING_CALENDAR.sourceFor('2027-02-09')).toContain('暂定');
    });
  });

  it('refuses a malformed date', () => {
    expect(codeOf(() => isWorkingDay('2026-2-3'))).toBe(PROCEDURE_ERRORS.INVALID_INPUT);
    expect(codeOf(() => isWorkingDay('2026-02-30'))).toBe(PROCEDURE_ERRORS.INVALID_INPUT);
  });

  it('names the notice behind a day, the 2023 notice for 2022-12-31', () => {
    expect(holidayNoticeFor('2026-02-18')?.docNumber).toBe('国办发明电〔2025〕7号');
    expect(holidayNoticeFor('2022-12-31')?.docNumber).toBe('国办发明电〔2022〕16号');
    expect(holidayNoticeFor('2022-06-01')?.docNumber).toBe('国办发明电〔2021〕11号');
    expect(holidayNoticeFor('2027-02-09')).toBeNull();
  });
});
