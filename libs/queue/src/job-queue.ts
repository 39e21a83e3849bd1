import { setTimeout as sleep } from 'node:timers/promises';
import { FlowProducer, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import { DomainError, isDomainError } from '@app/common';
import {
  INSPECTION_QUEUE,
  JOB_NAMES,
  JOB_POLICY,
  RETIRED_SCHEDULER_IDS,
  WORKER_MAX_STALLED_COUNT,
  deploymentQueuePrefix,
  jobIdFor,
  jobOptions,
  type JobDataByName,
  type JobEnvelope,
  type JobName,
  type AnyJobName,
  type JobPolicy,
} from './queue.contracts';
import { validateJobData } from './job-payloads';
import { QUEUE_ERRORS } from './queue.errors';

/** What each job does; implemented by the inspection pipeline, run by a worker or inline. */
export interface JobHandlers {
  InspectFolder(
    data: JobDataByName['InspectFolder'],
    progress: (p: number) => Promise<void>,
  ): Promise<unknown>;
  AuditFirm(data: JobDataByName['AuditFirm']): Promise<unknown>;
  IngestChunk(data: JobDataByName['IngestChunk']): Promise<unknown>;
  CompleteBatch(data: JobDataByName['CompleteBatch']): Promise<unknown>;
  /** Called on the worker once a job has failed for good (retries spent, stalled too often, unrecoverable). */
  failedForGood?(name: JobName, data: unknown, reason: string): Promise<void>;
}

/** Enqueues work; with Redis it runs on any worker, without it the same handlers run in this process. */
export interface JobQueue {
  readonly mode: 'bullmq' | 'inline';
  enqueue<N extends JobName>(name: N, data: JobDataByName[N]): Promise<{ id: string; result?: unknown }>;
  close(): Promise<void>;
}

/** Runs one job by name against the handlers: one exhaustive switch, validated payloads. */
export async function dispatch(
  handlers: JobHandlers,
  name: string,
  data: unknown,
  progress: (p: number) => Promise<void>,
): Promise<unknown> {
  const n = name as JobName;
  switch (n) {
    case 'InspectFolder':
      return handlers.InspectFolder(validateJobData(n, data), progress);
    case 'AuditFirm':
      return handlers.AuditFirm(validateJobData(n, data));
    case 'IngestChunk':
      return handlers.IngestChunk(validateJobData(n, data));
    case 'CompleteBatch':
      return handlers.CompleteBatch(validateJobData(n, data));
    default: {
      const never: never = n;
      throw new UnrecoverableError(`no handler for job ${String(never)}`);
    }
  }
}

export class InlineJobQueue implements JobQueue {
  readonly mode = 'inline' as const;
  constructor(private readonly handlers: JobHandlers) {}

  async enqueue<N extends JobName>(name: N, data: JobDataByName[N]) {
    const result = await dispatch(this.handlers, name, data, () => Promise.resolve());
    return { id: jobIdFor(name, data), result };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

export function connection(redisUrl: string): IORedis {
  // BullMQ workers block on Redis; they need maxRetriesPerRequest null.
  return new IORedis(redisUrl, { maxRetriesPerRequest: null });
}

/** Where a batch handed to the workers stands, reported while the caller waits. */
export interface BatchWait {
  batchId: string;
  kind: string;
  /** Chunks stored so far, of `total`. */
  done: number;
  total: number;
  elapsedMs: number;
}

export interface BatchRunOptions {
  /** Give up when nothing moved (no chunk finished, the completion neither started nor ended) for this long. */
  idleTimeoutMs: number;
  /** Called about once a second while waiting. */
  onWait?: (w: BatchWait) => void;
  pollMs?: number;
}

export class BullJobQueue implements JobQueue {
  readonly mode = 'bullmq' as const;
  private readonly redis: IORedis;
  readonly queue: Queue;
  readonly prefix: string;

  /**
   * The queues of one deployment: keys under `<prefix>:<deploymentId>`, and every payload stamped with the
   * deployment id, so only this deployment's workers see the jobs and accept them.
   */
  constructor(
    redisUrl: string,
    private readonly deployment: { deploymentId: string; prefix?: string },
  ) {
    this.redis = connection(redisUrl);
    this.prefix = deploymentQueuePrefix(deployment.prefix ?? 'bioaudit', deployment.deploymentId);
    this.queue = new Queue(INSPECTION_QUEUE, { connection: this.redis, prefix: this.prefix });
  }

  private stamp<T extends object>(data: T): T & JobEnvelope {
    return { ...data, deploymentId: this.deployment.deploymentId };
  }

  async enqueue<N extends JobName>(name: N, data: JobDataByName[N]) {
    validateJobData(name, data);
    const job = await this.queue.add(name, this.stamp(data), {
      ...jobOptions(name),
      jobId: jobIdFor(name, data),
    });
    return { id: job.id! };
  }

  /**
   * Runs a batch's chunks on the workers as one BullMQ flow: the chunks are children, the batch's
   * completion the parent, which BullMQ runs only once every chunk has succeeded. A chunk that fails for
   * good fails the parent. Resolves with the completion's result; rejects with JOBS.BATCH_FAILED when the
   * flow failed, JOBS.WAIT_TIMEOUT when nothing moved for `idleTimeoutMs` (the flow is then removed, as
   * far as no worker holds a part of it).
   */
  async runBatch(
    chunks: JobDataByName['IngestChunk'][],
    complete: JobDataByName['CompleteBatch'],
    options: BatchRunOptions,
  ): Promise<unknown> {
    const flow = new FlowProducer({ connection: this.redis, prefix: this.prefix });
    const parentId = jobIdFor('CompleteBatch', complete);
    try {
      await flow.add({
        name: JOB_NAMES.CompleteBatch,
        queueName: INSPECTION_QUEUE,
        data: this.stamp(complete),
        opts: { ...jobOptions('CompleteBatch'), jobId: parentId },
        children: chunks.map((c) => ({
          name: JOB_NAMES.IngestChunk,
          queueName: INSPECTION_QUEUE,
          data: this.stamp(c),
          opts: {
            ...jobOptions('IngestChunk'),
            jobId: jobIdFor('IngestChunk', c),
            failParentOnFailure: true,
          },
        })),
      });
    } finally {
      await flow.close();
    }
    const started = Date.now();
    let lastMove = started;
    let last = '';
    for (;;) {
      const parent = await this.queue.getJob(parentId);
      const state = parent ? await parent.getState() : 'unknown';
      if (state === 'completed') return parent!.returnvalue;
      if (state === 'failed' || state === 'unknown') {
        throw new DomainError(
          QUEUE_ERRORS.BATCH_FAILED,
          `batch ${complete.batchId} (${complete.kind}): ${await this.failureOf(chunks, parent)}`,
          { batchId: complete.batchId },
        );
      }
      const deps = await parent!.getDependenciesCount({ processed: true });
      const done = state === 'waiting-children' ? (deps.processed ?? 0) : chunks.length;
      const now = Date.now();
      if (`${state}:${done}` !== last) {
        last = `${state}:${done}`;
        lastMove = now;
      }
      options.onWait?.({
        batchId: complete.batchId,
        kind: complete.kind,
        done,
        total: chunks.length,
        elapsedMs: now - started,
      });
      if (now - lastMove > options.idleTimeoutMs) {
        await this.queue.remove(parentId, { removeChildren: true }).catch(() => undefined);
        throw new DomainError(
          QUEUE_ERRORS.WAIT_TIMEOUT,
          `batch ${complete.batchId} (${complete.kind}): no chunk finished for ${Math.round(options.idleTimeoutMs / 1000)} s ` +
            `(${done} of ${chunks.length} stored); is a worker running for this database on this Redis?`,
          { batchId: complete.batchId, done, total: chunks.length },
        );
      }
      await sleep(options.pollMs ?? 1000);
    }
  }

  /** Why a flow failed: the first chunk that failed for good, else the completion's own reason. */
  private async failureOf(chunks: JobDataByName['IngestChunk'][], parent: Job | undefined): Promise<string> {
    for (const c of chunks) {
      const child = await this.queue.getJob(jobIdFor('IngestChunk', c));
      if (child?.failedReason && child.finishedOn)
        return `chunk ${c.chunkNo} failed for good: ${child.failedReason}`;
    }
    return parent?.failedReason
      ? `completion failed: ${parent.failedReason}`
      : 'its jobs were removed from Redis';
  }

  /** Removes the job schedulers of releases before schedules as code (they now live on the schedule queue). */
  async removeRetiredSchedulers(): Promise<void> {
    for (const id of RETIRED_SCHEDULER_IDS) await this.queue.removeJobScheduler(id);
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.redis.quit().catch(() => undefined);
  }
}

export interface WorkerOptions {
  /** The worker's own deployment (its database's id): it serves only that deployment's queue and jobs. */
  deploymentId: string;
  /** The configured prefix (BIOAUDIT_QUEUE_PREFIX); keys live under `<prefix>:<deploymentId>`. */
  prefix?: string;
  concurrency?: number;
  lockDurationMs?: number;
  /** Told, loudly, of every job refused for naming another deployment. Default: stderr. */
  onRefused?: (message: string) => void;
}

/**
 * The processor every queue's worker runs around its dispatch: a job naming another deployment is refused at
 * once (never run); errors a retry cannot fix (bad input: a DomainError) fail the job at once; a job whose
 * worker died more often than its policy allows fails for good; anything else is retried with backoff.
 */
export function guardedProcessor(
  options: WorkerOptions,
  refused: (message: string) => void,
  run: (job: Job, data: Record<string, unknown>) => Promise<unknown>,
): (job: Job) => Promise<unknown> {
  return async (job: Job) => {
    const { deploymentId, ...data } = (job.data ?? {}) as Partial<JobEnvelope> & Record<string, unknown>;
    if (deploymentId !== options.deploymentId) {
      const message =
        `${QUEUE_ERRORS.FOREIGN_DEPLOYMENT}: job ${job.name} ${job.id} belongs to deployment ` +
        `${deploymentId ?? '(none)'}, this worker's database is deployment ${options.deploymentId}: refused, not run`;
      refused(message);
      throw new UnrecoverableError(message);
    }
    const policy = JOB_POLICY[job.name as AnyJobName] as JobPolicy | undefined;
    if (policy && job.stalledCounter > policy.maxStalledCount) {
      throw new UnrecoverableError(
        `${QUEUE_ERRORS.STALLED_TOO_OFTEN}: its worker died ${job.stalledCounter} times (limit ${policy.maxStalledCount})`,
      );
    }
    try {
      return await run(job, data);
    } catch (e) {
      if (isDomainError(e)) throw new UnrecoverableError(`${e.code}: ${e.message}`);
      throw e;
    }
  };
}

/** The BullMQ worker settings of a deployment's queue (prefix, locks, stall limit). */
export function workerSettings(redis: IORedis, options: WorkerOptions) {
  return {
    connection: redis,
    prefix: deploymentQueuePrefix(options.prefix ?? 'bioaudit', options.deploymentId),
    concurrency: options.concurrency ?? 1,
    // A worker killed mid-job stops renewing its lock; after this long another worker takes the job over,
    // as often as the job's policy allows (each job's own limit is checked in guardedProcessor).
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.lockDurationMs ?? 30_000,
    maxStalledCount: WORKER_MAX_STALLED_COUNT,
  };
}

/** Where a worker reports refusals by default. */
export function defaultRefused(m: string): void {
  process.stderr.write(`bioaudit worker: ${m}\n`);
}

/**
 * A BullMQ worker on one deployment's inspection queue (see guardedProcessor for what it refuses and retries).
 */
export function startWorker(
  redisUrl: string,
  handlers: JobHandlers,
  options: WorkerOptions,
): { worker: Worker; close: () => Promise<void> } {
  for (const name of Object.values(JOB_NAMES)) {
    if (typeof handlers[name] !== 'function')
      throw new Error(`worker refuses to start: no handler for job ${name}`);
  }
  const refused = options.onRefused ?? defaultRefused;
  const redis = connection(redisUrl);
  const worker = new Worker(
    INSPECTION_QUEUE,
    guardedProcessor(options, refused, (job, data) =>
      dispatch(handlers, job.name, data, (p) => job.updateProgress(p)),
    ),
    workerSettings(redis, options),
  );
  const pending = new Set<Promise<void>>();
  worker.on('failed', (job, err) => {
    // finishedOn is set only when the job will not be retried.
    if (!job?.finishedOn || !handlers.failedForGood) return;
    const { deploymentId, ...data } = (job.data ?? {}) as Partial<JobEnvelope>;
    if (deploymentId !== options.deploymentId) return;
    const p = handlers
      .failedForGood(job.name as JobName, data, err.message)
      .catch((e: Error) => refused(`could not record the failure of ${job.name} ${job.id}: ${e.message}`))
      .finally(() => pending.delete(p));
    pending.add(p);
  });
  return {
    worker,
    close: async () => {
      await worker.close();
      await Promise.all(pending);
      await redis.quit().catch(() => undefined);
    },
  };
}
