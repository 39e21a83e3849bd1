import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DomainError, type DeviceProfile } from '@app/common';
import { SubjectPseudonymiser } from '@app/crypto';
import { readCaptures, type SourceFile } from '@app/ingestion';
import { captureChunks, type CaptureChunk, type CaptureFileJob } from './capture-chunks';
import { CaptureParser, captureChunkSource, PARSE_IN_WORKER_BYTES } from './capture-parser';

const KEY = Buffer.alloc(32, 7);
const PROFILE: DeviceProfile = {
  deviceId: 'CAM-01',
  siteId: 'S1',
  siteName: 'Sales office A',
  siteType: 'sales_office',
  faceOnlyAccess: false,
  vendor: 'Hikvision',
  model: 'DS-K1T671',
  declaredPurpose: 'visitor_identification',
  timezone: 'Asia/Shanghai',
};

/** `n` capture lines: every 7th refused (unknown device), every 5th a personal reference (an e-mail). */
function lines(n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    out += `${JSON.stringify({
      eventId: `E-${i}`,
      deviceId: i % 7 === 3 ? 'CAM-99' : 'CAM-01',
      occurredAt: `2020-04-02T10:${String(i % 60).padStart(2, '0')}:00+08:00`,
      eventType: 'face_match',
      subjectRef: i % 5 === 0 ? `person${i}@example.com` : `P-${i}`,
      matchScore: 0.9,
      note: createHash('sha256').update(String(i)).digest('base64'),
    })}\n`;
  }
  return out;
}

describe('CaptureParser (the capture parse worker)', () => {
  let dir: string;
  const file = (name: string, body: string | Buffer): SourceFile => {
    const p = path.join(dir, name);
    writeFileSync(p, body);
    return { path: p, fileName: name, format: 'jsonl', gzip: name.endsWith('.gz') };
  };
  const job = (f: SourceFile): CaptureFileJob => ({
    batchId: '12',
    firmId: '3',
    file: f,
    lineOffset: 100,
    devices: new Map([['CAM-01', { dbId: '41', profile: PROFILE }]]),
    window: { notBefore: Date.UTC(2000, 0, 1), notAfter: Date.UTC(2030, 0, 1) },
  });
  const plain = (c: CaptureChunk) => ({
    ...c,
    captures: { ...c.captures, csv: Buffer.concat(c.captures.csv) },
  });

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'capture-parser-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('posts, chunk by chunk, exactly what captureChunks makes on this thread (rows, lines, quarantine, identities)', async () => {
    const f = file('captures.jsonl', lines(1234));
    const here: CaptureChunk[] = [];
    for await (const c of captureChunks(job(f), new SubjectPseudonymiser(KEY), 500)) here.push(c);
    const parser = CaptureParser.start(job(f), () => KEY, { chunkRows: 500 });
    const there: CaptureChunk[] = [];
    try {
      for await (const c of parser.chunks()) {
        there.push(c);
        parser.stored();
      }
    } finally {
      await parser.close();
    }
    expect(there.map(plain)).toEqual(here.map(plain));
    expect(there.reduce((n, c) => n + c.read, 0)).toBe(1234);
    expect(there[0].rejected[0]).toMatchObject({ line: 104, code: 'INGEST.UNKNOWN_DEVICE' });
    expect(there[0].identities.length).toBeGreaterThan(0);
    expect(Buffer.concat(there[0].captures.csv).toString()).toContain(`"12",101\n`);
  });

  it('flushes a chunk early when its refused lines hold too much text, so a bad file fits the worker heap', async () => {
    // 3,000 lines: every 7th refused (unknown device), each ~200 characters kept.
    const f = file('refused.jsonl', lines(3000));
    const sizes = async (chars: number) => {
      const out: { read: number; rejected: number }[] = [];
      for await (const c of captureChunks(job(f), new SubjectPseudonymiser(KEY), 50_000, chars))
        out.push({ read: c.read, rejected: c.rejected.length });
      return out;
    };
    const whole = await sizes(Number.MAX_SAFE_INTEGER);
    expect(whole).toEqual([{ read: 3000, rejected: 429 }]);
    const bounded = await sizes(20_000);
    expect(bounded.length).toBeGreaterThan(1);
    // Nothing lost or counted twice, whatever the flushes.
    expect(bounded.reduce((n, c) => n + c.read, 0)).toBe(3000);
    expect(bounded.reduce((n, c) => n + c.rejected, 0)).toBe(429);
  });

  it('parses a small file on this thread (no worker to start for a collected page), a large one in a worker', async () => {
    const f = file('small.jsonl', lines(40));
    const here: CaptureChunk[] = [];
    for await (const c of captureChunks(job(f), new SubjectPseudonymiser(KEY))) here.push(c);
    const started = jest.spyOn(CaptureParser, 'start');
    try {
      const small = captureChunkSource(job(f), () => KEY, 1_000);
      const got: CaptureChunk[] = [];
      for await (const c of small.chunks()) got.push(c);
      await small.close();
      expect(got.map(plain)).toEqual(here.map(plain));
      expect(started).not.toHaveBeenCalled();
      const large = captureChunkSource(job(f), () => KEY, PARSE_IN_WORKER_BYTES);
      await large.close();
      expect(started).toHaveBeenCalledTimes(1);
    } finally {
      started.mockRestore();
    }
  });

  it('runs at most `ahead` chunks before the main thread has stored them', async () => {
    // Chunks end on a parse slice (500 rows): 10 of them.
    const parser = CaptureParser.start(job(file('ahead.jsonl', lines(5000))), () => KEY, {
      chunkRows: 500,
      ahead: 2,
    });
    try {
      const chunks = parser.chunks();
      await chunks.next();
      await chunks.next();
      await new Promise((r) => setTimeout(r, 400));
      expect(parser.buffered).toBe(0); // without back-pressure the other 8 chunks would be here by now
      parser.stored();
      await new Promise((r) => setTimeout(r, 400));
      expect(parser.buffered).toBe(1);
      let rows = 1000;
      for (let c = await chunks.next(); !c.done; c = await chunks.next()) {
        rows += c.value.captures.count + c.value.rejected.length;
        parser.stored();
      }
      expect(rows).toBe(5000);
    } finally {
      await parser.close();
    }
  });

  it('a file that cannot be read to its end surfaces as the same INGEST.* DomainError as on this thread', async () => {
    const whole = gzipSync(lines(3000));
    const cut = file('cut.jsonl.gz', whole.subarray(0, Math.floor(whole.length * 0.6)));
    const here = await (async () => {
      for await (const _ of readCaptures(cut, { devices: new Map([['CAM-01', PROFILE]]) }, 500));
    })().catch((e: unknown) => e as DomainError);
    expect(here).toBeInstanceOf(DomainError);
    expect(here!.code).toMatch(/^INGEST\./);

    const parser = CaptureParser.start(job(cut), () => KEY, { chunkRows: 500 });
    const error = await (async () => {
      for await (const _ of parser.chunks()) parser.stored();
    })().catch((e: unknown) => e);
    await parser.close();
    expect(error).toBeInstanceOf(DomainError);
    // The message as Node writes it: on this thread jest's realm makes zlib's error no `instanceof Error`, so
    // here it reads "…: Error: unexpected end of file".
    expect({ code: (error as DomainError).code, message: (error as DomainError).message }).toEqual({
      code: here!.code,
      message: here!.message.replace(': Error: ', ': '),
    });
    expect((error as DomainError).message).toBe(
      'cut.jsonl.gz: cannot be read (is it really gzip?): unexpected end of file',
    );
    expect(parser.alive).toBe(false);
  });

  it('a pseudonym key that cannot be loaded fails the file with its code, only when a reference needs it', async () => {
    const refuse = () => {
      throw new DomainError('CRYPTO.BAD_MASTER_KEY', 'no key');
    };
    const opaque = CaptureParser.start(
      job(file('opaque.jsonl', lines(4).replace(/person0@example.com/, 'P-0'))),
      refuse,
    );
    let read = 0;
    for await (const c of opaque.chunks()) read += c.read;
    await opaque.close();
    expect(read).toBe(4);

    const personal = CaptureParser.start(job(file('personal.jsonl', lines(4))), refuse);
    await expect(
      (async () => {
        for await (const _ of personal.chunks());
      })(),
    ).rejects.toMatchObject({ code: 'CRYPTO.BAD_MASTER_KEY', message: 'no key' });
    await personal.close();
  });

  it('close() stops a worker half-way through its file', async () => {
    const parser = CaptureParser.start(job(file('long.jsonl', lines(3000))), () => KEY, { chunkRows: 100 });
    const first = await parser.chunks().next();
    expect(first.done).toBe(false);
    expect(parser.alive).toBe(true);
    await parser.close();
    expect(parser.alive).toBe(false);
  });
});
