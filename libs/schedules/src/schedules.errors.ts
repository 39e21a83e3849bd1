/** Stable error codes of the schedules lib; apps map them to exit codes / HTTP statuses. */
export const SCHEDULE_ERRORS = {
  /** No schedule of that name is defined (`bioaudit schedules run <name>`). */
  UNKNOWN: 'SCHEDULE.UNKNOWN',
  /** A definition is malformed (name, cron, attempts, concurrency, timeout): a bug, refused at boot. */
  BAD_DEFINITION: 'SCHEDULE.BAD_DEFINITION',
  /** `--firm` names no target of the schedule, or the schedule does not fan out per firm or device. */
  NO_SUCH_TARGET: 'SCHEDULE.NO_SUCH_TARGET',
  /** A target's run failed on its last attempt (raised as an alert). */
  TARGET_FAILED: 'SCHEDULE.TARGET_FAILED',
  /** A target's attempt ran past its definition's timeout (aborted). */
  TIMEOUT: 'SCHEDULE.TIMEOUT',
} as const;
export type ScheduleErrorCode = (typeof SCHEDULE_ERRORS)[keyof typeof SCHEDULE_ERRORS];
