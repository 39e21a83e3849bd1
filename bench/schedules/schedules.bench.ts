/**
 * Scheduled collection from face terminals (issue 12): N simulated Hikvision terminals (a separate process, loopback,
 * digest authentication, 30 events a page as the firmware caps), each holding E face events, collected
 *   - in-process by one `bioaudit schedules run collect` (the definition's concurrency of 4 terminals), on
 *     PostgreSQL and on the embedded default;
 *   - by 1 and 2 `bioaudit worker` processes on PostgreSQL and Redis: one tick of the `collect` schedule fanned out
 *     to one job per terminal, timed from the tick to the last terminal's run completed.
 * Every page is kept, hashed and ingested as a batch with its custody, so this is the whole write path of
 * collection, not a fetch loop. Prints events/s, the share of the database's own ceiling (`psql \copy` of as many
 * capture rows into a table with a primary key only, same run) and the peak RSS of the collector or each worker.
 *   node dist/bench/schedules/schedules.bench.js [terminals=200] [events=10000] [modes=postgres,workers:1,workers:2,embedded]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { creditCodeCheckChar } from '@app/common';
import { CollectionModule, DeviceSecret, EndpointRegistryService } from '@app/collection';
import { ConfigModule } from '@app/config';
import { InspectionModule, SchemaService } from '@app/inspection';
import { PersistenceModule, RegistryRepository } from '@app/persistence';
import { BullScheduleQueue } from '@app/queue';
import { copyCeiling, freshDb, machine, ROOT, startWorker, stopWorker, timed } from '../bench-utils';
import { FARM_PASSWORD } from './terminal-farm';
import { seedCollectionFirm } from '../../libs/collection/src/collection.testing';

const TERMINALS = Number(process.argv[2] ?? 200);
const EVENTS = Number(process.argv[3] ?? 10_000);
const MODES = (process.argv[4] ?? 'postgres,workers:1,workers:2,embedded').split(',');
const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const BIN = path.join(ROOT, 'bin', 'bioaudit.js');
const FARM = path.join(__dirname, 'terminal-farm.js');
const SPACING_MS = 5_000;
const MASTER_KEY = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';

interface Mode {
  label: string;
  engine: 'postgres' | 'embedded';
  workers: number;
}

function parseMode(m: string): Mode {
  if (m === 'postgres')
    return { label: 'PostgreSQL, in-process (`schedules run collect`)', engine: m, workers: 0 };
  if (m === 'embedded')
    return { label: 'embedded, in-process (`schedules run collect`)', engine: m, workers: 0 };
  const n = /^workers:(\d)$/.exec(m);
  if (n)
    return {
      label: `PostgreSQL, ${n[1]} worker(s) on Redis (one tick)`,
      engine: 'postgres',
      workers: Number(n[1]),
    };
  throw new Error(`unknown mode ${m} (postgres, embedded, workers:N)`);
}

interface Measured {
  ms: number;
  stored: number;
  pages: number;
  /** Peak RSS of the collector, or of each worker. */
  rss: number[];
}

@Module({ imports: [ConfigModule, PersistenceModule, InspectionModule, CollectionModule] })
class RegisterModule {}

async function startFarm(from: Date): Promise<{ child: ChildProcess; urls: string[] }> {
  const child = spawn(
    process.execPath,
    [FARM, String(TERMINALS), String(EVENTS), from.toISOString(), String(SPACING_MS)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  while (!out.includes('\n')) {
    if (child.exitCode !== null) throw new Error('the terminal farm exited');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, urls: JSON.parse(out.split('\n')[0]) as string[] };
}

/** The firm, its site and one endpoint per terminal, registered as `devices add` does (in this process: faster). */
async function register(env: Record<string, string>, urls: string[], since: Date): Promise<void> {
  Object.assign(process.env, env);
  const app = await NestFactory.createApplicationContext(RegisterModule, { logger: ['error'] });
  try {
    await app.get(SchemaService).ready();
    const body = '91330201MABENCH01';
    const creditCode = body + creditCodeCheckChar(body)!;
    const firms = app.get(RegistryRepository);
    await seedCollectionFirm(firms, {
      name: 'Collection Bench Co. (synthetic)',
      creditCode,
      region: 'Ningbo',
    });
    const registry = app.get(EndpointRegistryService);
    for (const [i, url] of urls.entries()) {
      await registry.add({
        creditCode,
        deviceCode: `TERM-${String(i).padStart(4, '0')}`,
        vendor: 'hikvision-isapi',
        url,
        username: 'admin',
        password: new DeviceSecret(FARM_PASSWORD),
        since: since.toISOString(),
        operator: 'bench',
      });
    }
  } finally {
    await app.close();
  }
}

/** One `schedules run collect` in this process's child, as an officer would run it by hand. */
async function inProcess(env: Record<string, string>): Promise<Measured> {
  const r = await timed([BIN, 'schedules', 'run', 'collect', '--json'], env);
  if (r.code !== 0) throw new Error(`collect failed (exit ${r.code}): ${r.stdout}`);
  const report = JSON.parse(r.stdout) as {
    targets: { outcome: string; summary: { stored: number; pages: number } }[];
  };
  const failed = report.targets.filter((t) => t.outcome !== 'completed');
  if (failed.length > 0) throw new Error(`${failed.length} terminals not collected`);
  return {
    ms: r.ms,
    stored: report.targets.reduce((n, t) => n + t.summary.stored, 0),
    pages: report.targets.reduce((n, t) => n + t.summary.pages, 0),
    rss: [r.rssMb],
  };
}

/** N workers serve one tick of `collect`: from the tick to the last terminal's run completed. */
async function onWorkers(env: Record<string, string>, workers: number): Promise<Measured> {
  const prefix = `bench-collect-${process.pid}`;
  Object.assign(env, { REDIS_URL: REDIS, BIOAUDIT_QUEUE_PREFIX: prefix });
  const ws: { child: ChildProcess; rss: string }[] = [];
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  let queue: BullScheduleQueue | null = null;
  try {
    for (let i = 0; i < workers; i++) {
      const rss = path.join(os.tmpdir(), `bench-collect-rss-${process.pid}-${i}`);
      ws.push({ child: await startWorker(env, rss), rss });
    }
    const deploymentId = (await db.query<{ id: string }>('SELECT id::text AS id FROM deployment')).rows[0].id;
    queue = new BullScheduleQueue(REDIS, { deploymentId, prefix });
    // Only this tick: a quarter-hour fire of the workers' own scheduler during the run would add a second period.
    await queue.upsertSchedulers([]);
    const t0 = process.hrtime.bigint();
    await queue.tick('collect', new Date());
    for (;;) {
      const { rows } = await db.query<{ done: number; failed: number; pages: number }>(
        `SELECT count(*) FILTER (WHERE state = 'completed')::int AS done,
                count(*) FILTER (WHERE state = 'failed')::int AS failed,
                COALESCE(sum((result->>'pages')::int), 0)::int AS pages
           FROM schedule_run WHERE schedule = 'collect'`,
      );
      if (rows[0].failed > 0) throw new Error(`${rows[0].failed} terminals failed`);
      if (rows[0].done === TERMINALS) {
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        const stored = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM capture_event')).rows[0]
          .n;
        const rss: number[] = [];
        for (const w of ws.splice(0)) rss.push(await stopWorker(w.child, w.rss));
        return { ms, stored, pages: rows[0].pages, rss };
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    for (const w of ws) await stopWorker(w.child, w.rss);
    await queue?.close();
    await db.end();
    const redis = new IORedis(REDIS);
    for (const key of await redis.keys(`${prefix}:*`)) await redis.del(key);
    await redis.quit();
  }
}

async function run(mode: Mode, urls: string[], since: Date): Promise<Measured> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'bench-collect-'));
  const env: Record<string, string> = {
    BIOAUDIT_HOME: home,
    BIOAUDIT_OPERATOR: 'bench',
    BIOAUDIT_MASTER_KEY: MASTER_KEY,
    LOG_LEVEL: 'error',
  };
  try {
    if (mode.engine === 'postgres') {
      env.DATABASE_URL = await freshDb(`bioaudit_bench_collect_${process.pid}`);
      if ((await timed([BIN, 'migrate'], env)).code !== 0) throw new Error('migrate failed');
    } else {
      delete process.env.DATABASE_URL;
    }
    await register(env, urls, since);
    const m = mode.workers === 0 ? await inProcess(env) : await onWorkers(env, mode.workers);
    if (m.stored !== TERMINALS * EVENTS)
      throw new Error(`${mode.label}: stored ${m.stored} of ${TERMINALS * EVENTS}`);
    process.stderr.write(`${mode.label}: ${m.stored} events in ${(m.ms / 1000).toFixed(1)} s\n`);
    return m;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** As many capture rows as the terminals hold, as CSV for the `\copy` ceiling. */
async function ceilingCsv(dir: string): Promise<string> {
  const file = path.join(dir, 'ceiling.csv');
  const out = createWriteStream(file);
  const sha = 'a'.repeat(64);
  for (let t = 0; t < TERMINALS; t++) {
    for (let e = 0; e < EVENTS; e++) {
      const at = new Date(Date.UTC(2026, 0, 1) + e * SPACING_MS).toISOString();
      const line = `${t + 1},${e + 1},${at},face,psn:${(t * EVENTS + e).toString(16)},0.93,false,access,${sha},${t + 1},${e + 1}\n`;
      if (!out.write(line)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'close');
  return file;
}

async function main(): Promise<void> {
  const modes = MODES.map(parseMode);
  const since = new Date(Date.now() - EVENTS * SPACING_MS - 3_600_000);
  const farm = await startFarm(new Date(since.getTime() + 60_000));
  const rows: string[] = [];
  const measured: [Mode, Measured][] = [];
  try {
    for (const mode of modes) measured.push([mode, await run(mode, farm.urls, since)]);
  } finally {
    const exited = once(farm.child, 'exit');
    farm.child.kill('SIGTERM');
    await exited;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-collect-ceiling-'));
  let ceiling: number;
  try {
    ceiling = await copyCeiling(await ceilingCsv(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const total = TERMINALS * EVENTS;
  const rate = (ms: number) => Math.round(total / (ms / 1000));
  for (const [mode, m] of measured) {
    rows.push(
      `| ${mode.label} | ${TERMINALS} × ${EVENTS} | ${m.pages} | ${(m.ms / 1000).toFixed(1)} s | ${rate(m.ms).toLocaleString('en-US')} | ${((100 * ceiling) / m.ms).toFixed(1)} % | ${m.rss.map((r) => `${r.toFixed(0)} MB`).join(', ')} |`,
    );
  }
  process.stdout.write(
    [
      `Machine: ${machine()}`,
      `Command: node dist/bench/schedules/schedules.bench.js ${TERMINALS} ${EVENTS} ${MODES.join(',')}`,
      '',
      '| collector | terminals × events | pages | time | events/s | share of the psql \\copy ceiling | peak RSS |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      `| baseline: psql \\copy of as many capture rows as CSV (PK only) | ${TERMINALS} × ${EVENTS} | – | ${(ceiling / 1000).toFixed(1)} s | ${rate(ceiling).toLocaleString('en-US')} | 100 % | – |`,
      ...rows,
      '',
    ].join('\n'),
  );
}

void main().catch((e: Error) => {
  process.stderr.write(`schedules bench: ${e.message}\n`);
  process.exit(1);
});
