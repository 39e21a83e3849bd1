import { CronExpressionParser } from 'cron-parser';

/*
 * cron-parser is the library BullMQ's job schedulers use to compute their next fire, so the in-process
 * scheduler and the BullMQ one agree to the millisecond, DST gaps and overlaps included.
 */

/** Null when `cron` is a valid five-field expression, else why not. */
export function cronProblem(cron: string): string | null {
  if (cron.trim().split(/\s+/).length !== 5) return 'a cron expression has five fields';
  try {
    CronExpressionParser.parse(cron, { tz: 'UTC' });
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The first fire of `cron` in `timeZone` strictly after `after`. */
export function nextFireAfter(cron: string, timeZone: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: timeZone }).next().toDate();
}

/** The last fire of `cron` in `timeZone` at or before `at`. */
export function lastFireAtOrBefore(cron: string, timeZone: string, at: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: new Date(at.getTime() + 1), tz: timeZone })
    .prev()
    .toDate();
}

/** How long the n-th retry (attempt n+1) waits: BullMQ's exponential backoff. */
export function backoffDelay(failedAttempts: number, delay: number): number {
  return delay * 2 ** Math.max(0, failedAttempts - 1);
}
