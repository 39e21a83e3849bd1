/** Schedules as code: definitions, the executor both schedulers share, alerts, and the in-process scheduler. */
export { SchedulesModule } from './schedules.module';
export { SCHEDULES } from './schedule-definition';
export type {
  ScheduleAlert,
  ScheduleDefinition,
  ScheduleFanOut,
  ScheduleRunContext,
  ScheduleTarget,
  ScheduleTargetResult,
} from './schedule-definition';
export { SCHEDULE_ERRORS } from './schedules.errors';
export type { ScheduleErrorCode } from './schedules.errors';
export { ScheduleRegistry } from './schedule-registry';
export { ScheduleExecutor } from './schedule-executor';
export type { TargetOutcome } from './schedule-executor';
export { AlertService } from './alert.service';
export { InProcessScheduler } from './in-process-scheduler';
export type { FireReport } from './in-process-scheduler';
export { ScheduleJobRunner } from './schedule-job-runner';
export { SchedulesService } from './schedules.service';
export type { ScheduleView } from './schedules.service';
/** Fire-time arithmetic (cron-parser, as BullMQ's job schedulers compute it). */
export { nextFireAfter, lastFireAtOrBefore } from './core/cron';
