import type { Deadline, ProcedureDefinition } from '@app/procedure';

/**
 * A deadline as the API shows it: with its countdown from the server's one calendar (the procedure's working-day
 * calendar with the State Council notices), so no client ever counts working days itself.
 */
export interface DeadlineView extends Deadline {
  /**
   * Working-day windows: working days after today up to and including the last day (0 = today is the last day;
   * negative = overdue by that many working days). Null for calendar-day windows, met or suspended deadlines, or a
   * day outside the calendar.
   */
  workingDaysLeft: number | null;
  /** Calendar-day windows: days after today up to the last day (0 = today; negative = overdue). Else null. */
  daysLeft: number | null;
}

/** The deadlines with their countdowns against `today` (Beijing), counted on the procedure's calendar. */
export function withCountdown(
  def: Pick<ProcedureDefinition, 'calendar'>,
  deadlines: readonly Deadline[],
  today: string,
): DeadlineView[] {
  return deadlines.map((d) => {
    const running = d.status !== 'met' && d.suspended !== true;
    let workingDaysLeft: number | null = null;
    let daysLeft: number | null = null;
    if (running) {
      try {
        if (d.counting === 'working-days') workingDaysLeft = def.calendar.workingDaysBetween(today, d.due);
        else daysLeft = def.calendar.calendarDaysBetween(today, d.due);
      } catch {
        // A day outside the calendar's reach (CALENDAR_NOT_COVERED): no countdown rather than a guess.
      }
    }
    return { ...d, workingDaysLeft, daysLeft };
  });
}
