import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EvidenceRepository, type Database } from '@app/persistence';
import { createTempDir } from '@app/testing';
import { CaptureParser } from './capture-parser';
import { IngestService } from './ingest.service';
import { startInspectionApp } from './inspection-app.testing';

const FIXTURE = path.join(__dirname, 'fixtures', 'small-inspection');
const LINES = 60_000; // two chunks: the first is being stored while the worker parses the second

/** The ingest's parse worker meets a failing store (issue 13): it is stopped, nothing hangs, a re-run stores all. */
describe.each(['embedded', 'postgres'] as const)('capture parse worker and the store, on %s', (kind) => {
  const home = createTempDir();
  let db: Database;
  let ingest: IngestService;
  let store: EvidenceRepository;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const started = await startInspectionApp(kind, home.dir);
    db = started.db;
    ingest = started.app.get(IngestService);
    store = started.app.get(EvidenceRepository);
    close = started.close;
  }, 120_000);

  afterAll(async () => {
    await close?.();
    home.remove();
  });

  afterEach(() => jest.restoreAllMocks());

  it('a store failure stops the worker and leaves the batch receiving; the re-run stores every line once', async () => {
    const dir = path.join(home.dir, 'folder');
    mkdirSync(dir, { recursive: true });
    for (const f of ['firm.json', 'devices.csv', 'consents.csv'])
      copyFileSync(path.join(FIXTURE, f), path.join(dir, f));
    let body = '';
    for (let i = 0; i < LINES; i++) {
      const at = new Date(Date.UTC(2020, 3, 2) + i * 1000).toISOString();
      body += `{"eventId":"W-${i}","deviceId":"${i % 1000 === 7 ? 'CAM-99' : 'CAM-01'}","occurredAt":"${at}","eventType":"face_match","subjectRef":"P-${i % 90}"}\n`;
    }
    writeFileSync(path.join(dir, 'captures.jsonl'), body);

    const started = jest.spyOn(CaptureParser, 'start');
    jest.spyOn(store, 'storeCaptures').mockRejectedValueOnce(new Error('connection lost'));
    await expect(ingest.ingestFolder(dir, { distribute: false })).rejects.toThrow('connection lost');
    const parser = started.mock.results[0].value as CaptureParser;
    expect(parser.alive).toBe(false);
    const [receiving] = await db.dataSource.query<{ status: string; n: number }[]>(
      `SELECT b.status, (SELECT count(*)::int FROM capture_event c WHERE c.batch_id = b.id) AS n
       FROM ingest_batch b WHERE b.kind = 'captures'`,
    );
    expect(receiving).toEqual({ status: 'receiving', n: 0 });

    jest.restoreAllMocks();
    const report = await ingest.ingestFolder(dir, { distribute: false });
    expect(report.captures).toEqual({
      read: LINES,
      accepted: LINES - LINES / 1000,
      duplicates: 0,
      conflicts: 0,
      skipped: 0,
      rejected: LINES / 1000,
    });
    const [lines] = await db.dataSource.query<{ n: number; first: number; last: number }[]>(
      `SELECT count(*)::int AS n, min(line_no) AS first, max(line_no) AS last FROM capture_event`,
    );
    expect(lines).toEqual({ n: LINES - LINES / 1000, first: 1, last: LINES });
  });
});
