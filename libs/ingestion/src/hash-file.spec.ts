import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashFile } from './hash-file';

describe('hashFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ingestion-hash-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the SHA-256 and byte size of the file as stored', async () => {
    const content = Buffer.concat([Buffer.from('\uFEFFheader\r\n'), Buffer.alloc(3 << 20, 7)]);
    const path = join(dir, 'f.csv');
    writeFileSync(path, content);
    expect(await hashFile(path)).toEqual({
      sha256: createHash('sha256').update(content).digest('hex'),
      size: content.length,
    });
  });

  it('hashes an empty file', async () => {
    const path = join(dir, 'empty');
    writeFileSync(path, '');
    expect(await hashFile(path)).toEqual({
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      size: 0,
    });
  });

  it('reports a missing file as INGEST.FILE_MISSING', async () => {
    await expect(hashFile(join(dir, 'nope'))).rejects.toMatchObject({ code: 'INGEST.FILE_MISSING' });
  });
});
