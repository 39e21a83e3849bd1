import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createTempDir } from '@app/testing';
import { linesPerChunk, splitIntoChunks } from './chunk-splitter';

describe('splitting large files for the workers', () => {
  const tmp = createTempDir();
  afterAll(() => tmp.remove());

  it('cuts only formats whose records are lines', () => {
    expect(linesPerChunk({ format: 'jsonl' }, 1000)).toBe(1000);
    expect(linesPerChunk({ format: 'csv', captureFormat: 'zkteco-attlog' }, 1000)).toBe(1000);
    expect(linesPerChunk({ format: 'jsonl', captureFormat: 'hikvision-acs-search' }, 1000)).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(linesPerChunk({ format: 'csv', captureFormat: 'dahua-recordfinder' }, 1000)).toBe(
      Number.POSITIVE_INFINITY,
    );
  });

  it('repeats the CSV header, never cuts a quoted field, and numbers lines as the original', async () => {
    const file = path.join(tmp.dir, 'c.csv');
    writeFileSync(file, 'a,b\r\n1,"x\r\ny"\r\n2,z\r\n3,w\r\n');
    const chunks = await splitIntoChunks(
      { path: file, fileName: 'c.csv', format: 'csv', gzip: false },
      path.join(tmp.dir, 'w'),
      1,
    );
    expect(chunks.map((c) => [c.firstLine, c.lines])).toEqual([
      [2, 2],
      [4, 1],
      [5, 1],
    ]);
    expect(readFileSync(chunks[0].path, 'utf8')).toBe('a,b\n1,"x\ny"\n');
    expect(readFileSync(chunks[2].path, 'utf8')).toBe('a,b\n3,w\n');
  });

  it('keeps a non-line format whole', async () => {
    const file = path.join(tmp.dir, 'h.json');
    writeFileSync(file, '{"AcsEvent":{"InfoList":[\n{"serialNo":1,\n "major":5}\n]}}\n');
    const chunks = await splitIntoChunks(
      { path: file, fileName: 'h.json', format: 'jsonl', gzip: false, captureFormat: 'hikvision-acs-search' },
      path.join(tmp.dir, 'h'),
      linesPerChunk({ format: 'jsonl', captureFormat: 'hikvision-acs-search' }, 1),
    );
    expect(chunks).toHaveLength(1);
    expect(chunks[0].lines).toBe(4);
  });
});
