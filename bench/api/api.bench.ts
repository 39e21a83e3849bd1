/**
 * The API under load (issue 10): on a PostgreSQL database seeded with N findings over C cases (set-based SQL,
 * triggers as they are), `bioaudit serve` is started as a user would, and autocannon drives each list and
 * detail endpoint with 50 connections as an inspector of region 3302 and as a firm's account: p50/p90/p99/max
 * latency, requests/s, non-2xx answers (any fails the bench) and the server's peak RSS, median of the runs.
 * Then the upload: `bioaudit inspect <folder> --json` on a fresh database against `POST /api/inspections`
 * (the folder zipped, streamed from disk) + polling until done on another, with the server's RSS sampled.
 * Run after a build (the bench finds the CLI in the same dist tree as itself):
 *   node dist/bench/api/api.bench.js [findings=1000000] [cases=10000] [runs=3] [upload captures=1000000, 0 skips]
 * BENCH_API_SECONDS sets the length of each load run (default 15).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { once } from 'node:events';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { creditCodeCheckChar, FINDING_REASONS } from '@app/common';
import { generateInspection } from '@app/example';
import { freshDb, machine, median, ROOT, timed, seedSteps, seedSyntheticRegistry } from '../bench-utils';

const FINDINGS = Number(process.argv[2] ?? 1_000_000);
const CASES = Number(process.argv[3] ?? 10_000);
const RUNS = Number(process.argv[4] ?? 3);
const UPLOAD = Number(process.argv[5] ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 15);
const CONNECTIONS = 50;
/** The CLI of the dist tree this file was built into (dist/ or a helper's own outDir). */
const CLI = path.resolve(__dirname, '..', '..', 'apps', 'cli', 'src', 'main.js');
const PASSWORD = 'bench-password-2026';

// autocannon ships no types: the part of its programmatic API used here.
interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
}
interface CannonResult {
  latency: { p50: number; p90: number; p99: number; max: number };
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
  requests: { setupRequest: (req: CannonRequest) => CannonRequest }[];
}) => Promise<CannonResult>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

/** Division codes of the two regions seeded: Ningbo's Haishu district and Hangzhou's Xihu district. */
const REGIONS = [
  { prefix: '3302', division: '330203', region: '浙江省宁波市海曙区' },
  { prefix: '3301', division: '330106', region: '浙江省杭州市西湖区' },
];

/**
 * Reasons with about the shares the generated Ningbo example produces (NO_CONSENT dominant), in per-mille
 * thresholds over a hash of the finding id.
 */
const REASON_SHARES: [string, number][] = [
  ['NO_CONSENT', 730],
  ['CONSENT_AFTER_CAPTURE', 45],
  ['CONSENT_WITHDRAWN', 30],
  ['CONSENT_EXPIRED', 35],
  ['PURPOSE_NOT_COVERED', 100],
  ['NO_EXPRESS_CONSENT', 50],
  ['NOT_SEPARATE_CONSENT', 8],
  ['MINOR_WITHOUT_GUARDIAN_CONSENT', 2],
];

function cli(args: string[], env: Record<string, string>, input?: string): string {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    input,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`bioaudit ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

interface Seeded {
  firms: { code: string; prefix: string }[];
  timings: [string, number][];
}

/** Seeds the registry, cases, steps and findings with one set-based statement per table (findings in chunks). */
async function seed(url: string): Promise<Seeded> {
  const db = new Client({ connectionString: url });
  await db.connect();
  const { step, timings } = seedSteps((sql, params) => db.query(sql, params));
  // 50 cases per firm, half the firms in each region (firm f is in region f % 2).
  const F = Math.max(2, Math.min(200, Math.floor(CASES / 50)));
  const firms = Array.from({ length: F }, (_, i) => {
    const r = REGIONS[(i + 1) % 2];
    const body = `91${r.division}MA${String(i + 1).padStart(7, '0')}`;
    return { code: body + creditCodeCheckChar(body)!, prefix: r.prefix, region: r.region };
  });
  await seedSyntheticRegistry(step, firms);
  await step(
    'ingest_batch',
    `INSERT INTO ingest_batch (id, firm_id, kind, file_name, file_size, sha256, format, encoding, submitted_by,
       submitted_from, received_at, completed_at, storage_path, status) OVERRIDING SYSTEM VALUE
     SELECT 2 * (f - 1) + k, f, CASE k WHEN 1 THEN 'captures' ELSE 'consents' END,
            CASE k WHEN 1 THEN 'captures.jsonl' ELSE 'consents.csv' END, 1000000,
            encode(sha256(convert_to('bench ' || f || ' ' || k, 'UTF8')), 'hex'),
            CASE k WHEN 1 THEN 'canonical-jsonl' ELSE 'csv' END, 'utf-8', 'bench', 'bench',
            now(), now(), '/dev/null', 'completed'
     FROM generate_series(1, $1::int) f, generate_series(1, 2) k`,
    [F],
  );
  await step(
    'consent_record',
    `INSERT INTO consent_record (id, firm_id, consent_id, subject_ref, given_at, purposes, method,
       separate_consent, guardian_consent, batch_id, line_no) OVERRIDING SYSTEM VALUE
     SELECT 10 * (f - 1) + c, f, 'C' || c, 'P' || c, timestamptz '2019-01-01 09:00+08' + c * interval '1 day',
            '{visitor_identification}', 'written', true, false, 2 * f, c + 1
     FROM generate_series(1, $1::int) f, generate_series(1, 10) c`,
    [F],
  );
  // Of each firm's cases, a quarter filed, a quarter under investigation (file + assign, two handlers), half
  // clues (by the case's rank within its firm, so both regions have every state).
  await step(
    'case',
    `INSERT INTO "case" (id, case_number, firm_id, decision_date, status, summary, opened_by, opened_at, state,
       docket_number) OVERRIDING SYSTEM VALUE
     SELECT i, 'BENCH-' || lpad(i::text, 7, '0'), (i - 1) % $2::int + 1, date '2026-10-01', 'audited',
            jsonb_build_object('conduct', jsonb_build_object('from', '2025-01-01T00:00:00Z', 'to', '2025-12-31T00:00:00Z')),
            'bench', timestamptz '2026-10-01 09:00+08' + i * interval '7 minutes',
            CASE ((i - 1) / $2::int) % 4 WHEN 2 THEN 'filed' WHEN 3 THEN 'investigating' ELSE 'clue' END,
            CASE WHEN ((i - 1) / $2::int) % 4 >= 2 THEN 'BENCH-D-' || i END
     FROM generate_series(1, $1::int) i`,
    [CASES, F],
  );
  await step(
    'case_step',
    `INSERT INTO case_step (case_id, seq, action, actor_id, actor_roles, at, date, input, from_state, to_state)
     SELECT c.id, s.seq, s.action, '1', s.roles, c.opened_at + s.seq * interval '1 day',
            ((c.opened_at + s.seq * interval '1 day') AT TIME ZONE 'Asia/Shanghai')::date,
            CASE s.action
              WHEN 'file' THEN jsonb_build_object('date', ((c.opened_at + interval '1 day') AT TIME ZONE 'Asia/Shanghai')::date::text)
              ELSE jsonb_build_object('handlers', jsonb_build_array(
                jsonb_build_object('actorId', '1', 'certificateNumber', 'ZJ-3302-0001'),
                jsonb_build_object('actorId', '2', 'certificateNumber', 'ZJ-3302-0002')))
            END,
            s.from_state, s.to_state
     FROM "case" c
     JOIN (VALUES (1, 'file', '{head}'::text[], 'clue', 'filed'),
                  (2, 'assign', '{head}'::text[], 'filed', 'investigating')) AS s(seq, action, roles, from_state, to_state)
       ON (s.seq = 1 AND c.state IN ('filed', 'investigating')) OR (s.seq = 2 AND c.state = 'investigating')
     ORDER BY c.id, s.seq`,
  );
  await step(
    'case_handler',
    `INSERT INTO case_handler (case_id, actor_id, certificate_number, assigned_seq)
     SELECT c.id, h::text, 'ZJ-3302-000' || h, 2 FROM "case" c, generate_series(1, 2) h
     WHERE c.state = 'investigating'`,
  );
  // Findings are written per case as an inspection writes them (ids clustered by case). Every finding lists
  // 1–5 capture ids (j*5 …); only the sampled ones (id % sample = 0) have their captures seeded, and the
  // detail benchmark reads only those. Chunks of 100,000 keep the custody trigger's per-statement JSON small.
  const sample = Math.max(1, Math.floor(FINDINGS / 2000));
  const reasonCase = REASON_SHARES.map(([r], i) => {
    const upTo = REASON_SHARES.slice(0, i + 1).reduce((a, [, n]) => a + n, 0);
    return `WHEN x0.h < ${upTo} THEN '${r}'`;
  }).join(' ');
  const CHUNK = 100_000;
  for (let lo = 1; lo <= FINDINGS; lo += CHUNK) {
    const hi = Math.min(FINDINGS, lo + CHUNK - 1);
    await step(
      'finding',
      `INSERT INTO finding (id, case_id, kind, reason, subject_ref, device_id, site_id, purpose, capture_count,
         first_at, last_at, capture_ids, consent_ids) OVERRIDING SYSTEM VALUE
       SELECT j, x.case_id, 'capture', x.reason, CASE WHEN j % 10 < 3 THEN NULL ELSE 'P' || (j % 5000) END,
              4 * (x.firm - 1) + 1 + j % 4, 2 * (x.firm - 1) + 1 + (j % 4) / 2, 'visitor_identification', x.k,
              x.first_at, x.first_at + x.k * interval '1 minute',
              ARRAY(SELECT j * 5 + g FROM generate_series(0, x.k - 1) g),
              CASE WHEN x.reason = 'NO_CONSENT' THEN '{}'::bigint[] ELSE ARRAY[10 * (x.firm - 1) + 1 + j % 10]::bigint[] END
       FROM generate_series($1::bigint, $2::bigint) j,
            LATERAL (SELECT 1 + (j - 1) * $4::bigint / $3::bigint AS case_id) c,
            -- Knuth's multiplicative hash of j, 0–999: every firm gets every reason in its share.
            LATERAL (SELECT (j * 2654435761) % 4294967296 / 4294968 AS h) x0,
            LATERAL (SELECT c.case_id, (c.case_id - 1) % $5::int + 1 AS firm, 1 + (j * 13) % 5 AS k,
                            CASE ${reasonCase} ELSE 'NO_CONSENT' END AS reason,
                            timestamptz '2025-01-01 00:00+08' + (c.case_id % 300) * interval '1 day'
                              + (j % 86400) * interval '1 second' AS first_at) x
       ORDER BY j`,
      [lo, hi, FINDINGS, CASES, F],
    );
  }
  await step(
    'capture_event',
    `INSERT INTO capture_event (id, firm_id, device_id, event_key, occurred_at, event_type, subject_ref,
       match_score, masked, purpose, batch_id, line_no) OVERRIDING SYSTEM VALUE
     SELECT f.capture_ids[g], c.firm_id, f.device_id, 'E' || f.capture_ids[g], f.first_at + (g - 1) * interval '1 minute',
            CASE WHEN f.subject_ref IS NULL THEN 'stranger' ELSE 'face_match' END, f.subject_ref, 0.93, false,
            'visitor_identification', 2 * c.firm_id - 1, f.capture_ids[g]::int
     FROM finding f JOIN "case" c ON c.id = f.case_id, generate_series(1, f.capture_count) g
     WHERE f.id % $1 = 0 ORDER BY 1`,
    [sample],
  );
  for (const seq of [
    'firm',
    'site',
    'device',
    'ingest_batch',
    'consent_record',
    'case',
    'finding',
    'capture_event',
  ])
    await db.query(`SELECT setval(pg_get_serial_sequence('"${seq}"', 'id'), (SELECT max(id) FROM "${seq}"))`);
  // What autovacuum would do shortly after such a load; without it the planner guesses row counts.
  await step('ANALYZE', 'ANALYZE');
  await db.end();
  return { firms: firms.map((f) => ({ code: f.code, prefix: f.prefix })), timings };
}

/** Reads VmRSS/VmHWM of a process (kB → MB), Linux only. */
function rssOf(pid: number): { rss: number; hwm: number } {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? NaN) / 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

/** CPU time (user + system, ms) a process has used so far, Linux only (clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return NaN;
  }
}

/** Samples a process's RSS every 200 ms until stopped. */
function sampler(pid: number): { stop: () => number[] } {
  const xs: number[] = [rssOf(pid).rss];
  const t = setInterval(() => xs.push(rssOf(pid).rss), 200);
  return {
    stop: () => {
      clearInterval(t);
      xs.push(rssOf(pid).rss);
      return xs;
    },
  };
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const on = (d: Buffer) => {
      out += d.toString();
      if (out.includes('API at')) resolve();
    };
    child.stdout.on('data', on);
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (c) => reject(new Error(`serve exited ${c}: ${out}`)));
  });
  child.stdout.resume();
  child.stderr.on('data', () => undefined);
  return { child, base: `http://127.0.0.1:${env.PORT}` };
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

async function getJson<T>(url: string, token: string): Promise<T> {
  const r = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!r.ok) throw new Error(`GET ${url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/** An account and its bearer token, through the CLI as an administrator would. */
function account(env: Record<string, string>, username: string, flags: string[]): string {
  cli(['users', 'add', username, ...flags], env, `${PASSWORD}\n`);
  return cli(['tokens', 'create', username, '--name', 'bench'], env).trim();
}

interface Endpoint {
  label: string;
  token: string;
  paths: string[];
}

interface LoadRow {
  label: string;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  rps: number;
  non2xx: number;
  rssMb: number;
  cpu: number;
  dbCpu: number;
  runs: number[];
}

async function load(
  base: string,
  pid: number,
  e: Endpoint,
  duration: number,
  dbPids: number[] = [],
): Promise<CannonResult & { rssMb: number; cpuMsPerRequest: number; dbCpuMsPerRequest: number }> {
  let i = 0;
  const s = sampler(pid);
  const cpu0 = cpuMsOf(pid);
  const dbCpu = () => dbPids.reduce((a, p) => a + cpuMsOf(p), 0);
  const db0 = dbCpu();
  const r = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration,
    headers: { authorization: `Bearer ${e.token}` },
    requests: [{ setupRequest: (req) => ({ ...req, path: e.paths[i++ % e.paths.length] }) }],
  });
  const n = Math.max(1, r.requests.total);
  const cpuMsPerRequest = (cpuMsOf(pid) - cpu0) / n;
  const dbCpuMsPerRequest = (dbCpu() - db0) / n;
  return { ...r, rssMb: Math.max(...s.stop()), cpuMsPerRequest, dbCpuMsPerRequest };
}

function shuffle<T>(xs: T[], seed = 7): T[] {
  let a = seed;
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    a = (a * 1103515245 + 12345) % 2 ** 31;
    const j = a % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function loadBench(): Promise<{ table: string[]; failed: string[] }> {
  const url = await freshDb('bioaudit_bench_api');
  const home = mkdtempSync(path.join(os.tmpdir(), 'bench-api-'));
  const env: Record<string, string> = {
    DATABASE_URL: url,
    BIOAUDIT_HOME: home,
    BIOAUDIT_OPERATOR: 'bench',
    HOST: '127.0.0.1',
    PORT: String(38000 + (process.pid % 1000)),
  };
  cli(['migrate'], env);
  process.stderr.write(`seeding ${FINDINGS} findings over ${CASES} cases\n`);
  const t0 = Date.now();
  const seeded = await seed(url);
  const seedMs = Date.now() - t0;
  const inspector = account(env, 'bench-inspector', [
    '--role',
    'inspector',
    '--region',
    '3302',
    '--certificate',
    'ZJ-3302-0001',
  ]);
  const ningbo = seeded.firms.filter((f) => f.prefix === '3302');
  const firmToken = account(env, 'bench-firm', ['--role', 'firm', '--firm', ningbo[0].code]);

  // Ids in the inspector's scope, read directly: the detail routes take them from lists in real use.
  const db = new Client({ connectionString: url });
  await db.connect();
  const sample = Math.max(1, Math.floor(FINDINGS / 2000));
  const findingIds = (
    await db.query<{ id: string }>(
      `SELECT f.id::text AS id FROM finding f JOIN "case" c ON c.id = f.case_id JOIN firm fi ON fi.id = c.firm_id
       WHERE f.id % $1 = 0 AND fi.credit_code LIKE '__3302%'`,
      [sample],
    )
  ).rows.map((r) => r.id);
  const caseIds = (
    await db.query<{ id: string }>(
      `SELECT c.id::text AS id FROM "case" c JOIN firm fi ON fi.id = c.firm_id WHERE fi.credit_code LIKE '__3302%'`,
    )
  ).rows.map((r) => r.id);
  const admin = db;

  const { child, base } = await startServer(env);
  const pid = child.pid!;
  const table: string[] = [];
  const failed: string[] = [];
  try {
    // Deep cursors: walk every finding in scope 500 at a time, keeping each page's cursor.
    const walk0 = Date.now();
    const cursors: string[] = [];
    let cursor: string | null = null;
    let seen = 0;
    do {
      const q = `${base}/api/findings?limit=500${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { items: unknown[]; nextCursor: string | null } = await getJson(q, inspector);
      seen += page.items.length;
      cursor = page.nextCursor;
      if (cursor) cursors.push(cursor);
    } while (cursor);
    const walkMs = Date.now() - walk0;
    process.stderr.write(`walked ${seen} findings in scope in ${(walkMs / 1000).toFixed(1)} s\n`);
    const deep = shuffle(cursors.slice(Math.floor(cursors.length / 4)));
    const filtered = shuffle(
      ningbo
        .slice(0, 10)
        .flatMap((f) => FINDING_REASONS.map((r) => `/api/findings?limit=50&firm=${f.code}&reason=${r}`)),
    );
    const endpoints: Endpoint[] = [
      {
        label: 'GET /api/findings?limit=50 (first page)',
        token: inspector,
        paths: ['/api/findings?limit=50'],
      },
      {
        label: `GET /api/findings?limit=50&cursor= (${deep.length} cursors from the last ¾ of the keyset)`,
        token: inspector,
        paths: deep.map((c) => `/api/findings?limit=50&cursor=${c}`),
      },
      {
        label: `GET /api/findings?firm=&reason=&limit=50 (${filtered.length} firm × reason pairs)`,
        token: inspector,
        paths: filtered,
      },
      {
        label: `GET /api/findings/{id} (${findingIds.length} random ids, with captures and consents)`,
        token: inspector,
        paths: shuffle(findingIds).map((id) => `/api/findings/${id}`),
      },
      { label: 'GET /api/cases?limit=50', token: inspector, paths: ['/api/cases?limit=50'] },
      {
        label: 'GET /api/cases?state=… (clue, filed, investigating)',
        token: inspector,
        paths: ['clue', 'filed', 'investigating'].map((s) => `/api/cases?limit=50&state=${s}`),
      },
      {
        label: `GET /api/cases/{id} (${caseIds.length} random ids)`,
        token: inspector,
        paths: shuffle(caseIds).map((id) => `/api/cases/${id}`),
      },
      { label: 'GET /api/firms', token: inspector, paths: ['/api/firms'] },
      {
        label: "GET /api/cases?limit=50 as the firm's account",
        token: firmToken,
        paths: ['/api/cases?limit=50'],
      },
    ];
    for (const e of endpoints) {
      await load(base, pid, e, 3); // warm-up: JIT, plan caches, the pool's connections
      // The server's pooled PostgreSQL backends (same machine): their CPU per request, next to the server's.
      const dbPids = (
        await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = 'bioaudit_bench_api' AND pid <> pg_backend_pid()`,
        )
      ).rows.map((r) => r.pid);
      const rs: Awaited<ReturnType<typeof load>>[] = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await load(base, pid, e, SECONDS, dbPids);
        process.stderr.write(
          `${e.label} run ${i + 1}: p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.requests.average} req/s, server ${r.cpuMsPerRequest.toFixed(1)} + PostgreSQL ${r.dbCpuMsPerRequest.toFixed(1)} CPU ms/req, non-2xx ${r.non2xx}, errors ${r.errors}\n`,
        );
        rs.push(r);
      }
      const bad = rs.reduce((a, r) => a + r.non2xx + r.errors + r.timeouts, 0);
      if (bad > 0) failed.push(`${e.label}: ${bad} non-2xx/errors/timeouts`);
      const row: LoadRow = {
        label: e.label,
        p50: median(rs.map((r) => r.latency.p50)),
        p90: median(rs.map((r) => r.latency.p90)),
        p99: median(rs.map((r) => r.latency.p99)),
        max: median(rs.map((r) => r.latency.max)),
        rps: median(rs.map((r) => r.requests.average)),
        non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
        rssMb: Math.max(...rs.map((r) => r.rssMb)),
        cpu: median(rs.map((r) => r.cpuMsPerRequest)),
        dbCpu: median(rs.map((r) => r.dbCpuMsPerRequest)),
        runs: rs.map((r) => r.latency.p99),
      };
      table.push(
        `| ${row.label} | ${row.p50} | ${row.p90} | ${row.p99} | ${row.max} | ${Math.round(row.rps)} | ${row.non2xx} | ${row.rssMb.toFixed(0)} MB | ${row.cpu.toFixed(1)} + ${row.dbCpu.toFixed(1)} | ${row.p99 < 100 ? 'yes' : '**no**'} (${row.runs.join(', ')}) |`,
      );
    }
    table.unshift(
      `Seeding: ${seeded.timings.map(([l, ms]) => `${l} ${(ms / 1000).toFixed(1)} s`).join(', ')}; total ${(seedMs / 1000).toFixed(0)} s. Walking all ${seen.toLocaleString('en-US')} findings in scope 500 per page (${cursors.length + 1} requests, one client): ${(walkMs / 1000).toFixed(1)} s. Server peak RSS (VmHWM) over the whole load: ${rssOf(pid).hwm.toFixed(0)} MB.`,
      '',
      `| endpoint (${CONNECTIONS} connections, ${SECONDS} s × ${RUNS}, medians) | p50 ms | p90 ms | p99 ms | max ms | req/s | non-2xx | server peak RSS | CPU ms/req: server + PostgreSQL | p99 < 100 ms (each run) |`,
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
  } finally {
    await admin.end();
    await stopServer(child);
    rmSync(home, { recursive: true, force: true });
  }
  return { table, failed };
}

/** Streams a file as the request body; resolves with the status and JSON answer. */
function postFile(url: string, token: string, file: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/zip',
          'content-length': statSync(file).size,
        },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}

async function uploadBench(): Promise<string[]> {
  const folder = path.join(ROOT, 'bench', '.data', `api-example-${UPLOAD}`);
  if (!existsSync(path.join(folder, 'expected.json'))) {
    process.stderr.write(`generating ${UPLOAD} captures in ${folder}\n`);
    await generateInspection({ outDir: folder, seed: 2021, captures: UPLOAD });
  }
  const zip = path.join(ROOT, 'bench', '.data', `api-example-${UPLOAD}.zip`);
  let zipMs = 0;
  if (!existsSync(zip)) {
    const z0 = Date.now();
    // The folder's files at the archive's root, as a user zipping the folder's contents would send it.
    const r = spawnSync('zip', ['-q', '-r', zip, '.', '-x', 'expected.json'], {
      cwd: folder,
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error('zip failed');
    zipMs = Date.now() - z0;
  }
  const zipMb = statSync(zip).size / 2 ** 20;

  const cliTimes: number[] = [];
  const cliRss: number[] = [];
  const apiTimes: number[] = [];
  const apiRss: { start: number; peak: number; end: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const home = mkdtempSync(path.join(os.tmpdir(), 'bench-api-cli-'));
    const env: Record<string, string> = {
      DATABASE_URL: await freshDb('bioaudit_bench_api_cli'),
      BIOAUDIT_HOME: home,
      BIOAUDIT_OPERATOR: 'bench',
    };
    cli(['migrate'], env);
    const r = await timed([CLI, 'inspect', folder, '--json', '--out', path.join(home, 'out')], env);
    if (r.code !== 0) throw new Error(`inspect failed (exit ${r.code})`);
    const report = JSON.parse(r.stdout) as { ingest: { captures: { accepted: number } } };
    cliTimes.push(r.ms);
    cliRss.push(r.rssMb);
    process.stderr.write(
      `CLI inspect run ${i + 1}: ${(r.ms / 1000).toFixed(1)} s, ${report.ingest.captures.accepted} captures, peak RSS ${r.rssMb.toFixed(0)} MB\n`,
    );
    rmSync(home, { recursive: true, force: true });

    const ahome = mkdtempSync(path.join(os.tmpdir(), 'bench-api-up-'));
    const aenv: Record<string, string> = {
      DATABASE_URL: await freshDb('bioaudit_bench_api_upload'),
      BIOAUDIT_HOME: ahome,
      BIOAUDIT_OPERATOR: 'bench',
      HOST: '127.0.0.1',
      PORT: String(39000 + (process.pid % 1000)),
    };
    cli(['migrate'], aenv);
    const token = account(aenv, 'bench-uploader', [
      '--role',
      'inspector',
      '--region',
      '3302',
      '--certificate',
      'ZJ-3302-0003',
    ]);
    const { child, base } = await startServer(aenv);
    try {
      const s = sampler(child.pid!);
      const t0 = process.hrtime.bigint();
      const posted = await postFile(`${base}/api/inspections`, token, zip);
      if (posted.status !== 202) throw new Error(`upload: ${posted.status} ${posted.body}`);
      const { id } = JSON.parse(posted.body) as { id: string };
      let status: {
        status: string;
        result: { ingest: { captures: { accepted: number } } } | null;
        error: unknown;
      };
      for (;;) {
        status = await getJson(`${base}/api/inspections/${id}`, token);
        if (status.status === 'done' || status.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const xs = s.stop();
      if (status.status !== 'done') throw new Error(`inspection failed: ${JSON.stringify(status.error)}`);
      apiTimes.push(ms);
      apiRss.push({ start: xs[0], peak: Math.max(...xs), end: xs[xs.length - 1] });
      process.stderr.write(
        `API upload run ${i + 1}: ${(ms / 1000).toFixed(1)} s, ${status.result?.ingest.captures.accepted} captures, server RSS ${xs[0].toFixed(0)} → peak ${Math.max(...xs).toFixed(0)} → ${xs[xs.length - 1].toFixed(0)} MB\n`,
      );
    } finally {
      await stopServer(child);
      rmSync(ahome, { recursive: true, force: true });
    }
  }
  const c = median(cliTimes);
  const a = median(apiTimes);
  const rssCell = (k: 'start' | 'peak' | 'end') => median(apiRss.map((x) => x[k])).toFixed(0);
  return [
    `Upload of ${UPLOAD.toLocaleString('en-US')} captures (zip of ${zipMb.toFixed(0)} MB${zipMs ? `, zipped in ${(zipMs / 1000).toFixed(1)} s, not counted` : ''}), fresh database each run, ${RUNS} runs:`,
    '',
    '| run | median time | all runs | RSS | API / CLI (goal ≤ 1.2) |',
    '| --- | --- | --- | --- | --- |',
    `| \`bioaudit inspect <folder> --json\` | ${(c / 1000).toFixed(1)} s | ${cliTimes.map((x) => (x / 1000).toFixed(1)).join(', ')} s | peak ${median(cliRss).toFixed(0)} MB | 1 |`,
    `| \`POST /api/inspections\` (zip streamed from disk) + polling until done | ${(a / 1000).toFixed(1)} s | ${apiTimes.map((x) => (x / 1000).toFixed(1)).join(', ')} s | server ${rssCell('start')} MB before → peak ${rssCell('peak')} MB → ${rssCell('end')} MB after | ${(a / c).toFixed(2)} ${a / c <= 1.2 ? '(met)' : '(**missed**)'} |`,
    '',
  ];
}

async function main(): Promise<void> {
  mkdirSync(path.join(ROOT, 'bench', '.data'), { recursive: true });
  const { table, failed } = await loadBench();
  const upload = UPLOAD > 0 ? await uploadBench() : [];
  process.stdout.write(
    [
      `Machine: ${machine()}`,
      `Command: node dist/bench/api/api.bench.js ${FINDINGS} ${CASES} ${RUNS} ${UPLOAD}${process.env.BENCH_API_SECONDS ? ` (BENCH_API_SECONDS=${SECONDS})` : ''}`,
      `Data: ${FINDINGS.toLocaleString('en-US')} findings over ${CASES.toLocaleString('en-US')} cases on PostgreSQL; inspector of region 3302 (half the firms)`,
      '',
      ...table,
      '',
      ...upload,
    ].join('\n'),
  );
  if (failed.length > 0) {
    process.stderr.write(`non-2xx answers:\n${failed.join('\n')}\n`);
    process.exit(1);
  }
}

void main().catch((e: Error) => {
  process.stderr.write(`${e.stack ?? e.message}\n`);
  process.exit(1);
});
