import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import type { ConsentRecordInput } from '@app/common';
import { captureSourceOf } from './capture-sources';
import { readCaptures, readConsents, type ParsedRow } from './record-reader';
import { decideEncoding, detectSourceEncoding, sourceFileOf } from './source-file';

/**
 * Issue 9, failure 2: one invalid byte in the first 64 KiB of a UTF-8 file made the reader decode the whole
 * file as windows-1252 (Chinese names garbled, 300 of 500 lines rejected). The encoding is now decided from
 * the whole file, and the bad line alone is quarantined (INGEST.UNDECODABLE_LINE).
 */
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ingestion-decoding-'));
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

const SURNAMES = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄'];
const name = (i: number) => `${SURNAMES[i % SURNAMES.length]}${'伟芳娜敏静'[i % 5]}-${i}`;
const consentLine = (i: number) => `C-${i},${name(i)},2021-03-01 09:00:00,access_control,written,true`;

/** 500 consents with Chinese subject names, line 3 carrying one byte that is not UTF-8. */
function consentsWithOneBadByte(): Buffer {
  const lines = Array.from({ length: 500 }, (_, i) => Buffer.from(`${consentLine(i + 1)}\n`));
  lines[2] = Buffer.concat([
    Buffer.from('C-3,'),
    Buffer.from([0xff]),
    Buffer.from('李娜,2021-03-01 09:00:00,access_control,written,true\n'),
  ]);
  return Buffer.concat([
    Buffer.from('consentId,subjectRef,givenAt,purposes,method,separateConsent\n'),
    ...lines,
  ]);
}

describe('per-line decoding (issue 9, failure 2)', () => {
  it('keeps a UTF-8 file with one bad byte in its first 64 KiB UTF-8: only that line is quarantined', async () => {
    const file = sourceFileOf(write('consents.csv', consentsWithOneBadByte()));
    expect(await detectSourceEncoding(file)).toBe('utf-8');
    const rows = await all(readConsents(file, { firmTimezone: 'Asia/Shanghai' }));
    expect(rows).toHaveLength(500);
    const rejected = rows.filter((r) => !r.ok);
    expect(rejected).toMatchObject([{ ok: false, line: 4, code: 'INGEST.UNDECODABLE_LINE', field: null }]);
    const accepted = rows.filter((r): r is Extract<ParsedRow<ConsentRecordInput>, { ok: true }> => r.ok);
    expect(accepted).toHaveLength(499);
    // The names are read as written, not as windows-1252 mojibake.
    expect(accepted[0].record.subjectRef).toBe(name(1));
    expect(accepted[498].record.subjectRef).toBe(name(500));
  });

  it('does the same for a gzip capture file read by its adapter', async () => {
    const devices = new Map([
      [
        'D-1',
        {
          deviceId: 'D-1',
          siteId: 'S-1',
          siteName: 'Sales office',
          siteType: 'sales_office' as const,
          faceOnlyAccess: false,
          vendor: '',
          model: '',
          declaredPurpose: null,
          timezone: 'Asia/Shanghai',
        },
      ],
    ]);
    const good = (i: number) =>
      Buffer.from(
        `${JSON.stringify({ eventId: `E${i}`, deviceId: 'D-1', occurredAt: '2025-03-01T08:00:00+08:00', eventType: 'face_match', subjectRef: name(i) })}\n`,
      );
    const bad = Buffer.concat([
      Buffer.from('{"eventId":"X","deviceId":"D-1","subjectRef":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}\n'),
    ]);
    const bytes = Buffer.concat([good(1), bad, ...Array.from({ length: 200 }, (_, i) => good(i + 2))]);
    const path = write('captures.jsonl.gz', gzipSync(bytes));
    const file = await captureSourceOf(path);
    expect(file.encoding).toBe('utf-8');
    const rows = await all(readCaptures(file, { devices }));
    expect(rows.filter((r) => r.ok)).toHaveLength(201);
    expect(rows.filter((r) => !r.ok)).toMatchObject([{ line: 2, code: 'INGEST.UNDECODABLE_LINE' }]);
  });

  it('decides from the whole file: a GBK file whose first 256 KiB are ASCII is still GB18030', async () => {
    const ascii = Array.from(
      { length: 6000 },
      (_, i) => `C-${i},P-${i},2021-03-01 09:00:00,access_control,written,true\n`,
    ).join('');
    const gbk = iconv.encode(
      Array.from(
        { length: 300 },
        (_, i) => `G-${i},${name(i)},2021-03-01 09:00:00,access_control,written,true\n`,
      ).join(''),
      'gbk',
    );
    const file = sourceFileOf(
      write(
        'late-gbk.csv',
        Buffer.concat([
          Buffer.from(`consentId,subjectRef,givenAt,purposes,method,separateConsent\n${ascii}`),
          gbk,
        ]),
      ),
    );
    // Past the first read chunk (256 KiB) too: the ASCII head streams before the decision is needed.
    expect(ascii.length).toBeGreaterThan(256 * 1024);
    expect(await decideEncoding(file)).toBe('gb18030');
    const rows = await all(readConsents(file, { firmTimezone: 'Asia/Shanghai' }));
    expect(rows.filter((r) => !r.ok)).toEqual([]);
    expect(rows.at(-1)).toMatchObject({ ok: true, record: { subjectRef: name(299) } });
  });

  it('keeps UTF-8 when the bad byte comes after a long ASCII head, in plain and gzip files', async () => {
    const head = 'consentId,subjectRef,givenAt,purposes,method,separateConsent\n';
    const ascii = Array.from(
      { length: 6000 },
      (_, i) => `A-${i},P-${i},2021-03-01 09:00:00,access_control,written,true\n`,
    );
    const chinese = Array.from({ length: 100 }, (_, i) => Buffer.from(consentLine(i + 1) + '\n'));
    chinese[40] = Buffer.concat([
      Buffer.from('C-41,'),
      Buffer.from([0xe4, 0xb8]),
      Buffer.from(',2021-03-01 09:00:00,access_control,written,true\n'),
    ]);
    const bytes = Buffer.concat([Buffer.from(head + ascii.join('')), ...chinese]);
    for (const file of [
      sourceFileOf(write('late-bad.csv', bytes)),
      sourceFileOf(write('late-bad.csv.gz', gzipSync(bytes))),
    ]) {
      expect(await decideEncoding(file)).toBe('utf-8');
      const rows = await all(readConsents(file, { firmTimezone: 'Asia/Shanghai' }));
      expect(rows).toHaveLength(6100);
      expect(rows.filter((r) => !r.ok)).toMatchObject([{ line: 6042, code: 'INGEST.UNDECODABLE_LINE' }]);
      expect(rows.at(-1)).toMatchObject({ ok: true, record: { subjectRef: name(100) } });
    }
  });

  it('reads a GBK file with one line that is not GBK in GB18030, quarantining that line alone', async () => {
    const lines = Array.from({ length: 100 }, (_, i) =>
      iconv.encode(`G-${i},${name(i)},2021-03-01 09:00:00,access_control,written,true\n`, 'gbk'),
    );
    // 0xff is never a GB18030 lead byte.
    lines[50] = Buffer.concat([
      Buffer.from('G-50,'),
      Buffer.from([0xff, 0xff]),
      Buffer.from(',2021-03-01 09:00:00,access_control,written,true\n'),
    ]);
    const file = sourceFileOf(
      write(
        'gbk-one-bad.csv',
        Buffer.concat([
          Buffer.from('consentId,subjectRef,givenAt,purposes,method,separateConsent\n'),
          ...lines,
        ]),
      ),
    );
    expect(await decideEncoding(file)).toBe('gb18030');
    const rows = await all(readConsents(file, { firmTimezone: 'Asia/Shanghai' }));
    expect(rows).toHaveLength(100);
    expect(rows.filter((r) => !r.ok)).toMatchObject([{ line: 52, code: 'INGEST.UNDECODABLE_LINE' }]);
    expect(rows[0]).toMatchObject({ ok: true, record: { subjectRef: name(0) } });
  });

  it('keeps byte-order marks deciding: UTF-8 with BOM, UTF-16LE and UTF-16BE', async () => {
    const text =
      'consentId,subjectRef,givenAt,purposes,method,separateConsent\nC-1,张伟,2021-03-01 09:00:00,access_control,written,true\n';
    const cases: Array<[string, Buffer]> = [
      ['utf-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
      ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['utf-16be', iconv.encode(`\ufeff${text}`, 'utf-16be')],
    ];
    for (const [encoding, bytes] of cases) {
      const file = sourceFileOf(write(`bom-${encoding}.csv`, bytes));
      expect(await decideEncoding(file)).toBe(encoding);
      const rows = await all(readConsents(file, { firmTimezone: 'Asia/Shanghai' }));
      expect(rows).toMatchObject([{ ok: true, record: { consentId: 'C-1', subjectRef: '张伟' } }]);
    }
  });

  it('honours a declared encoding over the bytes', async () => {
    const file = { ...sourceFileOf(write('declared.csv', consentsWithOneBadByte())), encoding: 'gb18030' };
    expect(await detectSourceEncoding(file)).toBe('gb18030');
  });

  it('re-decides when the file changes under the same path', async () => {
    const path = write('changing.csv', consentsWithOneBadByte());
    expect(await decideEncoding(sourceFileOf(path))).toBe('utf-8');
    writeFileSync(path, iconv.encode(`a,b\n${name(1)},${name(2)}\n`.repeat(50), 'gbk'));
    expect(await decideEncoding(sourceFileOf(path))).toBe('gb18030');
  });
});
