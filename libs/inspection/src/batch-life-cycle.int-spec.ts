import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  EvidenceRepository,
  IngestBatchRepository,
  RegistryRepository,
  type Database,
} from '@app/persistence';
import { createTempDir } from '@app/testing';
import { AuditService } from './audit.service';
import { IngestService } from './ingest.service';
import { startInspectionApp } from './inspection-app.testing';

const FIXTURE = path.join(__dirname, 'fixtures', 'small-inspection');
const CREDIT = '91330201MA2GT00012';

/** A capture file of `n` consented-looking lines for device CAM-01, event ids `<prefix>-<i>`. */
function captureLines(prefix: string, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    const minute = String(i % 60).padStart(2, '0');
    const hour = String(10 + (Math.floor(i / 60) % 10)).padStart(2, '0');
    out += `${JSON.stringify({
      eventId: `${prefix}-${i}`,
      deviceId: 'CAM-01',
      occurredAt: `2020-04-02T${hour}:${minute}:00+08:00`,
      eventType: 'face_match',
      subjectRef: `P-${prefix}-${i % 50}`,
      matchScore: 0.9,
      // Noise that makes gzip's output hard to compress, so a cut lands mid-file.
      note: createHash('sha256').update(`${prefix}${i}`).digest('base64'),
    })}\n`;
  }
  return out;
}

/** An inspection folder from the small fixture, with the given capture files (`captures.*` at the top, others in `captures/`). */
function folder(
  root: string,
  name: string,
  captures: Record<string, Buffer | string>,
  edit?: (dir: string) => void,
) {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, 'captures'), { recursive: true });
  for (const f of ['firm.json', 'devices.csv', 'consents.csv'])
    copyFileSync(path.join(FIXTURE, f), path.join(dir, f));
  for (const [f, body] of Object.entries(captures)) writeFileSync(path.join(dir, 'captures', f), body);
  edit?.(dir);
  return dir;
}

function manyConsents(): string {
  let many = readFileSync(path.join(FIXTURE, 'consents.csv'), 'utf8').trimEnd();
  for (let i = 0; i < 6000; i++) {
    const noise = createHash('sha256').update(String(i)).digest('hex').slice(0, 12);
    many += `\nN${i},P-${noise},2020-01-01T00:00:00+08:00,visitor_identification,written,true,,,,,v1`;
  }
  return `${many}\n`;
}

const TABLES = ['firm', 'device', 'ingest_batch', 'capture_event', 'consent_record', 'quarantined_record'];

/** Batches with a life cycle (issue 9, failure 1), on both engines. */
describe.each(['embedded', 'postgres'] as const)('batch life cycle on %s', (kind) => {
  const home = createTempDir();
  let db: Database;
  let ingest: IngestService;
  let audit: AuditService;
  let batches: IngestBatchRepository;
  let registry: RegistryRepository;
  let close: () => Promise<void>;

  const withConsents = (name: string, body: Buffer) =>
    folder(home.dir, name, { 'captures.jsonl': captureLines('A', 20) }, (dir) => {
      rmSync(path.join(dir, 'consents.csv'));
      writeFileSync(path.join(dir, 'consents.csv.gz'), body);
    });

  const count = async (sql: string, params: unknown[] = []) =>
    (await db.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;

  beforeAll(async () => {
    const started = await startInspectionApp(kind, home.dir);
    const app = started.app;
    db = started.db;
    ingest = app.get(IngestService);
    audit = app.get(AuditService);
    batches = app.get(IngestBatchRepository);
    registry = app.get(RegistryRepository);
    close = started.close;
  }, 120_000);

  afterAll(async () => {
    await close?.();
    home.remove();
  });

  it('refuses a folder-level error before any row is stored: consents header typo, empty devices.csv, unknown device file', async () => {
    const good = { 'a.jsonl': captureLines('A', 10) };
    const typo = folder(home.dir, 'typo', good, (dir) => {
      const text = readFileSync(path.join(dir, 'consents.csv'), 'utf8').replace('givenAt', 'givnAt');
      writeFileSync(path.join(dir, 'consents.csv'), text);
    });
    await expect(ingest.ingestFolder(typo, { distribute: false })).rejects.toMatchObject({
      code: 'INGEST.HEADER_INVALID',
    });
    const empty = folder(home.dir, 'empty-devices', good, (dir) => {
      const header = readFileSync(path.join(dir, 'devices.csv'), 'utf8').split('\n')[0];
      writeFileSync(path.join(dir, 'devices.csv'), `${header}\n`);
    });
    await expect(ingest.ingestFolder(empty, { distribute: false })).rejects.toMatchObject({
      code: 'INGEST.NO_DEVICES',
    });
    const unknown = folder(home.dir, 'unknown-device', { 'x.jsonl': captureLines('X', 3) }, (dir) => {
      writeFileSync(path.join(dir, 'captures', 'manifest.csv'), 'file,deviceId\nx.jsonl,CAM-404\n');
    });
    await expect(ingest.ingestFolder(unknown, { distribute: false })).rejects.toMatchObject({
      code: 'INGEST.UNKNOWN_DEVICE_FILE',
    });
    for (const t of TABLES) expect(await count(`"${t}"`)).toBe(0);
  });

  it('a cut captures.jsonl.gz refuses the inspection before any row is stored', async () => {
    const gz = gzipSync(captureLines('B', 4000));
    const dir = folder(home.dir, 'cut-captures', {
      'captures.jsonl.gz': gz.subarray(0, Math.floor(gz.length * 0.7)),
    });
    // Before: exit 66 with 24,962 rows left in a receiving batch that a later audit counted.
    await expect(ingest.ingestFolder(dir, { distribute: false })).rejects.toMatchObject({
      code: 'INGEST.FILE_UNREADABLE',
    });
    for (const t of TABLES) expect(await count(`"${t}"`)).toBe(0);
  });

  it('a cut consents file refuses the inspection before any row is stored', async () => {
    const gz = gzipSync(manyConsents());
    const dir = withConsents('cut-consents', gz.subarray(0, Math.floor(gz.length * 0.7)));
    // Before: the captures were stored and completed, the consents not, and `audit` found every capture
    // without consent.
    await expect(ingest.ingestFolder(dir, { distribute: false })).rejects.toMatchObject({
      code: 'INGEST.FILE_UNREADABLE',
    });
    for (const t of TABLES) expect(await count(`"${t}"`)).toBe(0);
  });

  it('a batch failed mid-way (a chunk failed for good) loses its rows with its status; audits refuse it until the same bytes are re-run or it is discarded', async () => {
    const body = manyConsents();
    const dir = withConsents('retry', gzipSync(body));
    const first = await ingest.ingestFolder(dir, { distribute: false });
    expect(first.failedBatches).toEqual([]);
    const firm = (await registry.findFirm(CREDIT))!;
    const consents = first.batches.find((b) => b.kind === 'consents')!;
    const stored = await count(`consent_record WHERE batch_id = $1`, [consents.id]);
    expect(stored).toBe(first.consents.accepted);

    // A second submission of other bytes whose chunk failed for good on a worker (helper of the queue side):
    // its rows so far are stored, then the worker marks it failed.
    const other = gzipSync(
      `${body}X1,P-x,2020-01-01T00:00:00+08:00,visitor_identification,written,true,,,,,v1\n`,
    );
    const otherDir = withConsents('retry-other', other);
    const half = await batches.open({
      firmId: firm.id,
      kind: 'consents',
      fileName: 'consents.csv.gz',
      fileSize: other.length,
      sha256: createHash('sha256').update(other).digest('hex'),
      format: 'csv+gzip',
      encoding: 'utf-8',
      sourceEntry: '',
      submittedBy: 't',
      submittedFrom: 't',
      receivedAt: new Date('2021-04-21T02:00:00Z'),
      storagePath: '/nonexistent',
    });
    await new EvidenceRepository(db).storeConsents(
      half.id,
      firm.id,
      [
        {
          line: 2,
          record: {
            consentId: 'X1',
            subjectRef: 'P-x',
            givenAt: Date.UTC(2020, 0, 1),
            purposes: ['visitor_identification'],
            method: 'written',
            separateConsent: true,
            guardianConsent: false,
            subjectBirthDate: null,
            withdrawnAt: null,
            expiresAt: null,
            noticeVersion: null,
          },
        },
      ],
      [{ line: 3, code: 'INGEST.BAD_ENUM', field: 'method', message: 'x', raw: 'x' }],
    );
    expect(await batches.markFailed(half.id, 'QUEUE.CHUNK_FAILED', 'chunk 3 failed for good')).toBe(true);
    expect(await batches.markFailed(half.id, 'QUEUE.CHUNK_FAILED', 'again')).toBe(false);
    const failed = (await batches.findById(half.id))!;
    expect(failed).toMatchObject({
      status: 'failed',
      failureCode: 'QUEUE.CHUNK_FAILED',
      failureMessage: 'chunk 3 failed for good',
    });
    expect(await count(`consent_record WHERE batch_id = $1`, [half.id])).toBe(0);
    expect(await count(`quarantined_record WHERE batch_id = $1`, [half.id])).toBe(0);
    expect(await batches.failed(firm.id)).toEqual([
      expect.objectContaining({
        id: half.id,
        fileName: 'consents.csv.gz',
        code: 'QUEUE.CHUNK_FAILED',
        status: 'failed',
      }),
    ]);
    await expect(
      audit.auditFirm(CREDIT, { decisionDate: '2021-05-01', operator: 't' }),
    ).rejects.toMatchObject({
      code: 'AUDIT.FAILED_EVIDENCE',
    });

    // The same bytes again retry that very batch, from a clean slate, to completion.
    const again = await ingest.ingestFolder(otherDir, { distribute: false });
    expect(again.failedBatches).toEqual([]);
    const retried = (await batches.findById(half.id))!;
    expect(retried).toMatchObject({
      status: 'completed',
      failureCode: null,
      // Its other lines are the first file's consents: duplicates, as they are stored there.
      acceptedCount: 1,
      duplicateCount: first.consents.accepted,
    });
    expect(await batches.failed(firm.id)).toEqual([]);
    const audited = await audit.auditFirm(CREDIT, { decisionDate: '2021-05-01', operator: 't' });
    expect(audited.findings.capturesAudited).toBe(20);
  });

  it('a completed batch can be neither failed, discarded nor stripped of its rows', async () => {
    const firm = (await registry.findFirm(CREDIT))!;
    const done = (await batches.completedOf(firm.id)).find((b) => b.kind === 'captures')!;
    expect(await count(`capture_event WHERE batch_id = $1`, [done.id])).toBeGreaterThan(0);
    expect(await batches.markFailed(done.id, 'INGEST.TEST', 'no')).toBe(false);
    expect(await batches.discard(done.id)).toBe(false);
    await expect(
      db.dataSource.query(`DELETE FROM capture_event WHERE batch_id = $1`, [done.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.dataSource.query(`UPDATE ingest_batch SET status = 'receiving' WHERE id = $1`, [done.id]),
    ).rejects.toThrow(/cannot change/);
  });

  it('rows of a batch still receiving are not evidence', async () => {
    const firm = (await registry.findFirm(CREDIT))!;
    const before = await audit.auditFirm(CREDIT, { decisionDate: '2021-05-02', operator: 't' });
    const open = await batches.open({
      firmId: firm.id,
      kind: 'captures',
      fileName: 'crashed.jsonl',
      fileSize: 1,
      sha256: 'c'.repeat(64),
      format: 'jsonl',
      encoding: 'utf-8',
      submittedBy: 't',
      submittedFrom: 't',
      receivedAt: new Date('2021-04-21T02:00:00Z'),
      storagePath: '/nonexistent',
    });
    const devices = await registry.devicesOf(firm.id);
    await new EvidenceRepository(db).storeCaptures(
      open.id,
      firm.id,
      [
        {
          line: 1,
          key: 'crash-1',
          deviceDbId: devices.get('CAM-01')!.dbId,
          record: {
            eventId: 'crash-1',
            deviceId: 'CAM-01',
            occurredAt: Date.UTC(2020, 3, 3),
            eventType: 'face_match',
            subjectRef: 'P-crash',
            matchScore: null,
            masked: null,
            purpose: null,
            snapshotSha256: null,
          },
        },
      ],
      [],
    );
    await expect(
      audit.auditFirm(CREDIT, { decisionDate: '2021-05-02', operator: 't' }),
    ).rejects.toMatchObject({
      code: 'AUDIT.INCOMPLETE_EVIDENCE',
    });
    expect(await batches.discard(open.id)).toBe(true);
    expect(await count(`capture_event WHERE batch_id = $1`, [open.id])).toBe(0);
    const after = await audit.auditFirm(CREDIT, { decisionDate: '2021-05-02', operator: 't' });
    expect(after.findings.capturesAudited).toBe(before.findings.capturesAudited);
  });

  it('quarantine keeps where and why, not personal fields; bad times have their own reasons (failures 9, 10)', async () => {
    const face = 'iVBORw0KGgoAAAANSUhEUgAA'.repeat(50);
    const personal = {
      eventId: 'Q-1',
      deviceId: 'CAM-404',
      occurredAt: '2020-04-01T10:00:00+08:00',
      eventType: 'face_match',
      subjectRef: '330203199001011234',
      personName: '张三',
      phone: '13812345678',
      faceImage: face,
    };
    const lines = [
      JSON.stringify(personal),
      JSON.stringify({
        ...personal,
        eventId: 'Q-2',
        deviceId: 'CAM-01',
        occurredAt: '0020-04-01T10:00:00+08:00',
      }),
      // The clock says 2021-04-21T02:00Z; the default tolerance is one day.
      JSON.stringify({ ...personal, eventId: 'Q-3', deviceId: 'CAM-01', occurredAt: '2021-04-23T00:00:00Z' }),
      JSON.stringify({ ...personal, eventId: 'Q-4', deviceId: 'CAM-01', occurredAt: '9999-12-31T00:00:00Z' }),
    ];
    const dir = folder(home.dir, 'personal', { 'captures.jsonl': `${lines.join('\n')}\n` });
    const r = await ingest.ingestFolder(dir, { distribute: false });
    expect(r.captures).toMatchObject({ read: 4, rejected: 4 });
    const batch = r.batches.find((b) => b.kind === 'captures')!;
    const rows = await db.dataSource.query<
      { line_no: number; reason_code: string; field: string; raw_text: string; raw_sha256: string }[]
    >(
      `SELECT line_no, reason_code, field, raw_text, raw_sha256 FROM quarantined_record WHERE batch_id = $1 ORDER BY line_no`,
      [batch.id],
    );
    expect(rows.map((q) => [q.line_no, q.reason_code, q.field])).toEqual([
      [1, 'INGEST.UNKNOWN_DEVICE', 'deviceId'],
      [2, 'INGEST.TRUNCATED_YEAR', 'occurredAt'],
      [3, 'INGEST.IMPLAUSIBLE_TIME', 'occurredAt'],
      [4, 'INGEST.PLACEHOLDER_TIME', 'occurredAt'],
    ]);
    for (const [i, q] of rows.entries()) {
      for (const secret of ['330203199001011234', '张三', '13812345678', 'iVBOR'])
        expect(q.raw_text).not.toContain(secret);
      expect(JSON.parse(q.raw_text)).toMatchObject({
        redacted: 'json',
        fields: { phone: 'text(11)', faceImage: `text(${face.length})` },
      });
      // The original line is still provable: its SHA-256 is kept.
      expect(q.raw_sha256).toBe(createHash('sha256').update(lines[i]).digest('hex'));
    }
    // The failing field's value is kept when it is not personal.
    expect((JSON.parse(rows[0].raw_text) as { value: unknown }).value).toEqual({ deviceId: 'CAM-404' });
    // `ingest quarantine` still lists them, by file and line.
    const { records } = await ingest.quarantineOf(batch.id);
    const listed = [];
    for await (const page of records) listed.push(...page);
    expect(listed.map((q) => [q.fileName, q.lineNo, q.reasonCode])).toEqual([
      ['captures.jsonl', 1, 'INGEST.UNKNOWN_DEVICE'],
      ['captures.jsonl', 2, 'INGEST.TRUNCATED_YEAR'],
      ['captures.jsonl', 3, 'INGEST.IMPLAUSIBLE_TIME'],
      ['captures.jsonl', 4, 'INGEST.PLACEHOLDER_TIME'],
    ]);
  });
});
