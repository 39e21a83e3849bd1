import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { DeviceProfile } from '@app/common';
import { countRecords, readCaptures, readConsents, type ParsedRow } from './record-reader';
import { sourceFileOf } from './source-file';

const device = (deviceId: string, timezone: string): DeviceProfile => ({
  deviceId,
  siteId: 'S-1',
  siteName: 'Sales office',
  siteType: 'sales_office',
  faceOnlyAccess: false,
  vendor: '',
  model: '',
  declaredPurpose: null,
  timezone,
});
const devices = new Map([
  ['D-1', device('D-1', 'Asia/Shanghai')],
  ['D-2', device('D-2', 'UTC')],
]);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ingestion-reader-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function all<T>(batches: AsyncIterable<ParsedRow<T>[]>): Promise<ParsedRow<T>[]> {
  const rows: ParsedRow<T>[] = [];
  for await (const b of batches) rows.push(...b);
  return rows;
}

/** Rows reduced to line and outcome, the shape the assertions compare. */
const outcomes = <T>(rows: ParsedRow<T>[]) =>
  rows.map((r) => (r.ok ? { line: r.line, ok: true } : { line: r.line, code: r.code, field: r.field }));

const JSONL_LINES = [
  '{"eventId":"E-1","deviceId":"D-1","occurredAt":"2021-04-01 09:30:00","eventType":"face_match","subjectRef":"P-1","matchScore":0.9}',
  '',
  '{"deviceId":"D-2","occurredAt":"2021-04-01 09:30:00","eventType":"stranger"}',
  '{"deviceId":"D-1","occurredAt":"2021-04-01T09:30:00+08:00","eventType":"stranger"',
  '   ',
  '{"deviceId":"D-9","occurredAt":"2021-04-01T09:30:00Z","eventType":"stranger"}',
  '{"deviceId":"D-1","occurredAt":"2021-04-31T09:30:00Z","eventType":"stranger"}',
  '{"deviceId":"D-1","occurredAt":"2021-04-01T09:30:00Z","eventType":"smile"}',
  '{"deviceId":"D-1","occurredAt":"2021-04-01T09:30:00Z","eventType":"face_match","matchScore":1.5}',
  '{"deviceId":"D-1","occurredAt":"2021-04-01T09:30:00Z","eventType":"stranger","snapshotSha256":"abc"}',
  '{"occurredAt":"2021-04-01T09:30:00Z","eventType":"stranger"}',
  '["not","an","object"]',
  '{"deviceId":"D-1","occurredAt":"2021-04-01T09:30:00Z","eventType":"stranger","masked":"maybe"}',
  '{"eventId":"E-1","deviceId":"D-1","occurredAt":"2021-04-01 09:30:00","eventType":"face_match","subjectRef":"P-1","matchScore":0.9}',
];
const JSONL_EXPECTED = [
  { line: 1, ok: true },
  { line: 3, ok: true },
  { line: 4, code: 'INGEST.MALFORMED_LINE', field: null },
  { line: 6, code: 'INGEST.UNKNOWN_DEVICE', field: 'deviceId' },
  { line: 7, code: 'INGEST.BAD_TIME', field: 'occurredAt' },
  { line: 8, code: 'INGEST.BAD_ENUM', field: 'eventType' },
  { line: 9, code: 'INGEST.OUT_OF_RANGE', field: 'matchScore' },
  { line: 10, code: 'INGEST.OUT_OF_RANGE', field: 'snapshotSha256' },
  { line: 11, code: 'INGEST.MISSING_FIELD', field: 'deviceId' },
  { line: 12, code: 'INGEST.MALFORMED_LINE', field: null },
  { line: 13, code: 'INGEST.BAD_VALUE', field: 'masked' },
  // The same event again: accepted here, the database's unique key decides it is a duplicate.
  { line: 14, ok: true },
];

describe('readCaptures (JSONL)', () => {
  it.each([
    ['LF', 'captures.jsonl', (s: string) => Buffer.from(s)],
    [
      'CRLF with a BOM',
      'captures-crlf.jsonl',
      (s: string) => Buffer.from(`\uFEFF${s.replace(/\n/g, '\r\n')}`),
    ],
    ['gzipped', 'captures.jsonl.gz', (s: string) => gzipSync(`\uFEFF${s}`)],
  ])('gives one row per data line with exact line numbers (%s)', async (_name, fileName, encode) => {
    const file = sourceFileOf(write(fileName, encode(`${JSONL_LINES.join('\n')}\n`)));
    const rows = await all(readCaptures(file, { devices }));
    expect(outcomes(rows)).toEqual(JSONL_EXPECTED);
    expect(await countRecords(file)).toBe(rows.length);
    const accepted = rows.filter((r) => r.ok).length;
    expect(accepted + rows.filter((r) => !r.ok).length).toBe(12);
  });

  it('reads times without an offset in the device zone and keys by eventId or canonical hash', async () => {
    const file = sourceFileOf(write('zones.jsonl', JSONL_LINES.join('\n')));
    const rows = await all(readCaptures(file, { devices }));
    const [first, second] = rows;
    if (!first.ok || !second.ok) throw new Error('first two lines must be accepted');
    expect(first.record.occurredAt).toBe(Date.UTC(2021, 3, 1, 1, 30));
    expect(first.key).toBe('E-1');
    expect(second.record.occurredAt).toBe(Date.UTC(2021, 3, 1, 9, 30));
    expect(second.key).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('keeps the raw text of rejected lines only', async () => {
    const file = sourceFileOf(write('raw.jsonl', JSONL_LINES.join('\n')));
    const rows = await all(readCaptures(file, { devices }));
    const rejected = rows.find((r) => !r.ok && r.line === 4);
    expect(rejected).toMatchObject({
      raw: JSONL_LINES[3],
      message: expect.stringMatching(/invalid JSON/) as unknown,
    });
    expect(rows.filter((r) => r.ok).every((r) => !('raw' in r))).toBe(true);
  });

  it('reads the last line without a final line break, and batches by batchSize', async () => {
    const file = sourceFileOf(write('batches.jsonl', JSONL_LINES.join('\n')));
    const sizes: number[] = [];
    for await (const b of readCaptures(file, { devices }, 5)) sizes.push(b.length);
    expect(sizes).toEqual([5, 5, 2]);
  });

  it('detects a GBK line and decodes it; forced to UTF-8 the same line is rejected', async () => {
    const bad = Buffer.concat([
      Buffer.from(
        '{"deviceId":"D-1","occurredAt":"2021-04-01T09:30:00Z","eventType":"stranger","subjectRef":"',
      ),
      Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), // 张三 in GBK
      Buffer.from('"}\n'),
    ]);
    const file = sourceFileOf(write('gbk.jsonl', bad));
    expect(await all(readCaptures(file, { devices }))).toMatchObject([
      { ok: true, line: 1, record: { subjectRef: '张三' } },
    ]);
    const rows = await all(readCaptures({ ...file, encoding: 'utf-8' }, { devices }));
    expect(rows).toMatchObject([
      {
        ok: false,
        line: 1,
        code: 'INGEST.UNDECODABLE_LINE',
        message: expect.stringMatching(/not valid text/) as unknown,
      },
    ]);
  });

  it('gives an empty file no rows', async () => {
    const file = sourceFileOf(write('empty.jsonl', ''));
    expect(await all(readCaptures(file, { devices }))).toEqual([]);
    expect(await countRecords(file)).toBe(0);
  });

  it('fails clearly on a missing file and on a corrupt gzip', async () => {
    await expect(all(readCaptures(sourceFileOf(join(dir, 'nope.jsonl')), { devices }))).rejects.toMatchObject(
      {
        code: 'INGEST.FILE_MISSING',
      },
    );
    const corrupt = sourceFileOf(write('corrupt.jsonl.gz', 'this is not gzip'));
    await expect(all(readCaptures(corrupt, { devices }))).rejects.toMatchObject({
      code: 'INGEST.FILE_UNREADABLE',
    });
  });

  it('stops reading when the consumer stops', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) =>
      JSON.stringify({
        eventId: `E-${i}`,
        deviceId: 'D-1',
        occurredAt: '2021-04-01T09:30:00Z',
        eventType: 'stranger',
      }),
    );
    const file = sourceFileOf(write('big.jsonl', lines.join('\n')));
    let seen = 0;
    for await (const b of readCaptures(file, { devices }, 100)) {
      seen += b.length;
      break;
    }
    expect(seen).toBe(100);
  });
});

const CSV_HEADER =
  'eventId,deviceId,occurredAt,eventType,subjectRef,matchScore,masked,purpose,snapshotSha256';
const CSV_LINES = [
  CSV_HEADER,
  'E-1,D-1,2021-04-01 09:30:00,face_match,P-1,0.9,false,access_control,',
  '',
  'E-2,D-1,2021-04-01T09:30:00Z,face_match,"P,2",1,,,',
  'E-3,D-1,2021-04-01T09:30:00Z,face_match,"multi',
  'line ""ref""",0,,,',
  'E-4,D-1,2021-04-01T09:30:00Z,stranger,,,',
  'E-5,D-1,2021-04-01T09:30:00Z,stranger,"bad"quote,,,,',
  'E-6,D-1,2021-04-01T09:30:00Z,stranger,,,,,,extra',
  'E-7,D-1,2021-04-01T09:30:00Z,stranger,,-0.5,,,',
  'E-8,D-1,2021-04-01T09:30:00Z,stranger,,,,,',
  ',,,,,,,,',
  'E-9,D-1,2021-04-01T09:30:00Z,stranger,"never closed,,,,',
  'E-10,D-1,2021-04-01T09:30:00Z,stranger,,,,,',
];
const CSV_EXPECTED = [
  { line: 2, ok: true },
  { line: 4, ok: true },
  { line: 5, ok: true },
  { line: 7, code: 'INGEST.MALFORMED_LINE', field: null },
  { line: 8, code: 'INGEST.MALFORMED_LINE', field: null },
  { line: 9, code: 'INGEST.MALFORMED_LINE', field: null },
  { line: 10, code: 'INGEST.OUT_OF_RANGE', field: 'matchScore' },
  { line: 11, ok: true },
  { line: 12, code: 'INGEST.MISSING_FIELD', field: 'deviceId' },
  // An unclosed quote swallows the rest of the file into one rejected record, as in any CSV reader.
  { line: 13, code: 'INGEST.MALFORMED_LINE', field: null },
];

describe('readCaptures (CSV)', () => {
  it.each([
    ['LF', 'captures.csv', (s: string) => Buffer.from(s)],
    ['CRLF with a BOM', 'captures-crlf.csv', (s: string) => Buffer.from(`\uFEFF${s.replace(/\n/g, '\r\n')}`)],
    [
      'gzipped CRLF with a BOM',
      'captures.csv.gz',
      (s: string) => gzipSync(`\uFEFF${s.replace(/\n/g, '\r\n')}`),
    ],
  ])('gives one row per record with the line it starts on (%s)', async (_name, fileName, encode) => {
    const file = sourceFileOf(write(fileName, encode(`${CSV_LINES.join('\n')}\n`)));
    const rows = await all(readCaptures(file, { devices }));
    expect(outcomes(rows)).toEqual(CSV_EXPECTED);
    expect(await countRecords(file)).toBe(rows.length);
  });

  it('reads quoted fields, including one spanning two lines', async () => {
    const file = sourceFileOf(write('quoted.csv', `\uFEFF${CSV_LINES.join('\r\n')}`));
    const rows = await all(readCaptures(file, { devices }));
    const refs = rows.flatMap((r) => (r.ok ? [r.record.subjectRef] : []));
    expect(refs).toEqual(['P-1', 'P,2', 'multi\nline "ref"', null]);
    const wrongCount = rows.find((r) => r.line === 7);
    expect(wrongCount).toMatchObject({ message: 'expected 9 columns, got 7' });
  });

  it('bounds the damage of a stray quote: one rejection up to MAX_LINE_CHARS, then reading resumes', async () => {
    const row = (i: number) => `E-${i},D-1,2021-04-01T09:30:00Z,stranger,,,,,`;
    const body = Array.from({ length: 40_000 }, (_, i) => row(i + 1));
    const csv = [CSV_HEADER, 'E-0,D-1,2021-04-01T09:30:00Z,stranger,"stray,,,,', ...body].join('\n');
    const file = sourceFileOf(write('stray-quote.csv', csv));
    const rows = await all(readCaptures(file, { devices }));
    expect(rows[0]).toMatchObject({ ok: false, line: 2, code: 'INGEST.MALFORMED_LINE' });
    const rest = rows.slice(1);
    expect(rest.every((r) => r.ok)).toBe(true);
    // The swallowed lines belong to the rejected record; the accepted ones run contiguously to the last line.
    expect(rest.map((r) => r.line)).toEqual(
      Array.from({ length: rest.length }, (_, i) => 40_002 - rest.length + 1 + i),
    );
    expect(rest.length).toBeGreaterThan(10_000);
    expect(await countRecords(file)).toBe(rows.length);
  });

  it('accepts columns in any order and ignores unknown ones', async () => {
    const csv = 'note,eventType,occurredAt,deviceId\nhello,stranger,2021-04-01 09:30,D-1\n';
    const rows = await all(readCaptures(sourceFileOf(write('reordered.csv', csv)), { devices }));
    expect(rows).toMatchObject([{ ok: true, line: 2, record: { eventType: 'stranger', deviceId: 'D-1' } }]);
  });

  it('fails on a header that lacks a required column or repeats one', async () => {
    const missing = sourceFileOf(
      write('no-device.csv', 'eventId,occurredAt,eventType\nE-1,2021-04-01,stranger\n'),
    );
    await expect(all(readCaptures(missing, { devices }))).rejects.toMatchObject({
      code: 'INGEST.HEADER_INVALID',
      details: expect.objectContaining({ missing: ['deviceId'] }) as unknown,
    });
    const twice = sourceFileOf(write('twice.csv', 'deviceId,occurredAt,eventType,deviceId\n'));
    await expect(all(readCaptures(twice, { devices }))).rejects.toMatchObject({
      code: 'INGEST.HEADER_INVALID',
    });
  });

  it('gives a file with only a header no rows', async () => {
    const file = sourceFileOf(write('header-only.csv', `${CSV_HEADER}\r\n`));
    expect(await all(readCaptures(file, { devices }))).toEqual([]);
    expect(await countRecords(file)).toBe(0);
  });
});

describe('readConsents', () => {
  const header =
    'consentId,subjectRef,givenAt,purposes,method,separateConsent,guardianConsent,subjectBirthDate,withdrawnAt';
  it.each([
    ['CSV', 'consents.csv', (s: string) => Buffer.from(s)],
    ['gzipped CSV', 'consents.csv.gz', (s: string) => gzipSync(s)],
  ])('reads %s with the firm zone for times without an offset', async (_name, fileName, encode) => {
    const csv = [
      header,
      'C-1,P-1,2021-03-01 10:00,access_control;security,written,true,,2010-06-15,',
      'C-2,P-2,2021-03-01 10:00,marketing,written,true,,,2021-02-01 10:00',
      'C-3,P-3,2021-03-01 10:00,,electronic,false,,,',
      'C-4,P-4,2021-03-01 10:00,access_control,telepathy,false,,,',
    ].join('\n');
    const file = sourceFileOf(write(fileName, encode(csv)));
    const rows = await all(readConsents(file, { firmTimezone: 'Asia/Shanghai' }));
    expect(outcomes(rows)).toEqual([
      { line: 2, ok: true },
      { line: 3, code: 'INGEST.TIME_ORDER', field: 'withdrawnAt' },
      { line: 4, code: 'INGEST.MISSING_FIELD', field: 'purposes' },
      { line: 5, code: 'INGEST.BAD_ENUM', field: 'method' },
    ]);
    expect(rows[0]).toMatchObject({
      key: 'C-1',
      record: {
        givenAt: Date.UTC(2021, 2, 1, 2),
        purposes: ['access_control', 'security'],
        subjectBirthDate: '2010-06-15',
      },
    });
  });

  it('reads JSONL consents', async () => {
    const line = JSON.stringify({
      consentId: 'C-1',
      subjectRef: 'P-1',
      givenAt: '2021-03-01T10:00:00+08:00',
      purposes: ['security'],
      method: 'electronic',
      separateConsent: true,
    });
    const rows = await all(
      readConsents(sourceFileOf(write('consents.jsonl', `${line}\n\n`)), { firmTimezone: 'UTC' }),
    );
    expect(rows).toMatchObject([{ ok: true, line: 1, key: 'C-1', record: { guardianConsent: false } }]);
  });
});
