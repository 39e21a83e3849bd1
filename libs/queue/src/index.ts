/** Queue contracts and the enqueue API: BullMQ on Redis when configured, inline otherwise. */
export {
  INSPECTION_QUEUE,
  JOB_NAMES,
  JOB_POLICY,
  WORKER_MAX_STALLED_COUNT,
  REAUDIT_SCHEDULE,
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
  ReauditAllFirmsJobData,
  IngestChunkJobData,
  CompleteBatchJobData,
} from './queue.contracts';
export { QUEUE_ERRORS } from './queue.errors';
export type { QueueErrorCode } from './queue.errors';
export { BullJobQueue, InlineJobQueue, startWorker, dispatch } from './job-queue';
export type { JobQueue, JobHandlers, BatchWait, BatchRunOptions, WorkerOptions } from './job-queue';
