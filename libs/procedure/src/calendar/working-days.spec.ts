import { PROCEDURE_ERRORS } from '../procedure.errors';
import {
  addCalendarDays,
  addWorkingDays,
  addYears,
  holidayNoticeFor,
  isWorkingDay,
  workingDaysBetween,
} from './working-days';

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

  describe('outside 2020–2026 it never guesses', () => {
    it.each([
      ['isWorkingDay 2027-01-04', () => isWorkingDay('2027-01-04')],
      ['isWorkingDay 2019-12-31', () => isWorkingDay('2019-12-31')],
      ['addWorkingDays walking into 2027', () => addWorkingDays('2026-12-30', 5)],
      ['workingDaysBetween into 2027', () => workingDaysBetween('2026-12-01', '2027-01-05')],
    ])('%s → PROCEDURE.CALENDAR_NOT_COVERED', (_name, fn) => {
      expect(codeOf(fn)).toBe(PROCEDURE_ERRORS.CALENDAR_NOT_COVERED);
    });
    it('reaches 2026-12-31 itself (Thu 12-30 + 1)', () => {
      expect(addWorkingDays('2026-12-30', 1)).toBe('2026-12-31');
    });
  });

  it('refuses a malformed date', () => {
    expect(codeOf(() => isWorkingDay('2026-2-3'))).toBe(PROCEDURE_ERRORS.INVALID_INPUT);
    expect(codeOf(() => isWorkingDay('2026-02-30'))).toBe(PROCEDURE_ERRORS.INVALID_INPUT);
  });

  it('names the notice behind a day, the 2023 notice for 2022-12-31', () => {
    expect(holidayNoticeFor('2026-02-18').docNumber).toBe('国办发明电〔2025〕7号');
    expect(holidayNoticeFor('2022-12-31').docNumber).toBe('国办发明电〔2022〕16号');
    expect(holidayNoticeFor('2022-06-01').docNumber).toBe('国办发明电〔2021〕11号');
  });
});
