/**
 * Parse + validate throughput of the capture readers (no database). Run after `npm run build`:
 *   node dist/libs/ingestion/bench/read-captures.bench.js [rows=1000000]
 * Writes deterministic synthetic captures (JSONL, CSV, JSONL.gz) to a temp folder, reads each file with
 * readCaptures and prints rows/s and peak RSS.
 */
import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import type { DeviceProfile } from '@app/common';
import { readCaptures, sourceFileOf } from '@app/ingestion';

const EVENT_TYPES = ['face_capture', 'face_match', 'face_match_failed', 'stranger', 'enrollment'];
const CSV_COLUMNS = [
  'eventId',
  'deviceId',
  'occurredAt',
  'eventType',
  'subjectRef',
  'matchScore',
  'masked',
  'purpose',
  'snapshotSha256',
] as const;

function capture(i: number): Record<(typeof CSV_COLUMNS)[number], string | number | boolean | null> {
  const t = new Date(Date.UTC(2021, 3, 1) + i * 937).toISOString().slice(0, 19);
  const type = EVENT_TYPES[i % EVENT_TYPES.length];
  return {
    eventId: i % 3 === 0 ? null : `E${i}`,
    deviceId: `D${i % 20}`,
    // Half with an offset, half in the device's zone: both paths of parseInstant.
    occurredAt: i % 2 === 0 ? `${t}+08:00` : t.replace('T', ' '),
    eventType: type,
    subjectRef: type === 'stranger' ? null : `P${i % 50_000}`,
    matchScore: type === 'face_match' ? (80 + (i % 20)) / 100 : null,
    masked: i % 7 === 0,
    purpose: i % 4 === 0 ? 'access_control' : null,
    snapshotSha256: i % 10 === 0 ? 'ab'.repeat(32) : null,
  };
}

async function writeAll(
  out: WriteStream | ReturnType<typeof createGzip>,
  rows: number,
  line: (i: number) => string,
) {
  let buf = '';
  for (let i = 0; i < rows; i++) {
    buf += line(i);
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'ingestion-bench-'));
  try {
    const jsonl = join(dir, 'captures.jsonl');
    const csv = join(dir, 'captures.csv');
    const gz = join(dir, 'captures.jsonl.gz');
    const j = createWriteStream(jsonl);
    await writeAll(j, rows, (i) => `${JSON.stringify(capture(i))}\n`);
    await once(j, 'close');
    const c = createWriteStream(csv);
    c.write(`${CSV_COLUMNS.join(',')}\n`);
    await writeAll(c, rows, (i) => `${CSV_COLUMNS.map((k) => capture(i)[k] ?? '').join(',')}\n`);
    await once(c, 'close');
    const g = createGzip();
    const gOut = createWriteStream(gz);
    g.pipe(gOut);
    await writeAll(g, rows, (i) => `${JSON.stringify(capture(i))}\n`);
    await once(gOut, 'close');

    const devices = new Map<string, DeviceProfile>();
    for (let d = 0; d < 20; d++) {
      devices.set(`D${d}`, {
        deviceId: `D${d}`,
        siteId: 'S1',
        siteName: 'S1',
        siteType: 'sales_office',
        faceOnlyAccess: false,
        vendor: '',
        model: '',
        declaredPurpose: null,
        timezone: d % 2 === 0 ? 'Asia/Shanghai' : 'Europe/Amsterdam',
      });
    }
    for (const path of [jsonl, csv, gz]) {
      const file = sourceFileOf(path);
      let accepted = 0;
      let rejected = 0;
      let peakRss = 0;
      const start = process.hrtime.bigint();
      for await (const batch of readCaptures(file, { devices })) {
        for (const row of batch) {
          if (row.ok) accepted++;
          else rejected++;
        }
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
      }
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      console.log(
        `${file.fileName.padEnd(18)} ${accepted} accepted, ${rejected} rejected in ${seconds.toFixed(2)} s = ` +
          `${Math.round((accepted + rejected) / seconds).toLocaleString('en')} rows/s, peak RSS ${Math.round(peakRss / 1e6)} MB`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
