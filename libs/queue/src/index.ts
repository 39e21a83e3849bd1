/** Queue contracts and the enqueue API: BullMQ on Redis when configured, inline otherwise. */
export {
  INSPECTION_QUEUE,
  JOB_NAMES,
  JOB_POLICY,
  WORKER_MAX_STALLED_COUNT,
  RETIRED_SCHEDULER_IDS,
  SCHEDULE_QUEUE,
  SCHEDULE_JOB_NAMES,
  deploymentQueuePrefix,
  jobIdFor,
  jobOptions,
} from './queue.contracts';
export type {
  JobName,
  JobDataByName,
  JobEnvelope,
  JobPolicy,
  InspectFolderJobData,
  AuditFirmJobData,
  AnyJobName,
  ScheduleJobName,
  ScheduleJobDataByName,
  ScheduleTickJobData,
  ScheduleTargetJobData,
  IngestChunkJobData,
  CompleteBatchJobData,
} from './queue.contracts';
export { QUEUE_ERRORS } from './queue.errors';
export type { QueueErrorCode } from './queue.errors';
export { BullJobQueue, InlineJobQueue, startWorker, dispatch } from './job-queue';
export type { JobQueue, JobHandlers, BatchWait, BatchRunOptions, WorkerOptions } from './job-queue';
export { BullScheduleQueue, startScheduleWorker, dispatchScheduleJob } from './schedule-queue';
export type {
  ScheduleJobHandlers,
  ScheduleTargetJobState,
  ScheduleTick,
  SchedulerSpec,
} from './schedule-queue';
