import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import AdmZip from 'adm-zip';
import { generateInspection } from '@app/example';
import { DATABASE, type Database } from '@app/persistence';
import { clearQueuePrefix, createTempDir, TEST_REDIS_URL } from '@app/testing';
import { account, startApiServer, type TestServer } from './api-test-server';
import { startWorkerProcess, type WorkerProcess } from './worker-runner';

/**
 * With REDIS_URL the API's inspections hand the chunks of long capture files to the BullMQ workers (the same
 * InspectionService as `bioaudit inspect`), and the result is still exactly the generated folder's.
 * Runs the built worker (BIOAUDIT_E2E_BIN's build, else dist/).
 */
describe('inspections through the API on PostgreSQL with a Redis worker', () => {
  const home = createTempDir();
  const prefix = `api-e2e-${randomBytes(4).toString('hex')}`;
  let s: TestServer;
  let worker: WorkerProcess | null = null;

  beforeAll(async () => {
    s = await startApiServer(
      'postgres',
      home.dir,
      { default: account('officer-test', ['inspector'], { region: '3302' }) },
      { REDIS_URL: TEST_REDIS_URL, BIOAUDIT_QUEUE_PREFIX: prefix, BIOAUDIT_CHUNK_LINES: '1000' },
    );
  }, 60_000);

  afterAll(async () => {
    worker?.child.kill('SIGTERM');
    await worker?.exited;
    await s?.close();
    await clearQueuePrefix(prefix);
    home.remove();
  });

  it('runs the capture chunks on the worker and reports the generated folder exactly', async () => {
    const folder = path.join(home.dir, 'example');
    const expected = await generateInspection({ outDir: folder, seed: 11, captures: 3000 });
    worker = startWorkerProcess(s.env);
    await worker.ready;
    const zip = new AdmZip();
    zip.addLocalFolder(folder, 'example');
    const res = await s.fetch('/api/inspections', {
      method: 'POST',
      headers: { 'content-type': 'application/zip' },
      body: zip.toBuffer(),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    let body: { status: string; error: unknown; result: Record<string, unknown> | null } | null = null;
    for (let i = 0; i < 600; i++) {
      body = (await (await s.fetch(`/api/inspections/${id}`)).json()) as typeof body;
      if (body!.status === 'done' || body!.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(body!.error).toBeNull();
    expect(body!.status).toBe('done');
    expect(body!.result!.ingest).toMatchObject(expected.ingest);
    expect(body!.result!.findings).toMatchObject({
      capturesAudited: expected.findings.capturesAudited,
      capturesWithoutValidConsent: expected.findings.capturesWithoutValidConsent,
      byReason: expected.findings.byReason,
    });
    // The capture file went in chunks of 1,000 lines: the workers' path, not the in-process one.
    const db = s.app.get<Database>(DATABASE);
    const [{ chunks }] = await db.dataSource.query<{ chunks: number }[]>(
      `SELECT count(*)::int AS chunks FROM ingest_chunk c JOIN ingest_batch b ON b.id = c.batch_id WHERE b.kind = 'captures'`,
    );
    expect(chunks).toBeGreaterThanOrEqual(3);
  }, 180_000);
});
