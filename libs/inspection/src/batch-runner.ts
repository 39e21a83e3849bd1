import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { BullJobQueue, type JobDataByName } from '@app/queue';

/**
 * Hands a large file's chunks to the BullMQ workers when Redis is configured. Without Redis there is no
 * runner and the ingest service runs the very same chunk and completion handlers in this process.
 */
@Injectable()
export class BatchRunner implements OnApplicationShutdown {
  private queue: BullJobQueue | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get distributed(): boolean {
    return this.config.redis !== null;
  }

  run(chunks: JobDataByName['IngestChunk'][], complete: JobDataByName['CompleteBatch']): Promise<unknown> {
    if (!this.config.redis) throw new Error('BatchRunner.run needs REDIS_URL');
    this.queue ??= new BullJobQueue(this.config.redis.url, this.config.jobs.prefix);
    return this.queue.runBatch(chunks, complete);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
  }
}
