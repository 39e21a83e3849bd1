import { windowAlarm, type WatchedWindow } from './window-alarm';

// Monday 2026-03-02 … Friday 2026-03-06 are working days; the weekend is not.
const WORKDAYS = new Set([
  '2026-03-02',
  '2026-03-03',
  '2026-03-04',
  '2026-03-05',
  '2026-03-06',
  '2026-03-09',
]);
const between = (from: string, to: string): number => {
  if (to < from) return -between(to, from);
  return [...WORKDAYS].filter((d) => d > from && d <= to).length;
};
const w = (due: string, status: WatchedWindow['status'] = 'open', suspended = false): WatchedWindow => ({
  id: 'decision',
  due,
  status,
  suspended,
});

describe('windowAlarm', () => {
  it('is near within the configured working days, counting over the weekend', () => {
    expect(windowAlarm(w('2026-03-09'), '2026-03-05', 3, between)).toBe('near'); // Fri, Mon: 2 left
    expect(windowAlarm(w('2026-03-09'), '2026-03-02', 3, between)).toBeNull(); // 5 left
    expect(windowAlarm(w('2026-03-09'), '2026-03-02', 5, between)).toBe('near');
    expect(windowAlarm(w('2026-03-05'), '2026-03-05', 0, between)).toBe('near'); // the last day itself
  });

  it('is past once the procedure says the window lapsed', () => {
    expect(windowAlarm(w('2026-03-03', 'overdue'), '2026-03-04', 3, between)).toBe('past');
  });

  it('raises nothing for a met or suspended window', () => {
    expect(windowAlarm(w('2026-03-03', 'met'), '2026-03-04', 3, between)).toBeNull();
    expect(windowAlarm(w('2026-03-03', 'near', true), '2026-03-03', 3, between)).toBeNull();
  });

  it("falls back on the procedure's own near outside the calendar", () => {
    const uncovered = () => {
      throw new Error('CALENDAR_NOT_COVERED');
    };
    expect(windowAlarm(w('2031-01-02', 'near'), '2030-12-30', 3, uncovered)).toBe('near');
    expect(windowAlarm(w('2031-01-02', 'open'), '2030-12-30', 3, uncovered)).toBeNull();
  });
});
