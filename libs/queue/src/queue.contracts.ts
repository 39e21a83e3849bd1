/**
 * Queue contracts: names, job names, payloads and per-job options, in one place. Job ids derive from the
 * business key, so enqueueing the same work twice is one job.
 */
export const INSPECTION_QUEUE = 'inspection';
/**
 * Schedules' ticks and their per-target jobs: a queue of their own, so a nightly fan-out never waits behind a
 * long inspection (and the reverse), and its worker's concurrency is set apart.
 */
export const SCHEDULE_QUEUE = 'schedule';

export const JOB_NAMES = {
  InspectFolder: 'InspectFolder',
  AuditFirm: 'AuditFirm',
  IngestChunk: 'IngestChunk',
  CompleteBatch: 'CompleteBatch',
} as const;
export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];

/** Jobs of the schedule queue (libs/schedules handles them). */
export const SCHEDULE_JOB_NAMES = {
  ScheduleTick: 'ScheduleTick',
  ScheduleTarget: 'ScheduleTarget',
} as const;
export type ScheduleJobName = (typeof SCHEDULE_JOB_NAMES)[keyof typeof SCHEDULE_JOB_NAMES];

/** Any job of any queue. */
export type AnyJobName = JobName | ScheduleJobName;

export interface InspectFolderJobData {
  folder: string;
  operator: string;
  decisionDate?: string;
  outDir?: string;
}

export interface AuditFirmJobData {
  creditCode: string;
  operator: string;
  decisionDate?: string;
}

/** One chunk file of a large input file, stored by whichever worker takes it. */
export interface IngestChunkJobData {
  /** See CompleteBatchJobData.flowId. */
  flowId: string;
  batchId: string;
  firmId: string;
  kind: 'captures' | 'consents';
  chunkNo: number;
  /** Line number in the original file of the chunk's first data line. */
  firstLine: number;
  path: string;
  format: 'jsonl' | 'csv';
  captureFormat?: string;
  deviceId?: string;
  firmTimezone: string;
}

/** Closes a batch once all its chunks are stored: counts from the store, reconciled. */
export interface CompleteBatchJobData {
  /**
   * Distinguishes one submission of a batch from another: batch ids are only unique within one database,
   * and one Redis may outlive a database (or serve several), so job ids must not rest on them alone.
   */
  flowId: string;
  batchId: string;
  kind: 'captures' | 'consents';
  chunks: number;
  workDir: string;
}

export interface JobDataByName {
  InspectFolder: InspectFolderJobData;
  AuditFirm: AuditFirmJobData;
  IngestChunk: IngestChunkJobData;
  CompleteBatch: CompleteBatchJobData;
}

/**
 * A schedule fired: fan its targets out. A job scheduler's tick carries only the schedule; the worker adds the
 * instant it was scheduled for (BullMQ's own), so every tick of one fire names the same period.
 */
export interface ScheduleTickJobData {
  schedule: string;
  /** ISO UTC; set on a tick enqueued by hand, taken from the job scheduler otherwise. */
  scheduledAt?: string;
}

/** One target of one fire; its job id is the business key (schedule, target, period). */
export interface ScheduleTargetJobData {
  schedule: string;
  targetKey: string;
  target: Record<string, unknown>;
  /** The fire's scheduled instant, ISO UTC. */
  period: string;
}

export interface ScheduleJobDataByName {
  ScheduleTick: ScheduleTickJobData;
  ScheduleTarget: ScheduleTargetJobData;
}

export type AnyJobDataByName = JobDataByName & ScheduleJobDataByName;

/**
 * What every job payload carries besides its own data: the id of the deployment (database) that enqueued it.
 * A worker runs only jobs of its own deployment.
 */
export interface JobEnvelope {
  deploymentId: string;
}

/**
 * How hard each job is tried. `attempts` and `backoff` apply to a job that throws; `maxStalledCount` to one
 * whose worker died (killed, out of memory, cut off from Redis) so its lock expired: it is put back and run
 * again, at most this many times, before it fails for good. A worker killed mid-chunk is an ordinary event
 * on a fleet, so ingestion jobs survive as many deaths as they have attempts.
 */
export interface JobPolicy {
  attempts: number;
  backoff: { type: 'exponential'; delay: number };
  maxStalledCount: number;
}

const RETRIED: JobPolicy = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  maxStalledCount: 4,
};

/** The retry policy of each job, by name. */
export const JOB_POLICY: Readonly<Record<AnyJobName, JobPolicy>> = {
  InspectFolder: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, maxStalledCount: 2 },
  AuditFirm: RETRIED,
  IngestChunk: RETRIED,
  CompleteBatch: RETRIED,
  ScheduleTick: { attempts: 3, backoff: { type: 'exponential', delay: 10_000 }, maxStalledCount: 2 },
  // The default only: each target job is given its definition's own attempts and backoff.
  ScheduleTarget: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, maxStalledCount: 2 },
};

/** The stall limit a worker is given: the largest of any job's; each job's own is enforced per job. */
export const WORKER_MAX_STALLED_COUNT = Math.max(...Object.values(JOB_POLICY).map((p) => p.maxStalledCount));

/** BullMQ options of a job: its policy's retries, completed jobs kept a week, failures kept for the operator. */
export function jobOptions(name: AnyJobName): {
  attempts: number;
  backoff: JobPolicy['backoff'];
  removeOnComplete: { age: number; count: number };
  removeOnFail: false;
} {
  const { attempts, backoff } = JOB_POLICY[name];
  return { attempts, backoff, removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 }, removeOnFail: false };
}

/**
 * The BullMQ key prefix of a deployment: the configured prefix, then the deployment's id. Two deployments
 * sharing a Redis (and a configured prefix) never see each other's queues.
 */
export function deploymentQueuePrefix(configuredPrefix: string, deploymentId: string): string {
  return `${configuredPrefix}:${deploymentId}`;
}

/** The job scheduler of the single nightly re-audit before schedules as code; workers remove it at boot. */
export const RETIRED_SCHEDULER_IDS = ['nightly-reaudit'] as const;

/** A stable job id from the job's business key. */
export function jobIdFor<N extends JobName>(name: N, data: JobDataByName[N]): string;
export function jobIdFor<N extends ScheduleJobName>(name: N, data: ScheduleJobDataByName[N]): string;
export function jobIdFor(name: AnyJobName, data: unknown): string {
  switch (name) {
    case 'InspectFolder':
      return `${name}:${(data as InspectFolderJobData).folder}:${(data as InspectFolderJobData).decisionDate ?? ''}`.replace(
        /:/g,
        '|',
      );
    case 'AuditFirm':
      return `${name}|${(data as AuditFirmJobData).creditCode}|${(data as AuditFirmJobData).decisionDate ?? ''}`;
    case 'IngestChunk':
      return `${name}|${(data as IngestChunkJobData).flowId}|${(data as IngestChunkJobData).chunkNo}`;
    case 'CompleteBatch':
      return `${name}|${(data as CompleteBatchJobData).flowId}`;
    case 'ScheduleTick': {
      const tick = data as ScheduleTickJobData;
      return `${name}|${tick.schedule}|${(tick.scheduledAt ?? '').replace(/:/g, '')}`;
    }
    case 'ScheduleTarget': {
      const t = data as ScheduleTargetJobData;
      // BullMQ reserves ':' in job ids: the key is percent-encoded, the period's fixed-format colons dropped.
      return `${name}|${t.schedule}|${encodeURIComponent(t.targetKey)}|${t.period.replace(/:/g, '')}`;
    }
    default: {
      const never: never = name;
      return never;
    }
  }
}
