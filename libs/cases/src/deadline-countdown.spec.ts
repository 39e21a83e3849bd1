import type { Deadline } from '@app/procedure';
import { CN_SAMR_GENERAL } from '@app/procedure';
import { withCountdown } from './deadline-countdown';

const base: Deadline = {
  id: 'statement',
  label: { zh: '陈述申辩期限', en: 'Statement' },
  due: '2026-02-24',
  counting: 'working-days',
  basis: 'APL (2021) art. 62',
  status: 'open',
  metBy: 'defend',
  holder: 'party',
};

describe('withCountdown', () => {
  it('counts working days on the PRC calendar: the 2026 Spring Festival and its make-up Saturday', () => {
    // After Thu 12 Feb: Fri 13, Sat 14 (make-up working day), then the holiday 15–23 Feb, Tue 24 Feb.
    const [d] = withCountdown(CN_SAMR_GENERAL, [base], '2026-02-12');
    expect(d).toMatchObject({ workingDaysLeft: 3, daysLeft: null });
  });

  it('is 0 on the last day and negative when overdue', () => {
    expect(withCountdown(CN_SAMR_GENERAL, [base], '2026-02-24')[0].workingDaysLeft).toBe(0);
    expect(
      withCountdown(CN_SAMR_GENERAL, [{ ...base, status: 'overdue' }], '2026-02-26')[0].workingDaysLeft,
    ).toBe(-2);
  });

  it('counts calendar days for calendar-day windows', () => {
    const decision: Deadline = { ...base, id: 'decision', counting: 'calendar-days', due: '2026-04-05' };
    expect(withCountdown(CN_SAMR_GENERAL, [decision], '2026-03-06')[0]).toMatchObject({
      daysLeft: 30,
      workingDaysLeft: null,
    });
  });

  it('is null once met or while suspended', () => {
    const out = withCountdown(
      CN_SAMR_GENERAL,
      [
        { ...base, status: 'met', metOn: '2026-02-12' },
        { ...base, id: 'decision', counting: 'calendar-days', suspended: true },
      ],
      '2026-02-13',
    );
    expect(out.map((d) => [d.workingDaysLeft, d.daysLeft])).toEqual([
      [null, null],
      [null, null],
    ]);
  });
});
