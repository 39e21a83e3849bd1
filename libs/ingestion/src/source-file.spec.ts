import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { countRecords, readCaptures } from './record-reader';
import { MAX_LINE_CHARS, readLineBatches, sourceFileOf, type SourceFile } from './source-file';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ingestion-source-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): SourceFile {
  const path = join(dir, name);
  writeFileSync(path, content);
  return sourceFileOf(path);
}

async function lines(file: SourceFile): Promise<{ line: number; text: string; oversized: boolean }[]> {
  const out: { line: number; text: string; oversized: boolean }[] = [];
  for await (const b of readLineBatches(file)) {
    b.lines.forEach((text, i) =>
      out.push({ line: b.firstLine + i, text, oversized: b.oversized?.includes(i) ?? false }),
    );
  }
  return out;
}

describe('sourceFileOf', () => {
  it.each([
    ['/x/captures.jsonl', 'jsonl', false],
    ['/x/captures.JSONL.GZ', 'jsonl', true],
    ['/x/consents.csv', 'csv', false],
    ['/x/consents.csv.gz', 'csv', true],
  ])('describes %s', (path, format, gzip) => {
    expect(sourceFileOf(path)).toEqual({ path, fileName: path.slice(3), format, gzip });
  });

  it('refuses other extensions', () => {
    let error: unknown;
    try {
      sourceFileOf('/x/captures.xlsx');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'INGEST.UNSUPPORTED_FORMAT' });
  });
});

describe('readLineBatches', () => {
  it('strips a BOM and CR, keeps blank lines numbered and reads a last line without a break', async () => {
    const file = write('a.csv', '\uFEFFh\r\n\r\nx,y\r\nlast');
    expect(await lines(file)).toEqual([
      { line: 1, text: 'h', oversized: false },
      { line: 2, text: '', oversized: false },
      { line: 3, text: 'x,y', oversized: false },
      { line: 4, text: 'last', oversized: false },
    ]);
  });

  it('keeps multi-byte characters and lines intact across read chunks', async () => {
    // Lines of varying length so that chunk boundaries (256 KiB) fall inside lines and inside 3-byte characters.
    const expected = Array.from({ length: 30_000 }, (_, i) => `${i}:${'门禁'.repeat(i % 17)}`);
    const file = write('long.jsonl.gz', gzipSync(expected.join('\r\n')));
    const got = await lines(file);
    expect(got.map((l) => l.text)).toEqual(expected);
    expect(got.map((l) => l.line)).toEqual(expected.map((_, i) => i + 1));
  });

  it('cuts a line longer than MAX_LINE_CHARS to its head, flags it, and goes on', async () => {
    const huge = 'x'.repeat(MAX_LINE_CHARS + 300_000);
    const file = write('huge.jsonl', `first\n${huge}\nafter\n${huge}`);
    const got = await lines(file);
    expect(got.map((l) => [l.line, l.text.length, l.oversized])).toEqual([
      [1, 5, false],
      [2, 1024, true],
      [3, 5, false],
      [4, 1024, true],
    ]);
  });

  it('makes over-long lines per-line rejections, not a fatal error', async () => {
    const huge = `{"deviceId":"${'x'.repeat(MAX_LINE_CHARS)}"}`;
    const file = write(
      'huge-captures.jsonl',
      `${huge}\n{"deviceId":"D-9","occurredAt":"2021-04-01","eventType":"stranger"}\n`,
    );
    const rows: { line: number; code: string }[] = [];
    for await (const b of readCaptures(file, { devices: new Map() })) {
      for (const r of b) if (!r.ok) rows.push({ line: r.line, code: r.code });
    }
    expect(rows).toEqual([
      { line: 1, code: 'INGEST.MALFORMED_LINE' },
      { line: 2, code: 'INGEST.UNKNOWN_DEVICE' },
    ]);
    expect(await countRecords(file)).toBe(2);
  });
});
