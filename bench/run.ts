/**
 * `npm run bench`: every benchmark in turn, each printing its Markdown table (copied into
 * docs/benchmarks.md). Sizes are the issues' goals; pass a smaller `captures` first argument to try it out.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const captures = process.argv[2] ?? '1000000';
const benches: [string, string[]][] = [
  ['detection/detection.bench.js', [captures, '7']],
  ['audit/audit.bench.js', [captures, '3']],
  ['ingest/ingest.bench.js', [captures]],
  ['crypto/crypto.bench.js', ['256', '5']],
  // Findings scale with captures (the 1M findings over 10k cases); the upload uses `captures` itself.
  ['api/api.bench.js', [captures, String(Math.max(200, Math.floor(Number(captures) / 100))), '3', captures]],
  // Issue 12's 200 terminals; 10,000 events each at the default size.
  ['schedules/schedules.bench.js', ['200', String(Math.max(10, Math.floor(Number(captures) / 100)))]],
];
for (const [file, args] of benches) {
  process.stdout.write(`\n## ${file}\n\n`);
  const r = spawnSync(process.execPath, [path.join(__dirname, file), ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
