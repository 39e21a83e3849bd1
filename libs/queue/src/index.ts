/** Queue contracts and the enqueue API: BullMQ on Redis when configured, inline otherwise. */
export {
  INSPECTION_QUEUE,
  JOB_NAMES,
  DEFAULT_JOB_OPTIONS,
  REAUDIT_SCHEDULE,
  jobIdFor,
} from './queue.contracts';
export type {
  JobName,
  JobDataByName,
  InspectFolderJobData,
  AuditFirmJobData,
  ReauditAllFirmsJobData,
} from './queue.contracts';
export { BullJobQueue, InlineJobQueue, startWorker, dispatch } from './job-queue';
export type { JobQueue, JobHandlers } from './job-queue';
