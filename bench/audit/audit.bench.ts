/**
 * The whole `inspect` on the generated Ningbo-like example: captures/s and peak RSS on the embedded default
 * and on PostgreSQL, and the detection core alone. Run: `npm run build && node dist/bench/audit/audit.bench.js
 * [captures=1000000] [runs=3]`. Needs the local PostgreSQL (TEST_PG_URL to override). Prints a Markdown table.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateInspection } from '@app/example';
import { freshDb, machine, median, ROOT, timed } from '../bench-utils';

const CAPTURES = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 3);
const BIN = path.join(ROOT, 'bin', 'bioaudit.js');

async function main(): Promise<void> {
  const data = path.join(ROOT, 'bench', '.data', `example-${CAPTURES}`);
  if (!existsSync(path.join(data, 'expected.json'))) {
    process.stderr.write(`generating ${CAPTURES} captures in ${data}\n`);
    await generateInspection({ outDir: data, seed: 2021, captures: CAPTURES });
  }
  const rows: string[] = [];
  for (const engine of ['embedded', 'postgres'] as const) {
    const times: number[] = [];
    const rss: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const home = mkdtempSync(path.join(os.tmpdir(), 'bench-audit-'));
      const env: Record<string, string> = { BIOAUDIT_HOME: home, BIOAUDIT_OPERATOR: 'bench' };
      if (engine === 'postgres') {
        env.DATABASE_URL = await freshDb('bioaudit_bench');
        const m = await timed([BIN, 'migrate'], env);
        if (m.code !== 0) throw new Error('migrate failed');
      }
      const r = await timed(
        [BIN, 'inspect', data, '--json', '--out', path.join(home, 'out'), '--date', '2021-04-21'],
        env,
      );
      if (r.code !== 0) throw new Error(`inspect failed on ${engine} (exit ${r.code})`);
      const report = JSON.parse(r.stdout) as { ingest: { captures: { read: number } } };
      if (report.ingest.captures.read < CAPTURES) throw new Error('short read');
      times.push(r.ms);
      rss.push(r.rssMb);
      process.stderr.write(
        `${engine} run ${i + 1}: ${(r.ms / 1000).toFixed(1)} s, peak RSS ${r.rssMb.toFixed(0)} MB\n`,
      );
      rmSync(home, { recursive: true, force: true });
    }
    const t = median(times);
    rows.push(
      `| inspect end to end, ${engine} | ${CAPTURES.toLocaleString('en-US')} | ${(t / 1000).toFixed(1)} s | ${Math.round(CAPTURES / (t / 1000)).toLocaleString('en-US')} captures/s | ${median(rss).toFixed(0)} MB | ${times.map((x) => (x / 1000).toFixed(1)).join(', ')} s |`,
    );
  }
  process.stdout.write(
    [
      `Machine: ${machine()}`,
      `Command: node dist/bench/audit/audit.bench.js ${CAPTURES} ${RUNS}`,
      '',
      '| measure | captures | median time | throughput | median peak RSS | all runs |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n'),
  );
}

void main().catch((e: Error) => {
  process.stderr.write(`${e.stack ?? e.message}\n`);
  process.exit(1);
});
