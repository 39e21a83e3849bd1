/**
 * Recognition benchmarks: statistics throughput on 10 million synthetic comparisons, comparisons-CSV
 * reading, and the bundled engine's speed and accuracy (EER, FNMR at FMR ≤ 1 %) per mask condition on
 * dlib's johns set, fetched at run time. Build with `npm run build`, then
 * `node dist/bench/recognition/recognition.bench.js [comparisons=10000000] [workdir=/tmp/bioaudit-bench-recognition]`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ComparisonSet,
  analyseComparisons,
  decodeImage,
  evaluateDatasetFile,
  parseClaim,
  readComparisonsCsv,
  readManifestRecords,
  ReferenceFaceEngine,
} from '@app/recognition';
import { fetchDlibJohns } from './dlib-johns';

const COMPARISONS = Number(process.argv[2] ?? 10_000_000);
const WORKDIR = process.argv[3] ?? '/tmp/bioaudit-bench-recognition';

/** mulberry32: a small 32-bit PRNG for a reproducible workload. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Box–Muller normal deviate from two uniforms. */
function normal(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(rnd() || 1e-300)) * Math.cos(2 * Math.PI * rnd());
}

function syntheticSet(n: number, subjects: number): ComparisonSet {
  const rnd = mulberry32(42);
  const probe = new Int32Array(n);
  const reference = new Int32Array(n);
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = i % subjects;
    const mated = i % 100 === 0;
    probe[i] = p;
    reference[i] = mated ? p : (p + 1 + Math.floor(rnd() * (subjects - 1))) % subjects;
    score[i] = (mated ? 4 : 0) + normal(rnd);
  }
  return new ComparisonSet(
    Array.from({ length: subjects }, (_, s) => `s${s}`),
    probe,
    reference,
    score,
    new Uint8Array(n),
  );
}

async function statistics(): Promise<Record<string, number>> {
  const set = syntheticSet(COMPARISONS, 20_000);
  const claim = parseClaim({ metric: 'FNMR', max: 0.1, atFMR: 0.0001 });
  const times: number[] = [];
  let eer = 0;
  for (let run = 0; run < 3; run++) {
    const t = performance.now();
    const report = analyseComparisons(set, { claim });
    times.push(performance.now() - t);
    eer = report.eer ?? NaN;
  }
  const median = [...times].sort((a, b) => a - b)[1];

  const csvRows = 1_000_000;
  mkdirSync(WORKDIR, { recursive: true });
  const csv = join(WORKDIR, 'comparisons-1m.csv');
  const rnd = mulberry32(7);
  const lines = ['probeSubject,referenceSubject,score'];
  for (let i = 0; i < csvRows; i++) {
    const p = i % 5000;
    const mated = i % 100 === 0;
    lines.push(
      `s${p},s${mated ? p : (p + 1 + (i % 4999)) % 5000},${((mated ? 4 : 0) + normal(rnd)).toFixed(6)}`,
    );
  }
  writeFileSync(csv, `${lines.join('\n')}\n`);
  const t = performance.now();
  await readComparisonsCsv(csv);
  const csvMs = performance.now() - t;
  return {
    comparisons: COMPARISONS,
    analyseSecondsMedian: median / 1000,
    comparisonsPerSecond: COMPARISONS / (median / 1000),
    eer,
    csvRowsPerSecond: csvRows / (csvMs / 1000),
  };
}

async function engine(manifest: string): Promise<Record<string, number>> {
  const engine = await ReferenceFaceEngine.bundled();
  const images = readManifestRecords(
    readFileSync(manifest, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(',')),
  );
  const base = join(manifest, '..');
  const decoded = await Promise.all(images.map((i) => decodeImage(join(base, i.path))));
  await engine.template(decoded[0]); // warm-up: first calls compile kernels
  let detectMs = 0;
  let templateMs = 0;
  let faces = 0;
  for (const image of decoded) {
    let t = performance.now();
    const found = await engine.detect(image);
    detectMs += performance.now() - t;
    t = performance.now();
    const template = await engine.template(image);
    templateMs += performance.now() - t;
    faces += found.length > 0 && template.face !== null ? 1 : 0;
  }
  return {
    images: decoded.length,
    facesFound: faces,
    detectMsPerImage: detectMs / decoded.length,
    // Human computes detection and embedding in one pass; template() = detect + FaceRes embedding.
    detectAndEmbedMsPerFace: templateMs / decoded.length,
    facesPerSecondEndToEnd: decoded.length / (templateMs / 1000),
  };
}

async function main(): Promise<void> {
  const stats = await statistics();
  console.log(JSON.stringify({ statistics: stats }, null, 2));
  const manifest = fetchDlibJohns(join(WORKDIR, 'dlib'));
  console.log(JSON.stringify({ engine: await engine(manifest) }, null, 2));
  const started = performance.now();
  const report = await evaluateDatasetFile(manifest, {
    claim: { metric: 'FNMR', max: 0.05, atFMR: 0.01, condition: 'masked-probe' },
  });
  const again = await evaluateDatasetFile(manifest, {
    claim: { metric: 'FNMR', max: 0.05, atFMR: 0.01, condition: 'masked-probe' },
  });
  const deterministic = JSON.stringify(report) === JSON.stringify(again);
  console.log(
    `dataset evaluation: ${((performance.now() - started) / 2000).toFixed(1)} s per run; deterministic: ${deterministic}`,
  );
  console.log(
    '| condition | genuine / impostor pairs | EER | FNMR @ FMR ≤ 1 % | FNMR at the unmasked FMR 1 % threshold | FTA (genuine/impostor) |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const { condition, report: r } of report.conditions) {
    const at1 = r.fnmrAtFmr.find((f) => f.fmrTarget === 0.01);
    const pct = (x: number | null | undefined) => (x == null ? '—' : `${(x * 100).toFixed(1)} %`);
    console.log(
      `| ${condition} | ${r.genuine.n + r.failuresToAcquire.genuine} / ${r.impostor.n + r.failuresToAcquire.impostor} | ${pct(r.eer)} | ${pct(at1?.fnmr)} | ${pct(r.genuine.rate)} (FMR ${pct(r.impostor.rate)}) | ${r.failuresToAcquire.genuine}/${r.failuresToAcquire.impostor} |`,
    );
  }
  console.log(`verdict (${report.claimCondition}): ${report.verdict?.result} — ${report.verdict?.reason}`);
  console.log(`threshold: ${JSON.stringify(report.operatingPoint)}`);
  console.log(`images without a masked template: ${report.images.filter((i) => !i.maskedTemplate).length}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
