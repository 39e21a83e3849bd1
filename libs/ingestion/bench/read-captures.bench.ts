/**
 * Parse + validate throughput of the capture readers (no database). Run after `npm run build`:
 *   node dist/libs/ingestion/bench/read-captures.bench.js [rows=1000000]
 * Writes deterministic synthetic captures (canonical JSONL, CSV, JSONL.gz, and every vendor format: Hikvision
 * search pages and push payloads, HikCentral CSV in UTF-8 and GBK, Dahua recordFinder, ZKTeco ATTLOG and
 * rtlog) to a temp folder, reads each file with readCaptures and prints rows/s and peak RSS.
 */
import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import type { DeviceProfile } from '@app/common';
import iconv from 'iconv-lite';
import { captureSourceOf, readCaptures, sourceFileOf, type SourceFile } from '@app/ingestion';

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
  encode: (s: string) => string | Buffer = (s) => s,
) {
  let buf = '';
  for (let i = 0; i < rows; i++) {
    buf += line(i);
    if (buf.length > 1 << 20) {
      if (!out.write(encode(buf))) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(encode(buf));
}

async function writeFile(
  path: string,
  rows: number,
  line: (i: number) => string,
  encode?: (s: string) => Buffer,
) {
  const out = createWriteStream(path);
  await writeAll(out, rows, line, encode);
  await once(out, 'close');
}

const localTime = (i: number) =>
  new Date(Date.UTC(2025, 2, 1) + i * 937).toISOString().slice(0, 19).replace('T', ' ');
const HIK_MINORS = [75, 75, 76, 1, 21, 75, 80, 77];

/** Each vendor format: a file name, how to write row i, and the header/footer it needs. */
const VENDOR_FILES: ReadonlyArray<{
  name: string;
  line: (i: number, rows: number) => string;
  head?: string;
  encoding?: 'gbk';
}> = [
  {
    // Pages of 30 items, one page per line, as a paging client saves them.
    name: 'hik-search.json',
    line: (i, rows) =>
      `${i % 30 === 0 ? '{"AcsEvent":{"searchID":"s","responseStatusStrg":"MORE","InfoList":[' : ','}` +
      JSON.stringify({
        major: 5,
        minor: HIK_MINORS[i % HIK_MINORS.length],
        time: `${localTime(i).replace(' ', 'T')}+08:00`,
        employeeNoString: i % 5 === 0 ? '' : `${10000 + (i % 5000)}`,
        serialNo: i + 1,
        currentVerifyMode: 'cardOrFace',
        mask: i % 3 === 0 ? 'yes' : 'no',
        FaceRect: { height: 0.3, width: 0.2, x: 0.4, y: 0.2 },
      }) +
      (i % 30 === 29 || i === rows - 1 ? ']}}\n' : ''),
  },
  {
    name: 'hik-push.jsonl',
    line: (i) =>
      `${JSON.stringify({
        ipAddress: '192.0.2.1',
        dateTime: `${localTime(i).replace(' ', 'T')}+08:00`,
        eventType: 'AccessControllerEvent',
        deviceID: 'D0',
        AccessControllerEvent: {
          majorEventType: 5,
          subEventType: HIK_MINORS[i % HIK_MINORS.length],
          employeeNoString: i % 5 === 0 ? '' : `${10000 + (i % 5000)}`,
          serialNo: i + 1,
          mask: 'no',
        },
      })}\n`,
  },
  {
    name: 'hikcentral.csv',
    head: 'eventId,eventName,eventTime,personId,personName,doorName,eventType,devIndexCode\n',
    line: (i) =>
      `ev-${i},Face,${localTime(i)},${i % 4 === 0 ? '' : `P-${i % 5000}`},人员${i % 100},门${i % 4},${i % 7 === 0 ? 198914 : i % 4 === 0 ? 197151 : 196893},D0\n`,
  },
  {
    name: 'hikcentral-gbk.csv',
    encoding: 'gbk',
    head: 'eventId,eventName,eventTime,personId,personName,doorName,eventType,devIndexCode\n',
    line: (i) =>
      `ev-${i},人脸,${localTime(i)},${i % 4 === 0 ? '' : `P-${i % 5000}`},人员${i % 100},门${i % 4},${i % 7 === 0 ? 198914 : i % 4 === 0 ? 197151 : 196893},D0\n`,
  },
  {
    name: 'dahua.txt',
    line: (i) => {
      const p = `records[${i % 1024}].`;
      return (
        (i % 1024 === 0 ? 'found=1024\n' : '') +
        `${p}CreateTime=${1740787964 + i}\n${p}CreateTimeRealUTC=${1740787964 + i}\n${p}Method=${i % 6 === 0 ? 6 : 15}\n` +
        `${p}RecNo=${i + 1}\n${p}Status=${i % 5 === 0 ? 0 : 1}\n${p}UserID=${i % 5 === 0 ? '' : i % 5000}\n${p}Type=Entry\n`
      );
    },
  },
  {
    name: 'attlog.txt',
    line: (i) => `${i % 5000}\t${localTime(i)}\t0\t${i % 6 === 0 ? 1 : 15}\t0\t0\t0\t${i % 2}\t36.5\n`,
  },
  {
    name: 'rtlog.txt',
    line: (i) =>
      `time=${localTime(i)}\tpin=${i % 5 === 0 ? 0 : i % 5000}\tcardno=0\teventaddr=1\tevent=${i % 5 === 0 ? 27 : 0}\tinoutstatus=0\tverifytype=${i % 6 === 0 ? 4 : 15}\tindex=${i + 1}\tmaskflag=0\n`,
  },
];

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
    const files: SourceFile[] = [jsonl, csv, gz].map((p) => sourceFileOf(p));
    for (const v of VENDOR_FILES) {
      const path = join(dir, v.name);
      const encode = v.encoding === undefined ? undefined : (t: string) => iconv.encode(t, v.encoding!);
      await writeFile(path, rows, (i) => (i === 0 ? (v.head ?? '') : '') + v.line(i, rows), encode);
      files.push(await captureSourceOf(path, { deviceId: 'D0' }));
    }
    for (const file of files) {
      let accepted = 0;
      let skipped = 0;
      let rejected = 0;
      let peakRss = 0;
      const start = process.hrtime.bigint();
      for await (const batch of readCaptures(file, { devices })) {
        for (const row of batch) {
          if (row.ok) accepted++;
          else if (row.skipped) skipped++;
          else rejected++;
        }
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
      }
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const read = accepted + skipped + rejected;
      console.log(
        `${file.fileName.padEnd(20)} ${(file.captureFormat ?? '').padEnd(21)} ${(file.encoding ?? 'auto').padEnd(8)} ` +
          `${accepted} accepted, ${skipped} skipped, ${rejected} rejected in ${seconds.toFixed(2)} s = ` +
          `${Math.round(read / seconds).toLocaleString('en')} rows/s, peak RSS ${Math.round(peakRss / 1e6)} MB`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
