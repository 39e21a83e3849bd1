/** One thing a schedule's fire fans out to: a firm, a device, or the one target of a `once` schedule. */
export interface ScheduleTarget {
  /** Part of the run's business key: a firm's credit code, a device's key, `once`. */
  key: string;
  /** What `run` needs; a firm or device target names its firm in `creditCode` (`schedules run --firm`). */
  data: Record<string, unknown>;
}

/** An alert a run raises: to the audit log, the run's row, and the webhook. No secrets, no biometric data. */
export interface ScheduleAlert {
  code: string;
  /** What it is about, e.g. `firm:91330201MA2GT00012`. */
  object: string;
  message: string;
}

/** What a target's run did. Alerts returned by a successful run are raised like failure alerts. */
export interface ScheduleTargetResult {
  summary: Record<string, unknown>;
  alerts?: { code: string; object: string; message: string }[];
}

export interface ScheduleRunContext {
  schedule: ScheduleDefinition;
  /** The scheduled fire instant, ISO UTC: the period of the run's business key. */
  period: string;
  scheduledAt: Date;
  /** Aborted when the attempt passes the definition's timeout (or the process stops). */
  signal: AbortSignal;
}

export type ScheduleFanOut = 'firm' | 'device' | 'case' | 'once';

/**
 * A schedule as code: an @Injectable class the app lists under SCHEDULES. Its cron is read in the bureau's
 * time zone (BIOAUDIT_TIMEZONE); each fire runs `run` once per target, each under the business key
 * (schedule, target key, period), so a fire repeated or overlapping does the work once.
 */
export interface ScheduleDefinition {
  /** kebab-case; the job scheduler's id and the run rows' `schedule`. */
  readonly name: string;
  readonly description: string;
  /** Five fields: minute hour day-of-month month day-of-week. */
  readonly cron: string;
  readonly fanOut: ScheduleFanOut;
  /** Per attempt; the attempt's signal is aborted and the attempt failed when it passes. */
  readonly timeoutMs: number;
  /** Attempts per target, the first included; after the last failed one an alert is raised. */
  readonly attempts: number;
  /** Exponential: the n-th retry waits `delay * 2^(n-1)` ms (BullMQ's formula). */
  readonly backoff: { type: 'exponential'; delay: number };
  /** Targets run at once (in-process: per fire; with BullMQ: per worker process). */
  readonly concurrency: number;
  targets(): Promise<ScheduleTarget[]>;
  run(target: ScheduleTarget, ctx: ScheduleRunContext): Promise<ScheduleTargetResult>;
}

/** Injection token: the app's list of schedule definitions (a factory provider listing them). */
export const SCHEDULES = Symbol('SCHEDULES');
