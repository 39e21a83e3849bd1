import { FlowProducer, Queue, QueueEvents, UnrecoverableError, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import { isDomainError } from '@app/common';
import {
  DEFAULT_JOB_OPTIONS,
  INSPECTION_QUEUE,
  JOB_NAMES,
  REAUDIT_SCHEDULE,
  jobIdFor,
  type JobDataByName,
  type JobName,
} from './queue.contracts';

/** What each job does; implemented by the inspection pipeline, run by a worker or inline. */
export interface JobHandlers {
  InspectFolder(
    data: JobDataByName['InspectFolder'],
    progress: (p: number) => Promise<void>,
  ): Promise<unknown>;
  AuditFirm(data: JobDataByName['AuditFirm']): Promise<unknown>;
  ReauditAllFirms(data: JobDataByName['ReauditAllFirms']): Promise<unknown>;
  IngestChunk(data: JobDataByName['IngestChunk']): Promise<unknown>;
  CompleteBatch(data: JobDataByName['CompleteBatch']): Promise<unknown>;
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
      return handlers.InspectFolder(data as JobDataByName['InspectFolder'], progress);
    case 'AuditFirm':
      return handlers.AuditFirm(data as JobDataByName['AuditFirm']);
    case 'ReauditAllFirms':
      return handlers.ReauditAllFirms(data as JobDataByName['ReauditAllFirms']);
    case 'IngestChunk':
      return handlers.IngestChunk(data as JobDataByName['IngestChunk']);
    case 'CompleteBatch':
      return handlers.CompleteBatch(data as JobDataByName['CompleteBatch']);
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

function connection(redisUrl: string): IORedis {
  // BullMQ workers block on Redis; they need maxRetriesPerRequest null.
  return new IORedis(redisUrl, { maxRetriesPerRequest: null });
}

export class BullJobQueue implements JobQueue {
  readonly mode = 'bullmq' as const;
  private readonly redis: IORedis;
  readonly queue: Queue;

  constructor(redisUrl: string, prefix = 'bioaudit') {
    this.redis = connection(redisUrl);
    this.queue = new Queue(INSPECTION_QUEUE, {
      connection: this.redis,
      prefix,
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
  }

  async enqueue<N extends JobName>(name: N, data: JobDataByName[N]) {
    const job = await this.queue.add(name, data, { jobId: jobIdFor(name, data) });
    return { id: job.id! };
  }

  /**
   * Runs a batch's chunks on the workers as one BullMQ flow: the chunks are children, the batch's
   * completion the parent, which BullMQ runs only once every chunk has succeeded. Resolves when it has.
   */
  async runBatch(
    chunks: JobDataByName['IngestChunk'][],
    complete: JobDataByName['CompleteBatch'],
    timeoutMs = 24 * 3600 * 1000,
  ): Promise<unknown> {
    const opts = this.queue.opts;
    const flow = new FlowProducer({ connection: this.redis, prefix: opts.prefix });
    // QueueEvents blocks on its connection, so it gets one of its own, closed below: BullMQ never closes
    // a connection it was given, and an open one keeps the CLI process alive.
    const eventsRedis = this.redis.duplicate();
    const events = new QueueEvents(INSPECTION_QUEUE, { connection: eventsRedis, prefix: opts.prefix });
    try {
      await events.waitUntilReady();
      const tree = await flow.add({
        name: JOB_NAMES.CompleteBatch,
        queueName: INSPECTION_QUEUE,
        data: complete,
        opts: { ...DEFAULT_JOB_OPTIONS, jobId: jobIdFor('CompleteBatch', complete) },
        children: chunks.map((c) => ({
          name: JOB_NAMES.IngestChunk,
          queueName: INSPECTION_QUEUE,
          data: c,
          opts: { ...DEFAULT_JOB_OPTIONS, jobId: jobIdFor('IngestChunk', c) },
        })),
      });
      return await tree.job.waitUntilFinished(events, timeoutMs);
    } finally {
      await events.close();
      await eventsRedis.quit().catch(() => undefined);
      await flow.close();
    }
  }

  /** Registers the nightly re-audit (idempotent: the scheduler id is fixed). */
  async registerSchedules(): Promise<void> {
    await this.queue.upsertJobScheduler(
      REAUDIT_SCHEDULE.id,
      { pattern: REAUDIT_SCHEDULE.pattern },
      { name: JOB_NAMES.ReauditAllFirms, data: {} },
    );
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.redis.quit().catch(() => undefined);
  }
}

/**
 * A BullMQ worker on the inspection queue. Errors a retry cannot fix (bad input: a DomainError) fail the
 * job at once; anything else is retried with backoff.
 */
export function startWorker(
  redisUrl: string,
  handlers: JobHandlers,
  options: { concurrency?: number; prefix?: string; lockDurationMs?: number } = {},
): { worker: Worker; close: () => Promise<void> } {
  for (const name of Object.values(JOB_NAMES)) {
    if (typeof handlers[name] !== 'function')
      throw new Error(`worker refuses to start: no handler for job ${name}`);
  }
  const redis = connection(redisUrl);
  const worker = new Worker(
    INSPECTION_QUEUE,
    async (job: Job) => {
      try {
        return await dispatch(handlers, job.name, job.data, (p) => job.updateProgress(p));
      } catch (e) {
        if (isDomainError(e)) throw new UnrecoverableError(`${e.code}: ${e.message}`);
        throw e;
      }
    },
    {
      connection: redis,
      prefix: options.prefix ?? 'bioaudit',
      concurrency: options.concurrency ?? 1,
      // A worker killed mid-job stops renewing its lock; after this long another worker takes the job over.
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.lockDurationMs ?? 30_000,
    },
  );
  return {
    worker,
    close: async () => {
      await worker.close();
      await redis.quit().catch(() => undefined);
    },
  };
}
