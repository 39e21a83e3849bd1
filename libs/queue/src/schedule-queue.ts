import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type IORedis from 'ioredis';
import {
  SCHEDULE_JOB_NAMES,
  SCHEDULE_QUEUE,
  deploymentQueuePrefix,
  jobIdFor,
  jobOptions,
  type JobEnvelope,
  type JobPolicy,
  type ScheduleJobDataByName,
  type ScheduleJobName,
  type ScheduleTargetJobData,
} from './queue.contracts';
import { validateJobData } from './job-payloads';
import {
  connection,
  defaultRefused,
  guardedProcessor,
  workerSettings,
  type WorkerOptions,
} from './job-queue';

/** A tick as its handler sees it: the instant it was scheduled for is always known. */
export type ScheduleTick = Required<ScheduleJobDataByName['ScheduleTick']>;

/** What BullMQ knows of a target job's earlier runs that its handler needs. */
export interface ScheduleTargetJobState {
  /**
   * The job was put back after its lock lapsed (BIOAUDIT_JOB_LOCK_MS): the worker that held it died, so the
   * run it was holding may be taken over at once rather than after the run's lease.
   */
  holderDied: boolean;
}

/** What the schedule queue's jobs do; implemented by libs/schedules. */
export interface ScheduleJobHandlers {
  ScheduleTick(data: ScheduleTick): Promise<unknown>;
  ScheduleTarget(
    data: ScheduleJobDataByName['ScheduleTarget'],
    state: ScheduleTargetJobState,
  ): Promise<unknown>;
}

/**
 * Runs one schedule job by name: one exhaustive switch, validated payloads. `scheduledAt` is the instant a job
 * scheduler created the tick for (a tick enqueued by hand names its own); `stalled`, whether a worker running
 * this job died before (its lock lapsed).
 */
export async function dispatchScheduleJob(
  handlers: ScheduleJobHandlers,
  name: string,
  data: unknown,
  scheduledAt: Date,
  stalled = false,
): Promise<unknown> {
  const n = name as ScheduleJobName;
  switch (n) {
    case 'ScheduleTick': {
      const tick = validateJobData(n, data);
      return handlers.ScheduleTick({
        schedule: tick.schedule,
        scheduledAt: tick.scheduledAt ?? scheduledAt.toISOString(),
      });
    }
    case 'ScheduleTarget':
      return handlers.ScheduleTarget(validateJobData(n, data), { holderDied: stalled });
    default: {
      const never: never = n;
      throw new UnrecoverableError(`no handler for job ${String(never)}`);
    }
  }
}

/** A schedule as BullMQ's job scheduler is given it. */
export interface SchedulerSpec {
  name: string;
  cron: string;
  timeZone: string;
}

/** The schedule queue of one deployment: its job schedulers, ticks and target jobs. */
export class BullScheduleQueue {
  private readonly redis: IORedis;
  readonly queue: Queue;
  readonly prefix: string;

  constructor(
    redisUrl: string,
    private readonly deployment: { deploymentId: string; prefix?: string },
  ) {
    this.redis = connection(redisUrl);
    this.prefix = deploymentQueuePrefix(deployment.prefix ?? 'bioaudit', deployment.deploymentId);
    this.queue = new Queue(SCHEDULE_QUEUE, { connection: this.redis, prefix: this.prefix });
  }

  private stamp<T extends object>(data: T): T & JobEnvelope {
    return { ...data, deploymentId: this.deployment.deploymentId };
  }

  /**
   * One job scheduler per schedule (id = its name, idempotent), and none for a schedule no longer defined.
   * Its ticks carry only the schedule's name; the worker adds the instant each was scheduled for.
   */
  async upsertSchedulers(specs: readonly SchedulerSpec[]): Promise<void> {
    for (const spec of specs) {
      await this.queue.upsertJobScheduler(
        spec.name,
        { pattern: spec.cron, tz: spec.timeZone },
        {
          name: SCHEDULE_JOB_NAMES.ScheduleTick,
          data: this.stamp({ schedule: spec.name }),
          opts: jobOptions('ScheduleTick'),
        },
      );
    }
    const wanted = new Set(specs.map((s) => s.name));
    for (const existing of await this.queue.getJobSchedulers()) {
      const id = existing.id ?? existing.key;
      if (id && !wanted.has(id)) await this.queue.removeJobScheduler(id);
    }
  }

  /** A tick of `schedule` for `scheduledAt`, as its job scheduler would add it (one job per fire). */
  async tick(schedule: string, scheduledAt: Date): Promise<string> {
    const data = { schedule, scheduledAt: scheduledAt.toISOString() };
    validateJobData('ScheduleTick', data);
    const job = await this.queue.add(SCHEDULE_JOB_NAMES.ScheduleTick, this.stamp(data), {
      ...jobOptions('ScheduleTick'),
      jobId: jobIdFor('ScheduleTick', data),
    });
    return job.id!;
  }

  /**
   * One job per target, with the definition's attempts and backoff; the job id is the business key, so a
   * tick repeated or overlapping adds nothing BullMQ still holds (and the run row stops the rest).
   */
  async enqueueTargets(
    targets: readonly ScheduleTargetJobData[],
    policy: Pick<JobPolicy, 'attempts' | 'backoff'>,
  ): Promise<string[]> {
    const jobs = await this.queue.addBulk(
      targets.map((t) => {
        validateJobData('ScheduleTarget', t);
        return {
          name: SCHEDULE_JOB_NAMES.ScheduleTarget,
          data: this.stamp(t),
          opts: { ...jobOptions('ScheduleTarget'), ...policy, jobId: jobIdFor('ScheduleTarget', t) },
        };
      }),
    );
    return jobs.map((j) => j.id!);
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.redis.quit().catch(() => undefined);
  }
}

/** When a tick job was scheduled for: its job scheduler's instant, else when it was added (plus its delay). */
function scheduledInstant(job: Job): Date {
  const prevMillis = (job.opts as { prevMillis?: number }).prevMillis;
  return new Date(prevMillis ?? job.timestamp + (job.opts.delay ?? 0));
}

/**
 * A BullMQ worker on one deployment's schedule queue, with the same guards as the inspection queue's. It
 * refuses to start without a handler for each schedule job.
 */
export function startScheduleWorker(
  redisUrl: string,
  handlers: ScheduleJobHandlers,
  options: WorkerOptions,
): { worker: Worker; close: () => Promise<void> } {
  for (const name of Object.values(SCHEDULE_JOB_NAMES)) {
    if (typeof handlers[name] !== 'function')
      throw new Error(`worker refuses to start: no handler for job ${name}`);
  }
  const redis = connection(redisUrl);
  const worker = new Worker(
    SCHEDULE_QUEUE,
    guardedProcessor(options, options.onRefused ?? defaultRefused, (job, data) =>
      dispatchScheduleJob(handlers, job.name, data, scheduledInstant(job), job.stalledCounter > 0),
    ),
    workerSettings(redis, options),
  );
  return {
    worker,
    close: async () => {
      await worker.close();
      await redis.quit().catch(() => undefined);
    },
  };
}
