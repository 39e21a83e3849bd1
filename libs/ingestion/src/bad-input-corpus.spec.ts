import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaptureEventRecord } from '@app/common';
import { writeBadInputCorpus, type BadInputCorpus } from '../bench/bad-input-corpus';
import { QUARANTINE_REASONS } from './core/quarantine-reasons';
import { SKIP_REASONS } from './core/skip-reasons';
import { openInspectionFolder } from './inspection-folder';
import { countRecords, readCaptures, type ParsedRow } from './record-reader';
import { detectSourceEncoding } from './source-file';

/**
 * Everything a firm might hand over that is wrong, in one captures/ folder (built by
 * bench/bad-input-corpus.ts, bombs and special files made at test time): nothing crashes, every file's
 * counts reconcile (read = accepted + skipped + rejected), and every refusal says why.
 */

let dir: string;
let corpus: BadInputCorpus;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ingestion-corpus-'));
  corpus = writeBadInputCorpus(join(dir, 'inspection'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Row = ParsedRow<CaptureEventRecord>;

describe('bad-input corpus', () => {
  let results: Map<string, { rows: Row[]; read: number; encoding: string }>;
  let rejectedFiles: { fileName: string; code: string; message: string }[];

  beforeAll(async () => {
    const { files, devices } = await openInspectionFolder(corpus.folder);
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
    expect(Object.fromEntries(rejectedFiles.map((f) => [f.fileName, f.code]))).toEqual(corpus.refused);
    expect(corpus.refused).toMatchObject({
      'passwd.jsonl': 'INGEST.NOT_A_REGULAR_FILE',
      'dangling.jsonl': 'INGEST.NOT_A_REGULAR_FILE',
      'zero.jsonl': 'INGEST.NOT_A_REGULAR_FILE',
      'symlink-entry.zip': 'INGEST.NOT_A_REGULAR_FILE',
    });
    for (const f of rejectedFiles) {
      expect(f.message).toMatch(/refused/);
      expect(f.message).not.toContain('\n');
    }
    expect([...results.keys()].sort()).toEqual([
      'gbk.csv',
      'huge-line.jsonl',
      'nul.jsonl',
      'out-of-range.csv',
      'truncated-search.json',
      'truncated.jsonl',
      'unknown-device.jsonl',
      'utf8-bad-byte.jsonl',
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
    // One bad byte in a UTF-8 file costs its line only; the file is not re-decoded (issue 9, failure 2).
    expect(summary('utf8-bad-byte.jsonl')).toEqual({
      accepted: 51,
      skipped: 0,
      rejected: ['2:INGEST.UNDECODABLE_LINE'],
    });
    expect(results.get('utf8-bad-byte.jsonl')!.encoding).toBe('utf-8');
    expect(
      results.get('utf8-bad-byte.jsonl')!.rows.flatMap((r) => (r.ok ? [r.record.subjectRef] : []))[1],
    ).toBe('李娜0');
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
