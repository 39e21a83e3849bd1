import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

export const ROOT = path.resolve(__dirname, '..', '..');
/** The PostgreSQL the benchmarks create their databases on (TEST_PG_URL, as the tests). */
export const PG_ADMIN = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The built worker. */
export const WORKER = path.join(ROOT, 'dist', 'apps', 'worker', 'src', 'main.js');

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The machine a result was measured on, for docs/benchmarks.md. */
export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** Runs a command, returning wall time (ms), peak RSS (MB, of the node process), stdout and exit code. */
export function timed(
  args: string[],
  env: Record<string, string>,
): Promise<{ ms: number; rssMb: number; stdout: string; code: number }> {
  const rssFile = path.join(os.tmpdir(), `bench-rss-${process.pid}-${Date.now()}`);
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-r', path.join(ROOT, 'bench', 'rss-probe.js'), ...args], {
      env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      let rssMb = Number.NaN;
      try {
        rssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
        rmSync(rssFile);
      } catch {
        /* the child died before exit handlers ran */
      }
      resolve({ ms, rssMb, stdout, code: code ?? -1 });
    });
  });
}

/** A seeding step recorder: each labelled statement is timed (summed per label) and reported on stderr. */
export function seedSteps(query: (sql: string, params: unknown[]) => Promise<unknown>) {
  const timings: [string, number][] = [];
  const step = async (label: string, sql: string, params: unknown[] = []): Promise<void> => {
    const t0 = process.hrtime.bigint();
    await query(sql, params);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const prev = timings.find((t) => t[0] === label);
    if (prev) prev[1] += ms;
    else timings.push([label, ms]);
    process.stderr.write(`  seed ${label}: ${(ms / 1000).toFixed(1)} s\n`);
  };
  return { step, timings };
}

/**
 * Synthetic firms (ids 1…n, in the order given) with two sites and four devices each, one set-based statement per
 * table, for the benchmarks that seed the registry directly (bench/api, bench/portal).
 */
export async function seedSyntheticRegistry(
  step: ReturnType<typeof seedSteps>['step'],
  firms: { code: string; region: string }[],
): Promise<void> {
  await step(
    'firm',
    `INSERT INTO firm (id, credit_code, name, region, timezone) OVERRIDING SYSTEM VALUE
     SELECT i, code, 'Bench Property Co. ' || i || ' (synthetic)', region, 'Asia/Shanghai'
     FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(code, region, i)`,
    [firms.map((f) => f.code), firms.map((f) => f.region)],
  );
  await step(
    'site',
    `INSERT INTO site (id, firm_id, site_code, name, site_type, face_only_access) OVERRIDING SYSTEM VALUE
     SELECT 2 * (f - 1) + s, f, 'S' || s, 'Site ' || s,
            CASE s WHEN 1 THEN 'sales_office' ELSE 'residential_entrance' END, false
     FROM generate_series(1, $1::int) f, generate_series(1, 2) s`,
    [firms.length],
  );
  await step(
    'device',
    `INSERT INTO device (id, firm_id, site_id, device_code, vendor, model, declared_purpose, timezone)
     OVERRIDING SYSTEM VALUE
     SELECT 4 * (f - 1) + d, f, 2 * (f - 1) + 1 + (d - 1) / 2, 'DEV-' || d, 'Hikvision', 'DS-K1T671M',
            'visitor_identification', 'Asia/Shanghai'
     FROM generate_series(1, $1::int) f, generate_series(1, 4) d`,
    [firms.length],
  );
}

/** An empty database `name` on PG_ADMIN's server (dropped first), returning its URL. */
export async function freshDb(name: string): Promise<string> {
  const c = new Client({ connectionString: PG_ADMIN });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await c.query(`CREATE DATABASE "${name}"`);
  await c.end();
  const u = new URL(PG_ADMIN);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * The database's own ceiling: `psql \copy` of a CSV of capture rows (device_id, event_key, occurred_at, event_type,
 * subject_ref, match_score, masked, purpose, snapshot_sha256, batch_id, line_no) into a table with a primary key
 * only. Returns milliseconds.
 */
export async function copyCeiling(csv: string): Promise<number> {
  const url = await freshDb('bioaudit_bench_baseline');
  const table = `CREATE TABLE capture_baseline (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, device_id bigint, event_key text,
    occurred_at timestamptz, event_type text, subject_ref text, match_score double precision, masked boolean, purpose text,
    snapshot_sha256 char(64), batch_id bigint, line_no integer)`;
  spawnSync('psql', [url, '-qc', table], { stdio: 'inherit' });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(
    'psql',
    [
      url,
      '-qc',
      `\\copy capture_baseline (device_id, event_key, occurred_at, event_type, subject_ref, match_score, masked, purpose, snapshot_sha256, batch_id, line_no) FROM '${csv}' CSV`,
    ],
    { stdio: 'inherit' },
  );
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error('baseline \\copy failed');
  return ms;
}

/** Starts the built worker with `env`, its peak RSS written to `rssFile` on exit; resolves once it serves its queues. */
export function startWorker(env: Record<string, string>, rssFile: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', path.join(ROOT, 'bench', 'rss-probe.js'), WORKER], {
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const on = (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready: serving queue')) resolve(child);
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    child.once('exit', (c) => reject(new Error(`worker exited ${c}: ${out}`)));
  });
}

/** Stops a worker started by startWorker; returns its peak RSS in MB. */
export async function stopWorker(child: ChildProcess, rssFile: string): Promise<number> {
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
  try {
    return Number(readFileSync(rssFile, 'utf8')) / 1024;
  } catch {
    return Number.NaN;
  }
}
