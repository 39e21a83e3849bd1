/**
 * Throughput of the consent-coverage hot loop on a seeded synthetic workload. Build with `npm run build`,
 * run with `node dist/bench/detection/detection.bench.js [captures] [runs]`. Prints the median over runs.
 */
import { PURPOSES, type CapturePurpose, type ConsentMethod, type Purpose } from '@app/common';
import { ConsentIndex, FindingAccumulator, type CoverageCapture, type CoverageConsent } from '@app/detection';

/** mulberry32: a small, well-known 32-bit PRNG; enough for a reproducible workload. */
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

const CAPTURES = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 7);
const SUBJECTS = 20_000;
const DEVICES = 12;
const SITES = 4;
const START = Date.UTC(2019, 3, 1);
const SPAN = 640 * 86_400_000;
const METHODS: ConsentMethod[] = ['written', 'written', 'electronic', 'verbal', 'notice_only'];

function workload(seed: number): { consents: CoverageConsent[]; captures: CoverageCapture[] } {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const consents: CoverageConsent[] = [];
  let id = 1;
  for (let s = 0; s < SUBJECTS; s++) {
    const n = Math.floor(rnd() * 4); // 0..3 records: a quarter of subjects have none
    for (let k = 0; k < n; k++) {
      const givenAt = START + Math.floor(rnd() * SPAN);
      consents.push({
        id: id++,
        subjectRef: `P${s}`,
        givenAt,
        purposes: [pick(PURPOSES), pick(PURPOSES)] as Purpose[],
        method: pick(METHODS),
        separateConsent: rnd() < 0.8,
        guardianConsent: rnd() < 0.3,
        subjectBirthDate:
          rnd() < 0.1 ? `20${10 + Math.floor(rnd() * 9)}-0${1 + Math.floor(rnd() * 9)}-15` : null,
        withdrawnAt: rnd() < 0.15 ? givenAt + Math.floor(rnd() * SPAN) : null,
        expiresAt: rnd() < 0.15 ? givenAt + Math.floor(rnd() * SPAN) : null,
      });
    }
  }
  // As in real logs, a device has one declared purpose (some none) and a capture rarely states its own.
  const purposes: CapturePurpose[] = [...PURPOSES, 'unspecified'];
  const devicePurpose = Array.from({ length: DEVICES }, () => pick(purposes));
  const captures: CoverageCapture[] = [];
  for (let i = 0; i < CAPTURES; i++) {
    // Each subject is seen at the devices of one site (a visitor's sales office, a resident's gate).
    const subject = Math.floor(rnd() * SUBJECTS);
    const device = (subject % SITES) * (DEVICES / SITES) + Math.floor(rnd() * (DEVICES / SITES));
    captures.push({
      id: i + 1,
      deviceId: `D${device}`,
      subjectRef: rnd() < 0.1 ? null : `P${subject}`,
      occurredAt: START + Math.floor(rnd() * SPAN),
      purpose: rnd() < 0.05 ? pick(purposes) : devicePurpose[device],
    });
  }
  return { consents, captures };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main(): void {
  const { consents, captures } = workload(2021);
  const evaluateRates: number[] = [];
  const fullRates: number[] = [];
  const buildMs: number[] = [];
  const reportMs: number[] = [];
  let findings = 0;
  for (let r = 0; r < RUNS; r++) {
    const b0 = process.hrtime.bigint();
    const index = new ConsentIndex(consents, 'Asia/Shanghai');
    buildMs.push(Number(process.hrtime.bigint() - b0) / 1e6);

    const e0 = process.hrtime.bigint();
    let uncovered = 0;
    for (const c of captures) if (!index.evaluate(c).covered) uncovered++;
    evaluateRates.push(captures.length / (Number(process.hrtime.bigint() - e0) / 1e9));

    const acc = new FindingAccumulator();
    const f0 = process.hrtime.bigint();
    for (const c of captures) acc.add(c, index.evaluate(c));
    fullRates.push(captures.length / (Number(process.hrtime.bigint() - f0) / 1e9));
    const r0 = process.hrtime.bigint();
    const groups = acc.findings().length;
    reportMs.push(Number(process.hrtime.bigint() - r0) / 1e6);
    findings = acc.summary().capturesWithoutValidConsent;
    if (findings !== uncovered) throw new Error('evaluate and accumulate disagree');
    if (r === 0)
      console.log(
        `workload: ${captures.length} captures, ${consents.length} consents, ${groups} finding groups`,
      );
  }
  const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
  console.log(`captures without valid consent: ${findings}`);
  console.log(`index build (${consents.length} consents): median ${median(buildMs).toFixed(1)} ms`);
  console.log(`evaluate only:            median ${fmt(median(evaluateRates))} captures/s over ${RUNS} runs`);
  console.log(`evaluate + group:         median ${fmt(median(fullRates))} captures/s over ${RUNS} runs`);
  console.log(`findings() report:        median ${median(reportMs).toFixed(0)} ms`);
}

main();
