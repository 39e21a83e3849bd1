import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { isDomainError } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { AuditLogRepository, DeploymentRepository, IngestBatchRepository } from '@app/persistence';
import { BullJobQueue, QUEUE_ERRORS, type JobDataByName } from '@app/queue';
import { failBatch } from './distributed-ingest-failure';
import { BatchWaitProgress } from './distributed-ingest-progress';

const QUEUE_CODES: ReadonlySet<string> = new Set(Object.values(QUEUE_ERRORS));

/**
 * Hands a large file's chunks to the BullMQ workers when Redis is configured. Without Redis there is no
 * runner and the ingest service runs the very same chunk and completion handlers in this process.
 * The jobs go to this deployment's queue only (its database's id); while they run, progress shows on
 * stderr; a chunk that fails for good, or no chunk finishing for BIOAUDIT_JOB_WAIT_S, fails the batch.
 */
@Injectable()
export class BatchRunner implements OnApplicationShutdown {
  private queue: Promise<BullJobQueue> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deployment: DeploymentRepository,
    private readonly batches: IngestBatchRepository,
    private readonly auditLog: AuditLogRepository,
  ) {}

  get distributed(): boolean {
    return this.config.redis !== null;
  }

  async run(
    chunks: JobDataByName['IngestChunk'][],
    complete: JobDataByName['CompleteBatch'],
  ): Promise<unknown> {
    const redis = this.config.redis;
    if (!redis) throw new Error('BatchRunner.run needs REDIS_URL');
    this.queue ??= this.deployment
      .id()
      .then((deploymentId) => new BullJobQueue(redis.url, { deploymentId, prefix: this.config.jobs.prefix }));
    const queue = await this.queue;
    const progress = new BatchWaitProgress(process.stderr, this.config.jobs.progressIntervalMs);
    try {
      return await queue.runBatch(chunks, complete, {
        idleTimeoutMs: this.config.jobs.waitIdleMs,
        onWait: (w) => progress.update(w),
      });
    } catch (e) {
      if (isDomainError(e) && QUEUE_CODES.has(e.code)) {
        const repos = { batches: this.batches, auditLog: this.auditLog };
        await failBatch(repos, this.config.operator, complete.batchId, e.code, e.message);
      }
      throw e;
    } finally {
      progress.end();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await (await this.queue)?.close();
  }
}
