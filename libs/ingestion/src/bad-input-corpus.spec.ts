import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { CaptureEventRecord } from '@app/common';
import { QUARANTINE_REASONS } from './core/quarantine-reasons';
import { SKIP_REASONS } from './core/skip-reasons';
import { zipOf } from './fixtures/zip-fixture';
import { openInspectionFolder } from './inspection-folder';
import { countRecords, readCaptures, type ParsedRow } from './record-reader';
import { detectSourceEncoding } from './source-file';

/**
 * Everything a firm might hand over that is wrong, in one captures/ folder: nothing crashes, every file's
 * counts reconcile (read = accepted + skipped + rejected), and every refusal says why.
 */
const vendors = join(__dirname, 'fixtures', 'vendors');
const GOOD = (id: string, t = '2025-03-01T08:00:00+08:00') =>
  JSON.stringify({ eventId: id, deviceId: 'D-1', occurredAt: t, eventType: 'face_match', subjectRef: 'S-1' });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ingestion-corpus-'));
  writeFileSync(
    join(dir, 'firm.json'),
    JSON.stringify({
      name: 'Synthetic Realty',
      creditCode: '91350100M000100Y43',
      region: 'Ningbo, Zhejiang',
    }),
  );
  writeFileSync(
    join(dir, 'devices.csv'),
    'deviceId,siteId,siteType,faceOnlyAccess\nD-1,S-1,sales_office,false\nhc-dev-0001,S-1,sales_office,false\n',
  );
  writeFileSync(join(dir, 'consents.csv'), 'consentId,subjectRef,givenAt,purposes,method,separateConsent\n');
  const c = join(dir, 'captures');
  mkdirSync(c);
  const search = readFileSync(join(vendors, 'hikvision-acs-search', 'two-pages.json'), 'utf8');
  const files: Record<string, string | Buffer> = {
    'manifest.csv': 'file,deviceId\ntruncated-search.json,D-1\n',
    'truncated.jsonl': `${GOOD('a')}\n${GOOD('b').slice(0, 30)}`,
    'truncated-search.json': search.slice(0, search.indexOf('"serialNo": 48213')),
    'gbk.csv': iconv.encode(
      readFileSync(join(vendors, 'hikcentral-csv', 'door-events.csv'), 'utf8').replace(
        /<synthetic>/g,
        '测试人员',
      ),
      'gbk',
    ),
    'nul.jsonl': Buffer.concat([
      Buffer.from(`${GOOD('c')}\n{"deviceId":"D-1","eventType":"stranger","occurredAt":"2025-03-01`),
      Buffer.from([0, 0, 0]),
      Buffer.from(`"}\n${GOOD('d')}\n`),
    ]),
    'huge-line.jsonl': `${GOOD('e')}\n{"x":"${'x'.repeat(10 * 1024 * 1024)}"}\n${GOOD('f')}\n`,
    'out-of-range.csv': [
      'eventId,deviceId,occurredAt,eventType,matchScore,snapshotSha256',
      'g,D-1,2025-03-01 08:00,face_match,1.5,',
      'h,D-1,2025-03-01 08:00,face_match,0.9,abc',
      'i,D-1,2025-02-30 08:00,face_match,,',
      'j,D-1,2025-03-01 08:00,face_match,0.9,',
    ].join('\n'),
    'unknown-device.jsonl': `${GOOD('k').replace('D-1', 'D-404')}\n${GOOD('l')}\n${GOOD('l')}\n`,
    'bomb.zip': zipOf([{ name: 'zeros.jsonl', data: Buffer.alloc(32 * 1024 * 1024, 0x20) }]),
    'traversal.zip': zipOf([{ name: '../../outside.jsonl', data: `${GOOD('m')}\n` }]),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(c, name), content);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Row = ParsedRow<CaptureEventRecord>;

describe('bad-input corpus', () => {
  let results: Map<string, { rows: Row[]; read: number; encoding: string }>;
  let rejectedFiles: { fileName: string; code: string; message: string }[];

  beforeAll(async () => {
    const { files, devices } = await openInspectionFolder(dir);
    rejectedFiles = files.rejectedCaptures;
    results = new Map();
    for (const file of files.captures) {
      const rows: Row[] = [];
      for await (const b of readCaptures(file, { devices }, 2)) rows.push(...b);
      results.set(file.fileName, {
        rows,
        read: await countRecords(file),
        encoding: await detectSourceEncoding(file),
      });
    }
  }, 60_000);

  const summary = (name: string) => {
    const r = results.get(name)!.rows;
    return {
      accepted: r.filter((x) => x.ok).length,
      skipped: r.filter((x) => !x.ok && x.skipped).length,
      rejected: r.filter((x) => !x.ok && !x.skipped).map((x) => (x.ok ? '' : `${x.line}:${x.code}`)),
    };
  };

  it('refuses the unsafe archives whole, with a reason, and reads every other file', () => {
    expect(rejectedFiles.map((f) => [f.fileName, f.code])).toEqual([
      ['bomb.zip', 'INGEST.ARCHIVE_UNSAFE'],
      ['traversal.zip', 'INGEST.ARCHIVE_UNSAFE'],
    ]);
    for (const f of rejectedFiles) expect(f.message).toMatch(/refused/);
    expect([...results.keys()].sort()).toEqual([
      'gbk.csv',
      'huge-line.jsonl',
      'nul.jsonl',
      'out-of-range.csv',
      'truncated-search.json',
      'truncated.jsonl',
      'unknown-device.jsonl',
    ]);
  });

  it('reconciles every file: read = accepted + skipped + rejected, every refusal with a known code', () => {
    for (const [, { rows, read }] of results) {
      expect(rows.length).toBe(read);
      for (const r of rows) {
        if (r.ok) continue;
        const known: readonly string[] = r.skipped ? SKIP_REASONS : QUARANTINE_REASONS;
        expect(known).toContain(r.code);
        expect(r.message.length).toBeGreaterThan(0);
        expect(r.raw.length).toBeLessThanOrEqual(1 << 20);
      }
    }
  });

  it('says why for each kind of damage', () => {
    expect(summary('truncated.jsonl')).toEqual({
      accepted: 1,
      skipped: 0,
      rejected: ['2:INGEST.MALFORMED_LINE'],
    });
    // The page is cut inside the third item: two whole items, then the truncated one.
    expect(summary('truncated-search.json')).toEqual({
      accepted: 1,
      skipped: 1,
      rejected: ['10:INGEST.MALFORMED_LINE'],
    });
    expect(summary('nul.jsonl')).toEqual({ accepted: 2, skipped: 0, rejected: ['2:INGEST.MALFORMED_LINE'] });
    expect(summary('huge-line.jsonl')).toEqual({
      accepted: 2,
      skipped: 0,
      rejected: ['2:INGEST.MALFORMED_LINE'],
    });
    expect(summary('out-of-range.csv')).toEqual({
      accepted: 1,
      skipped: 0,
      rejected: ['2:INGEST.OUT_OF_RANGE', '3:INGEST.OUT_OF_RANGE', '4:INGEST.BAD_TIME'],
    });
    expect(summary('unknown-device.jsonl')).toEqual({
      accepted: 2,
      skipped: 0,
      rejected: ['1:INGEST.UNKNOWN_DEVICE'],
    });
    const messages = (name: string) =>
      results
        .get(name)!
        .rows.map((r) => (r.ok ? '' : r.message))
        .join(' ');
    expect(messages('nul.jsonl')).toMatch(/NUL bytes/);
    expect(messages('huge-line.jsonl')).toMatch(/longer than/);
    expect(messages('truncated-search.json')).toMatch(/truncated JSON/);
  });

  it('detects GBK without a flag and reports the encoding per file', () => {
    expect(results.get('gbk.csv')!.encoding).toBe('gb18030');
    expect(results.get('truncated.jsonl')!.encoding).toBe('utf-8');
    expect(summary('gbk.csv')).toMatchObject({ accepted: 3, skipped: 1 });
  });

  it('gives repeated records the same identity key, so the store counts the second as a duplicate', () => {
    const keys = results
      .get('unknown-device.jsonl')!
      .rows.filter((r) => r.ok)
      .map((r) => (r.ok ? r.key : ''));
    expect(keys).toEqual(['l', 'l']);
  });
});
