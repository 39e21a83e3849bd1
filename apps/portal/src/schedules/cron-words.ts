/**
 * The few cron shapes the bureau's schedules use, recognised so the page can say them in words ("daily at
 * 02:00"); anything else is shown as the cron itself. Five fields: minute hour day-of-month month day-of-week.
 */
export type CronWords =
  | { kind: 'everyMinutes'; step: number }
  | { kind: 'hourly'; minute: number }
  | { kind: 'daily'; time: string }
  | { kind: 'weekly'; weekday: number; time: string }
  | { kind: 'monthly'; day: number; time: string };

const NUMBER = /^\d{1,2}$/;

function inRange(field: string, min: number, max: number): number | null {
  if (!NUMBER.test(field)) return null;
  const n = Number(field);
  return n >= min && n <= max ? n : null;
}

/** `0 2 * * *` → daily at 02:00; null unless the cron is one plain fire a day, week, month, hour or every few minutes. */
export function cronWords(cron: string): CronWords | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const [min, hour, dom, month, dow] = fields;
  const step = /^\*\/(\d{1,2})$/.exec(min);
  if (step && hour === '*' && dom === '*' && month === '*' && dow === '*') {
    const n = Number(step[1]);
    // Only steps that divide the hour fire evenly (*/7 fires at :56 and again at :00).
    return n >= 1 && n < 60 && 60 % n === 0 ? { kind: 'everyMinutes', step: n } : null;
  }
  const minute = inRange(min, 0, 59);
  if (minute === null || month !== '*') return null;
  if (hour === '*') return dom === '*' && dow === '*' ? { kind: 'hourly', minute } : null;
  const h = inRange(hour, 0, 23);
  if (h === null) return null;
  const time = `${String(h).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  if (dom === '*' && dow === '*') return { kind: 'daily', time };
  if (dom === '*') {
    const weekday = inRange(dow, 0, 7);
    // Cron counts Sunday as 0 and as 7.
    return weekday === null ? null : { kind: 'weekly', weekday: weekday % 7, time };
  }
  if (dow === '*') {
    const day = inRange(dom, 1, 31);
    return day === null ? null : { kind: 'monthly', day, time };
  }
  return null;
}
