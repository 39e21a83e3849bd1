import { isAscii } from 'node:buffer';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { DeviceProfile } from '@app/common';
import type { CaptureFormat } from './core/adapters/capture-adapter';
import { CONSENT_REQUIRED_FIELDS } from './core/consent-record';
import { zipOf } from './fixtures/zip-fixture';
import { IngestionError } from './ingestion.errors';
import { readCaptureRawRecords, readRawRecords, type RawRecord } from './raw-records';
import { countRecords, readCaptures, readConsents, type ParsedRow } from './record-reader';
import { readTextChunks, type SourceFile } from './source-file';

/**
 * Property-based tests of every reader (issue 9, security suite): for arbitrary bytes (random, and lines of
 * real exports mutated byte by byte) each reader either refuses the whole file with an IngestionError or
 * yields rows that (1) come only from the input: every row's line holds a record of the raw reader whose text
 * is in the decoded input, (2) reconcile: read = accepted + skipped + rejected = countRecords, one row per
 * raw record, lines never going back, and (3) do not depend on how the bytes arrive (plain, gzip, zip
 * entry) or on the batch size. Runs are bounded (numRuns, sizes) so the suite stays fast.
 */
jest.setTimeout(60_000);

const vendors = join(__dirname, 'fixtures', 'vendors');
const FIXTURES: ReadonlyArray<[CaptureFormat, string]> = [
  ['canonical-jsonl', 'canonical-jsonl/minimal.jsonl'],
  ['canonical-csv', 'canonical-csv/minimal.csv'],
  ['hikcentral-csv', 'hikcentral-csv/door-events.csv'],
  ['hikvision-acs-search', 'hikvision-acs-search/two-pages.json'],
  ['hikvision-acs-push', 'hikvision-acs-push/alert-stream.jsonl'],
  ['dahua-recordfinder', 'dahua-recordfinder/card-records.txt'],
  ['zkteco-attlog', 'zkteco-attlog/attlog-push.txt'],
  ['zkteco-rtlog', 'zkteco-rtlog/rtlog.txt'],
];
/** Runs per property: bounded so the whole file stays under ~10 s (raise locally to search harder). */
const NUM_RUNS = 40;

const device = (deviceId: string): DeviceProfile => ({
  deviceId,
  siteId: 'S-1',
  siteName: 'Sales office',
  siteType: 'sales_office',
  faceOnlyAccess: false,
  vendor: '',
  model: '',
  declaredPurpose: null,
  timezone: 'Asia/Shanghai',
});
const devices = new Map(
  ['D-1', 'D-2', 'DS-K1T-SYN0001', 'hc-dev-0001', 'ZK-SYN0001', 'DH-SYN0001'].map((d) => [d, device(d)]),
);

let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ingestion-property-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Lines of a real export, some mutated: bytes flipped, inserted or cut, invalid UTF-8, CR, NUL, BOM... */
function linesOf(sample: Buffer): fc.Arbitrary<Buffer> {
  const lines = sample
    .toString('latin1')
    .split('\n')
    .map((l) => Buffer.from(l, 'latin1'));
  const line = fc.constantFrom(...lines);
  const mutated = fc
    .tuple(line, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 }), fc.nat(3))
    .map(([l, at, bytes, how]) => {
      const i = l.length === 0 ? 0 : at % (l.length + 1);
      if (how === 0) return Buffer.concat([l.subarray(0, i), Buffer.from(bytes), l.subarray(i)]);
      if (how === 1)
        return Buffer.concat([l.subarray(0, i), Buffer.from(bytes), l.subarray(i + bytes.length)]);
      if (how === 2) return l.subarray(0, i);
      return Buffer.concat([l, Buffer.from('\r')]);
    });
  const special = fc.constantFrom(
    Buffer.from(''),
    Buffer.from('   '),
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from([0xff, 0xfe, 0x41, 0x00]),
    Buffer.from([0xc3, 0x28, 0xe4, 0xb8]),
    Buffer.from('"unclosed,quote'),
    Buffer.from('{"a":'),
    Buffer.from(']}}'),
    Buffer.from('张三,李四', 'utf8'),
    Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]),
    Buffer.from([0x00, 0x00]),
  );
  const random = fc.uint8Array({ maxLength: 120 }).map((a) => Buffer.from(a));
  return fc.oneof(
    { arbitrary: line, weight: 5 },
    { arbitrary: mutated, weight: 3 },
    { arbitrary: special, weight: 1 },
    { arbitrary: random, weight: 1 },
  );
}

function fileOf(sample: Buffer): fc.Arbitrary<Buffer> {
  return fc.oneof(
    { arbitrary: fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a)), weight: 1 },
    {
      arbitrary: fc
        .tuple(fc.array(linesOf(sample), { maxLength: 40 }), fc.boolean())
        .map(([ls, crlf]) => Buffer.concat(ls.flatMap((l) => [l, Buffer.from(crlf ? '\r\n' : '\n')]))),
      weight: 4,
    },
  );
}

/** The file as plain bytes, gzip and a zip entry: three SourceFiles of one content. */
function variants(bytes: Buffer, base: Omit<SourceFile, 'path' | 'fileName' | 'gzip'>): SourceFile[] {
  const id = n++;
  const plain = join(dir, `p${id}`);
  const gz = join(dir, `g${id}.gz`);
  const zip = join(dir, `z${id}.zip`);
  writeFileSync(plain, bytes);
  writeFileSync(gz, gzipSync(bytes));
  writeFileSync(zip, zipOf([{ name: 'entry', data: bytes }]));
  return [
    { ...base, path: plain, fileName: `p${id}`, gzip: false },
    { ...base, path: gz, fileName: `g${id}.gz`, gzip: true },
    { ...base, path: zip, fileName: `z${id}.zip/entry`, gzip: false, zipEntry: 'entry' },
  ];
}

type Outcome<T> = { error: string } | { rows: T[] };

/** Runs a reader to the end: its items, or the IngestionError code that refused the file. Anything else throws. */
async function outcome<T>(batches: () => AsyncIterable<T[]>): Promise<Outcome<T>> {
  const rows: T[] = [];
  try {
    for await (const b of batches()) rows.push(...b);
  } catch (error) {
    if (error instanceof IngestionError) return { error: error.code };
    throw error;
  }
  return { rows };
}

async function decodedText(file: SourceFile): Promise<string> {
  let text = '';
  for await (const t of readTextChunks(file)) text += t;
  return text;
}

/** Checks the three properties on one file; returns a comparable summary for the cross-variant check. */
async function checkReader<T>(
  file: SourceFile,
  raw: () => AsyncIterable<RawRecord[]>,
  read: (batchSize: number) => AsyncIterable<ParsedRow<T>[]>,
): Promise<unknown> {
  const raws = await outcome(raw);
  const rows = await outcome(() => read(5000));
  if ('error' in raws || 'error' in rows) {
    // A file refused whole is refused by every reader of it, with no rows.
    expect(rows).toEqual(raws);
    return raws;
  }
  // (1) nothing that is not in the input.
  const text = await decodedText(file);
  const lineCount = text.split('\n').length;
  for (const r of raws.rows) {
    for (const part of r.raw.split('\n')) expect(text.includes(part)).toBe(true);
    expect(r.line).toBeGreaterThanOrEqual(1);
    expect(r.line).toBeLessThanOrEqual(lineCount);
  }
  // (2) one row per raw record, on its line, and the counts reconcile.
  expect(rows.rows.map((r) => r.line)).toEqual(raws.rows.map((r) => r.line));
  // Lines never go back (a JSON export may hold two records on one line).
  for (let i = 1; i < rows.rows.length; i++) {
    expect(rows.rows[i].line).toBeGreaterThanOrEqual(rows.rows[i - 1].line);
  }
  for (let i = 0; i < rows.rows.length; i++) {
    if (!raws.rows[i].ok) expect(rows.rows[i].ok).toBe(false);
  }
  const accepted = rows.rows.filter((r) => r.ok).length;
  const skipped = rows.rows.filter((r) => !r.ok && r.skipped === true).length;
  const rejected = rows.rows.filter((r) => !r.ok && r.skipped !== true).length;
  expect(accepted + skipped + rejected).toBe(rows.rows.length);
  // (3) batch size changes nothing.
  const one = await outcome(() => read(1));
  expect(one).toEqual(rows);
  return rows.rows.map((r) => (r.ok ? [r.line, r.key] : [r.line, r.code]));
}

describe('every reader on arbitrary bytes (property-based)', () => {
  it.each(FIXTURES)('%s: never crashes, invents nothing, reconciles', async (format, fixture) => {
    const sample = readFileSync(join(vendors, fixture));
    await fc.assert(
      fc.asyncProperty(fileOf(sample), async (bytes) => {
        const summaries: unknown[] = [];
        for (const file of variants(bytes, { format: 'csv', captureFormat: format, deviceId: 'D-1' })) {
          const summary = await checkReader(
            file,
            () => readCaptureRawRecords(file, format),
            (size) => readCaptures(file, { devices }, size),
          );
          const counted = await countRecords(file).catch((e: unknown) => {
            if (e instanceof IngestionError) return e.code;
            throw e;
          });
          expect(counted).toBe(
            Array.isArray(summary) ? summary.length : (summary as { error: string }).error,
          );
          summaries.push(summary);
        }
        // Plain, gzip and zip deliver the bytes in different chunks: the rows are the same.
        expect(summaries[1]).toEqual(summaries[0]);
        expect(summaries[2]).toEqual(summaries[0]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('consents: never crashes, invents nothing, reconciles', async () => {
    const sample = Buffer.from(
      [
        'consentId,subjectRef,givenAt,purposes,method,separateConsent,withdrawnAt,expiresAt',
        'C-1,P-1,2021-03-01 09:00:00,access_control,written,true,,',
        'C-2,张伟,2021-03-01T09:00:00+08:00,access_control;attendance,electronic,false,2021-05-01,',
        '"C-3","P ""3""",2021-03-01,"access_control",verbal,true,,2022-01-01',
      ].join('\n'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc
          .tuple(fileOf(sample), fc.boolean())
          .map(([b, header]) =>
            header ? Buffer.concat([sample.subarray(0, sample.indexOf(10) + 1), b]) : b,
          ),
        async (bytes) => {
          const summaries: unknown[] = [];
          for (const file of variants(bytes, { format: 'csv' })) {
            summaries.push(
              await checkReader(
                file,
                () => readRawRecords(file, CONSENT_REQUIRED_FIELDS),
                (size) => readConsents(file, { firmTimezone: 'Asia/Shanghai' }, size),
              ),
            );
          }
          expect(summaries[1]).toEqual(summaries[0]);
          expect(summaries[2]).toEqual(summaries[0]);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('decoding: every line of a file decodes in the one encoding chosen, bad lines by themselves', async () => {
    // A UTF-8 file with any mix of good and bad lines: good lines come back exactly.
    const good = fc
      .string({ unit: 'grapheme', maxLength: 30 })
      .filter((s) => !/[\n\r\uFFFD]/.test(s) && !s.includes('\u0000'));
    const bad = fc
      .tuple(fc.string({ maxLength: 5 }), fc.constantFrom([0xff], [0xc3, 0x28], [0xe4, 0xb8], [0x80]))
      .map(([s, b]) => Buffer.concat([Buffer.from(s.replace(/[\n\r]/g, '')), Buffer.from(b)]));
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            { arbitrary: good.map((s) => ({ ok: true as const, s })), weight: 4 },
            { arbitrary: bad.map((b) => ({ ok: false as const, b })), weight: 1 },
          ),
          { maxLength: 60 },
        ),
        async (lines) => {
          const nonAsciiGood = lines.filter((l) => l.ok && !isAscii(Buffer.from(l.s))).length;
          const badCount = lines.filter((l) => !l.ok).length;
          const bytes = Buffer.concat(
            lines.map((l) => Buffer.concat([l.ok ? Buffer.from(l.s) : l.b, Buffer.from('\n')])),
          );
          const [file] = variants(bytes, { format: 'jsonl' });
          const text = await decodedText(file);
          const out = text.split('\n');
          if (badCount === 0 || badCount <= nonAsciiGood) {
            // UTF-8: every good line exactly as written, every bad line marked, none merged.
            expect(out.length).toBe(lines.length + 1);
            lines.forEach((l, i) => {
              if (l.ok) expect(out[i]).toBe(l.s);
              else expect(out[i]).toContain('\uFFFD');
            });
          }
        },
      ),
      { numRuns: NUM_RUNS * 2 },
    );
  });
});
