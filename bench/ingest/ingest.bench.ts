/**
 * Ingestion throughput against the database's own ceiling (issue 3). For N seeded synthetic face events:
 *   - baseline: `psql -c "\copy …"` of the same events, already CSV, into a table with only a primary key;
 *   - bioaudit ingest of canonical JSONL and of Hikvision ISAPI search-result JSON, on PostgreSQL in-process,
 *     with 1 and with 2 BullMQ workers, and on the embedded default, each into an empty migrated database.
 * Prints events/s, the ratio to the ceiling (same run) and peak RSS. Run after `npm run build`:
 *   node dist/bench/ingest/ingest.bench.js [events=1000000] [configs=all]
 * `configs` is `all` or a part of a run's label (`in-process`, `workers`, `embedded`, …); `write-path` instead
 * measures the database's side alone, step by step (./write-path.ts), three runs each.
 */
import type { ChildProcess } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
  type WriteStream,
} from 'node:fs';
import { once } from 'node:events';
import * as os from 'node:os';
import * as path from 'node:path';
import { creditCodeCheckChar } from '@app/common';
import { copyCeiling, freshDb, machine, ROOT, startWorker, stopWorker, timed } from '../bench-utils';
import { writePathSteps } from './write-path';

const EVENTS = Number(process.argv[2] ?? 1_000_000);
const ONLY = process.argv[3] ?? 'all';
const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const BIN = path.join(ROOT, 'bin', 'bioaudit.js');
const DEVICES = 8;
const T0 = Date.UTC(2020, 0, 1);

/** mulberry32: small, well-known, seeded. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function write(out: WriteStream, s: string): Promise<void> {
  if (!out.write(s)) await once(out, 'drain');
}

async function close(out: WriteStream): Promise<void> {
  out.end();
  await once(out, 'close');
}

/** Writes the same events three ways: canonical folder, Hikvision folder, and the baseline CSV. */
async function prepare(dir: string): Promise<{ jsonl: string; hik: string; csv: string }> {
  const jsonl = path.join(dir, 'canonical');
  const hik = path.join(dir, 'hikvision');
  const csv = path.join(dir, 'baseline.csv');
  if (existsSync(path.join(dir, 'done'))) return { jsonl, hik, csv };
  mkdirSync(path.join(hik, 'captures'), { recursive: true });
  mkdirSync(jsonl, { recursive: true });
  const body = '91330201MABENCH00';
  const firm = JSON.stringify({
    name: 'Bench Property Co. (synthetic)',
    creditCode: body + creditCodeCheckChar(body)!,
    region: 'Ningbo',
    timezone: 'Asia/Shanghai',
  });
  const devices = ['deviceId,siteId,siteName,siteType,faceOnlyAccess,vendor,model,declaredPurpose,timezone'];
  for (let d = 0; d < DEVICES; d++)
    devices.push(
      `DEV-${d},S${d % 2},Site ${d % 2},sales_office,false,Hikvision,DS-K1T,visitor_identification,Asia/Shanghai`,
    );
  const consents =
    'consentId,subjectRef,givenAt,purposes,method,separateConsent,guardianConsent,subjectBirthDate,withdrawnAt,expiresAt,noticeVersion\nC1,P1,2019-01-01T00:00:00+08:00,visitor_identification,written,true,,,,,v1\n';
  for (const f of [jsonl, hik]) {
    writeFileSync(path.join(f, 'firm.json'), firm);
    writeFileSync(path.join(f, 'devices.csv'), `${devices.join('\n')}\n`);
    writeFileSync(path.join(f, 'consents.csv'), consents);
  }
  writeFileSync(
    path.join(hik, 'captures', 'manifest.csv'),
    `file,deviceId\n${Array.from({ length: DEVICES }, (_, d) => `dev-${d}.json,DEV-${d}`).join('\n')}\n`,
  );
  const r = rng(19795);
  const canon = createWriteStream(path.join(jsonl, 'captures.jsonl'));
  const base = createWriteStream(csv);
  const hikOut = Array.from({ length: DEVICES }, (_, d) =>
    createWriteStream(path.join(hik, 'captures', `dev-${d}.json`)),
  );
  const pageFill = new Array<number>(DEVICES).fill(0);
  const PAGE = 30;
  for (let i = 0; i < EVENTS; i++) {
    const d = i % DEVICES;
    const t = T0 + i * 1000;
    const iso = new Date(t).toISOString();
    const subject = r() < 0.3 ? '' : `P${Math.floor(r() * 1000)}`;
    const score = Math.round(r() * 1000) / 1000;
    const id = `E${i}`;
    await write(
      canon,
      `${JSON.stringify({ eventId: id, deviceId: `DEV-${d}`, occurredAt: iso, eventType: subject ? 'face_match' : 'stranger', subjectRef: subject, matchScore: score })}\n`,
    );
    await write(
      base,
      `${d + 1},${id},${iso},${subject ? 'face_match' : 'stranger'},${subject},${score},,,,1,${i + 1}\n`,
    );
    const out = hikOut[d];
    if (pageFill[d] === 0)
      await write(out, '{"AcsEvent":{"searchID":"bench","responseStatusStrg":"MORE","InfoList":[\n');
    const entry = {
      major: 5,
      minor: subject ? 75 : 76,
      time: iso,
      employeeNoString: subject.slice(1),
      serialNo: i,
      currentVerifyMode: 'cardOrFace',
      mask: 'no',
    };
    await write(out, `${pageFill[d] > 0 ? ',' : ''}${JSON.stringify(entry)}\n`);
    pageFill[d]++;
    if (pageFill[d] === PAGE) {
      await write(out, ']}}\n');
      pageFill[d] = 0;
    }
  }
  for (let d = 0; d < DEVICES; d++) if (pageFill[d] > 0) await write(hikOut[d], ']}}\n');
  await Promise.all([close(canon), close(base), ...hikOut.map(close)]);
  writeFileSync(path.join(dir, 'done'), '');
  return { jsonl, hik, csv };
}

interface Row {
  label: string;
  ms: number;
  rss: string;
}

async function run(
  label: string,
  folder: string,
  engine: 'embedded' | 'postgres',
  workers: number,
): Promise<Row> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'bench-ingest-'));
  const env: Record<string, string> = {
    BIOAUDIT_HOME: home,
    BIOAUDIT_OPERATOR: 'bench',
    BIOAUDIT_QUEUE_PREFIX: `bench-${process.pid}`,
  };
  if (engine === 'postgres') env.DATABASE_URL = await freshDb('bioaudit_bench_ingest');
  // Both engines start from an empty, migrated database: creating the embedded one (PGlite unpacking its
  // template, a one-off ≈ 680 MB peak) is setup, not ingestion, and is reported on its own line.
  const migrated = await timed([BIN, 'migrate'], env);
  if (migrated.code !== 0) throw new Error('migrate failed');
  if (engine === 'embedded')
    process.stderr.write(
      `${label}: creating the embedded database peaked at ${migrated.rssMb.toFixed(0)} MB\n`,
    );
  if (workers > 0) env.REDIS_URL = REDIS;
  const ws: { child: ChildProcess; rss: string }[] = [];
  for (let i = 0; i < workers; i++) {
    const rss = path.join(home, `worker-${i}.rss`);
    ws.push({ child: await startWorker(env, rss), rss });
  }
  const r = await timed([BIN, 'ingest', folder, '--json'], env);
  if (r.code !== 0) throw new Error(`${label}: ingest failed (exit ${r.code})`);
  const report = JSON.parse(r.stdout) as { captures: { read: number; accepted: number } };
  if (report.captures.accepted !== EVENTS)
    throw new Error(`${label}: accepted ${report.captures.accepted} of ${EVENTS}`);
  const workerRss = [];
  for (const w of ws) workerRss.push(await stopWorker(w.child, w.rss));
  rmSync(home, { recursive: true, force: true });
  const rss = [
    `coordinator ${r.rssMb.toFixed(0)} MB`,
    ...workerRss.map((x, i) => `worker ${i + 1} ${x.toFixed(0)} MB`),
  ].join(', ');
  process.stderr.write(`${label}: ${(r.ms / 1000).toFixed(1)} s (${rss})\n`);
  return { label, ms: r.ms, rss };
}

async function main(): Promise<void> {
  const dir = path.join(ROOT, 'bench', '.data', `ingest-${EVENTS}`);
  mkdirSync(dir, { recursive: true });
  process.stderr.write(`preparing ${EVENTS} events in ${dir}\n`);
  const { jsonl, hik, csv } = await prepare(dir);
  const ceiling = await copyCeiling(csv);
  process.stderr.write(`baseline psql \\copy: ${(ceiling / 1000).toFixed(1)} s\n`);
  const configs: [string, string, 'embedded' | 'postgres', number][] = [
    ['canonical JSONL, PostgreSQL, in-process', jsonl, 'postgres', 0],
    ['canonical JSONL, PostgreSQL, 1 worker', jsonl, 'postgres', 1],
    ['canonical JSONL, PostgreSQL, 2 workers', jsonl, 'postgres', 2],
    ['Hikvision JSON, PostgreSQL, in-process', hik, 'postgres', 0],
    ['Hikvision JSON, PostgreSQL, 2 workers', hik, 'postgres', 2],
    ['canonical JSONL, embedded', jsonl, 'embedded', 0],
  ];
  if (ONLY === 'write-path') {
    const steps = await writePathSteps(csv, 3);
    process.stdout.write(
      [
        `Machine: ${machine()}`,
        `Command: node dist/bench/ingest/ingest.bench.js ${EVENTS} write-path`,
        '',
        `| the database's side alone (psql, ${EVENTS.toLocaleString('en-US')} rows, median of 3) | time | rows/s | share of the ceiling |`,
        '| --- | --- | --- | --- |',
        `| baseline: psql \\copy, primary key only (this run's ceiling) | ${(ceiling / 1000).toFixed(2)} s | ${Math.round(EVENTS / (ceiling / 1000)).toLocaleString('en-US')} | 100 % |`,
        ...steps.map(
          (st) =>
            `| ${st.label} | ${(st.ms / 1000).toFixed(2)} s | ${Math.round(EVENTS / (st.ms / 1000)).toLocaleString('en-US')} | ${Math.round((100 * ceiling) / st.ms)} % |`,
        ),
        '',
      ].join('\n'),
    );
    return;
  }
  const rows: Row[] = [];
  for (const [label, folder, engine, workers] of configs) {
    if (ONLY !== 'all' && !label.toLowerCase().includes(ONLY.toLowerCase())) continue;
    rows.push(await run(label, folder, engine, workers));
  }
  const rate = (ms: number) => Math.round(EVENTS / (ms / 1000));
  process.stdout.write(
    [
      `Machine: ${machine()}`,
      `Command: node dist/bench/ingest/ingest.bench.js ${EVENTS}${ONLY === 'all' ? '' : ` ${ONLY}`}`,
      '',
      '| run | time | events/s | share of the psql \\copy ceiling | peak RSS |',
      '| --- | --- | --- | --- | --- |',
      `| baseline: psql \\copy of the same events as CSV (PK only) | ${(ceiling / 1000).toFixed(1)} s | ${rate(ceiling).toLocaleString('en-US')} | 100 % | – |`,
      ...rows.map(
        (r) =>
          `| ${r.label} | ${(r.ms / 1000).toFixed(1)} s | ${rate(r.ms).toLocaleString('en-US')} | ${Math.round((100 * ceiling) / r.ms)} % | ${r.rss} |`,
      ),
      '',
    ].join('\n'),
  );
}

void main().catch((e: Error) => {
  process.stderr.write(`${e.stack ?? e.message}\n`);
  process.exit(1);
});
