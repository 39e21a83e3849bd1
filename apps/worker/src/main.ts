import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { InspectionJobHandlers, SchemaService } from '@app/inspection';
import { DeploymentRepository } from '@app/persistence';
import { BullJobQueue, BullScheduleQueue, startScheduleWorker, startWorker } from '@app/queue';
import { ScheduleJobRunner, ScheduleRegistry } from '@app/schedules';
import { WorkerModule } from './worker.module';

/**
 * A BullMQ worker serving the inspection queue of its database's deployment. Run as many as you like
 * against one PostgreSQL and one Redis (docs/operations.md). It also serves the schedule queue and upserts
 * one job scheduler per schedule definition (idempotent, so every replica may); API replicas never schedule.
 */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn', 'log'] });
  const logger = new Logger('worker');
  const config = app.get<AppConfig>(APP_CONFIG);
  if (!config.redis) {
    logger.error(
      'REDIS_URL is not set: without Redis, jobs run inline in the CLI and API, and no worker is needed',
    );
    await app.close();
    process.exit(78);
  }
  await app.get(SchemaService).ready();
  // The database's identity: this worker serves that deployment's queue and refuses any other's jobs.
  const deploymentId = await app.get(DeploymentRepository).id();
  const handlers = app.get(InspectionJobHandlers);
  const { worker, close } = startWorker(config.redis.url, handlers, {
    deploymentId,
    concurrency: config.jobs.workerConcurrency,
    lockDurationMs: config.jobs.lockDurationMs,
    prefix: config.jobs.prefix,
    onRefused: (message) => logger.error(message),
  });
  const queue = new BullJobQueue(config.redis.url, { deploymentId, prefix: config.jobs.prefix });
  await queue.removeRetiredSchedulers();
  await queue.close();
  const registry = app.get(ScheduleRegistry);
  const scheduleQueue = new BullScheduleQueue(config.redis.url, { deploymentId, prefix: config.jobs.prefix });
  await scheduleQueue.upsertSchedulers(
    registry.all().map((d) => ({ name: d.name, cron: d.cron, timeZone: registry.timeZone })),
  );
  // Each definition's own concurrency is enforced per process by the runner; the queue's is their sum.
  const schedules = startScheduleWorker(
    config.redis.url,
    app.get(ScheduleJobRunner).handlers(scheduleQueue),
    {
      deploymentId,
      concurrency: Math.max(
        1,
        registry.all().reduce((n, d) => n + d.concurrency, 0),
      ),
      lockDurationMs: config.jobs.lockDurationMs,
      prefix: config.jobs.prefix,
      onRefused: (message) => logger.error(message),
    },
  );
  worker.on('completed', (job) => logger.log(`${job.name} ${job.id} completed`));
  worker.on('failed', (job, err) =>
    logger.warn(
      `${job?.name} ${job?.id} failed${job?.finishedOn ? ' for good' : ''} (attempt ${job?.attemptsMade}): ${err.message}`,
    ),
  );
  schedules.worker.on('failed', (job, err) =>
    logger.warn(`${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`),
  );
  await worker.waitUntilReady();
  await schedules.worker.waitUntilReady();
  logger.log(
    `ready: serving queues "inspection" and "schedule" of deployment ${deploymentId} on ${config.database.kind} database; ` +
      `schedules ${registry
        .all()
        .map((d) => `${d.name} (${d.cron})`)
        .join(', ')} in ${registry.timeZone}`,
  );
  const shutdown = async () => {
    await close();
    await schedules.close();
    await scheduleQueue.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

void main().catch((e: Error) => {
  process.stderr.write(`bioaudit worker: ${e.message}\n`);
  process.exit(70);
});
