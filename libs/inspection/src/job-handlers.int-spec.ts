import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Test } from '@nestjs/testing';
import { QueueEvents } from 'bullmq';
import IORedis from 'ioredis';
import type { DomainError } from '@app/common';
import { APP_CONFIG, ConfigModule, loadConfig } from '@app/config';
import {
  DATABASE,
  DeploymentRepository,
  IngestBatchRepository,
  migrate,
  PersistenceModule,
  RegistryRepository,
  type Database,
} from '@app/persistence';
import { BullJobQueue, INSPECTION_QUEUE, jobOptions, startWorker } from '@app/queue';
import { clearQueuePrefix, createTempDir, createTestPostgresDatabase, TEST_REDIS_URL } from '@app/testing';
import { BatchRunner } from './batch-runner';
import { InspectionModule } from './inspection.module';
import { InspectionJobHandlers } from './job-handlers';

const FIXTURE = path.join(__dirname, 'fixtures', 'small-inspection');

/** The pipeline as BullMQ jobs on the real Redis and PostgreSQL of this machine. */
describe('inspection jobs on BullMQ', () => {
  const home = createTempDir();
  const prefix = `bioaudit-test-${randomBytes(4).toString('hex')}`;
  let drop: () => Promise<void>;
  let db: Database;
  let closeApp: () => Promise<void>;
  let handlers: InspectionJobHandlers;
  let deploymentId: string;
  let runner: BatchRunner;
  let batches: IngestBatchRepository;
  let registry: RegistryRepository;

  beforeAll(async () => {
    const pg = await createTestPostgresDatabase();
    drop = pg.drop;
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule, PersistenceModule, InspectionModule],
    })
      .overrideProvider(APP_CONFIG)
      .useValue(
        loadConfig({
          BIOAUDIT_HOME: home.dir,
          DATABASE_URL: pg.url,
          REDIS_URL: TEST_REDIS_URL,
          BIOAUDIT_OPERATOR: 'worker-test',
          BIOAUDIT_QUEUE_PREFIX: prefix,
        }),
      )
      .compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    db = app.get(DATABASE);
    await migrate(db);
    handlers = app.get(InspectionJobHandlers);
    deploymentId = await app.get(DeploymentRepository).id();
    runner = app.get(BatchRunner);
    batches = app.get(IngestBatchRepository);
    registry = app.get(RegistryRepository);
    closeApp = () => app.close();
  }, 60_000);

  afterAll(async () => {
    await clearQueuePrefix(prefix);
    await closeApp?.();
    await drop?.();
    home.remove();
  });

  it('runs an enqueued inspection on a worker, once, even when enqueued twice', async () => {
    const worker = startWorker(TEST_REDIS_URL, handlers, { prefix, deploymentId });
    const queue = new BullJobQueue(TEST_REDIS_URL, { prefix, deploymentId });
    const eventsRedis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const events = new QueueEvents(INSPECTION_QUEUE, { connection: eventsRedis, prefix: queue.prefix });
    try {
      await events.waitUntilReady();
      const data = {
        folder: FIXTURE,
        operator: 'worker-test',
        decisionDate: '2021-04-21',
        outDir: path.join(home.dir, 'out'),
      };
      const a = await queue.enqueue('InspectFolder', data);
      const b = await queue.enqueue('InspectFolder', data);
      expect(b.id).toBe(a.id);
      const job = (await queue.queue.getJob(a.id))!;
      const result = (await job.waitUntilFinished(events, 60_000)) as {
        ingest: { captures: { accepted: number } };
        case: { number: string };
      };
      expect(result.ingest.captures.accepted).toBe(12);
      const cases = await db.dataSource.query<{ case_number: string; status: string }[]>(
        `SELECT case_number, status FROM "case"`,
      );
      expect(cases).toEqual([{ case_number: result.case.number, status: 'rendered' }]);

      const audit = await queue.enqueue('AuditFirm', {
        creditCode: '91330201MA2GT00012',
        operator: 'worker-test',
      });
      const auditResult = (await (await queue.queue.getJob(audit.id))!.waitUntilFinished(events, 60_000)) as {
        reused: boolean;
        caseNumber: string;
      };
      expect(auditResult).toMatchObject({ reused: true, caseNumber: result.case.number });
    } finally {
      await events.close();
      await eventsRedis.quit();
      await queue.close();
      await worker.close();
    }
  }, 120_000);

  it('fails a job at once, without retries, when its input is bad', async () => {
    const worker = startWorker(TEST_REDIS_URL, handlers, { prefix, deploymentId });
    const queue = new BullJobQueue(TEST_REDIS_URL, { prefix, deploymentId });
    const eventsRedis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const events = new QueueEvents(INSPECTION_QUEUE, { connection: eventsRedis, prefix: queue.prefix });
    try {
      await events.waitUntilReady();
      const { id } = await queue.enqueue('InspectFolder', {
        folder: path.join(home.dir, 'missing'),
        operator: 'worker-test',
      });
      const job = (await queue.queue.getJob(id))!;
      await expect(job.waitUntilFinished(events, 30_000)).rejects.toThrow(/INGEST.FOLDER_NOT_FOUND/);
      const failed = (await queue.queue.getJob(id))!;
      expect(failed.attemptsMade).toBe(1);
    } finally {
      await events.close();
      await eventsRedis.quit();
      await queue.close();
      await worker.close();
    }
  }, 60_000);

  it('refuses, loudly and without retries, a job that names another deployment', async () => {
    const refusals: string[] = [];
    const worker = startWorker(TEST_REDIS_URL, handlers, {
      prefix,
      deploymentId,
      onRefused: (m) => refusals.push(m),
    });
    const queue = new BullJobQueue(TEST_REDIS_URL, { prefix, deploymentId });
    const eventsRedis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const events = new QueueEvents(INSPECTION_QUEUE, { connection: eventsRedis, prefix: queue.prefix });
    try {
      await events.waitUntilReady();
      // As a worker of another database would have enqueued it, had it reached this deployment's keys.
      const foreign = '00000000-0000-4000-8000-000000000000';
      const job = await queue.queue.add(
        'AuditFirm',
        { creditCode: '91330201MA2GT00012', operator: 'intruder', deploymentId: foreign },
        { ...jobOptions('AuditFirm'), jobId: 'foreign-audit' },
      );
      await expect(job.waitUntilFinished(events, 30_000)).rejects.toThrow(/JOBS.FOREIGN_DEPLOYMENT/);
      const failed = (await queue.queue.getJob('foreign-audit'))!;
      expect(failed.attemptsMade).toBe(1);
      expect(refusals).toEqual([expect.stringContaining(`belongs to deployment ${foreign}`)]);
      const [audits] = await db.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_log WHERE actor = 'intruder'`,
      );
      expect(audits.n).toBe(0);
    } finally {
      await events.close();
      await eventsRedis.quit();
      await queue.close();
      await worker.close();
    }
  }, 60_000);

  it('fails the batch and the flow when a chunk fails for good, instead of waiting forever', async () => {
    const worker = startWorker(TEST_REDIS_URL, handlers, { prefix, deploymentId });
    try {
      const firmId = await registry.upsertFirm({
        name: 'Chunk Failure Test Co.',
        creditCode: '91330201MA2GT0009X',
        region: '330200',
        timezone: 'Asia/Shanghai',
      });
      const batch = await batches.open({
        firmId,
        kind: 'captures',
        fileName: 'captures.jsonl',
        fileSize: 1,
        sha256: 'f'.repeat(64),
        format: 'jsonl',
        encoding: 'utf-8',
        submittedBy: 'worker-test',
        submittedFrom: 'test',
        receivedAt: new Date('2026-01-01T00:00:00Z'),
        storagePath: path.join(home.dir, 'nowhere'),
      });
      const flowId = `${batch.id}-chunk-failure`;
      const chunk = (chunkNo: number) => ({
        flowId,
        batchId: batch.id,
        firmId,
        kind: 'captures' as const,
        chunkNo,
        firstLine: 1 + chunkNo * 1000,
        // The chunk's work file is gone (a worker on a host without the shared volume): it cannot be read.
        path: path.join(home.dir, 'work', `missing-${chunkNo}.jsonl`),
        format: 'jsonl' as const,
        firmTimezone: 'Asia/Shanghai',
      });
      const started = Date.now();
      const failure = await runner
        .run([chunk(0), chunk(1)], {
          flowId,
          batchId: batch.id,
          kind: 'captures',
          chunks: 2,
          workDir: path.join(home.dir, 'work'),
        })
        .then(
          () => null,
          (e: DomainError) => e,
        );
      expect(failure?.code).toBe('JOBS.BATCH_FAILED');
      expect(failure?.message).toMatch(/chunk \d failed for good/);
      expect(Date.now() - started).toBeLessThan(60_000);
      const [row] = await db.dataSource.query<{ status: string; failure_code: string }[]>(
        `SELECT status, failure_code FROM ingest_batch WHERE id = $1`,
        [batch.id],
      );
      expect(row).toEqual({ status: 'failed', failure_code: 'JOBS.BATCH_FAILED' });
      const logged = await db.dataSource.query<{ actor: string }[]>(
        `SELECT actor FROM audit_log WHERE action = 'ingest.batch.failed' AND entity_id = $1`,
        [batch.id],
      );
      expect(logged.length).toBe(1);
    } finally {
      await worker.close();
    }
  }, 120_000);
});
