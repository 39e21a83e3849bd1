/** A statutory window as the alarm reads it (a procedure Deadline). */
export interface WatchedWindow {
  id: string;
  due: string;
  status: 'open' | 'near' | 'overdue' | 'met';
  suspended?: boolean;
}

/** Counts working days d with from < d ≤ to (negative when `to` is earlier); may throw outside its calendar. */
export type WorkingDaysBetween = (from: string, to: string) => number;

/**
 * Whether a window calls for a task today: `past` once the procedure says it lapsed (a party's window only after
 * its accepted-until day), `near` with at most `nearWorkingDays` working days to its last day, else null. A met or
 * suspended window raises nothing. Outside the calendar's years the procedure's own `near` stands in for the
 * count rather than a guess.
 */
export function windowAlarm(
  w: WatchedWindow,
  today: string,
  nearWorkingDays: number,
  workingDaysBetween: WorkingDaysBetween,
): 'near' | 'past' | null {
  if (w.status === 'met' || w.suspended === true) return null;
  if (w.status === 'overdue') return 'past';
  let left: number;
  try {
    left = workingDaysBetween(today, w.due);
  } catch {
    return w.status === 'near' ? 'near' : null;
  }
  return left <= nearWorkingDays ? 'near' : null;
}
